/**
 * Issue 16.10: a burst beside a CPU-hog neighbour. The bot (bench/burst-bot.ts, its own process) shares the cores with
 * `node -e "for(;;){}"`; 1,000 /quotes and /summary commands are dispatched at once, then 1,000 autocomplete events
 * within a second. Once with the router acknowledging nothing before the work (before), once with its defaults (after).
 * `npm run bench -- --only hog` runs this section alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InteractionSpec, LocalDiscordServer, UserSpec } from '../discord-emulator/index.js';
import type { Backlog } from '../src/discord/backlog.js';
import { benchServer, benchUsers, commandSpecs, runBurst, startBotProcess, stopProcessGroup, WARM_UP, warmUp, type BurstFigures, type EndToEndPlan } from './e2e.js';
import { endToEndPlan } from './e2e-plan.js';
import { floor, ms, table, type SectionOptions } from './harness.js';

interface Options extends SectionOptions {
  readonly corpusDir: string;
}

type BacklogStats = Backlog['stats'];

export interface BurstHogRun {
  readonly deferFirst: boolean;
  readonly commands: BurstFigures;
  readonly autocomplete: BurstFigures;
  readonly backlog: BacklogStats | null;
  /** Log lines at error level or above while the bursts ran. */
  readonly errorLines: number;
}

interface BotChild {
  readonly child: ChildProcess;
  readonly exited: Promise<never>;
  errorLines(): number;
  backlog(): Promise<BacklogStats | null>;
}

/** bench/burst-bot.ts beside our server, counting the log lines it writes at error level or above. */
function startBot(server: LocalDiscordServer, corpusDir: string, dataDir: string, deferFirst: boolean): BotChild {
  let errors = 0;
  let partial = '';
  const onStdout = (chunk: string): void => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (/"level":(5|6)\d/.test(line)) errors++;
  };
  const script = ['bench/burst-bot.ts', '--defer-first', deferFirst ? 'on' : 'off'];
  const { child, exited } = startBotProcess(server, corpusDir, dataDir, { script, ipc: true, onStdout });
  const backlog = (): Promise<BacklogStats | null> =>
    new Promise((resolvePromise) => {
      const timer = setTimeout(() => resolvePromise(null), 5000);
      child.once('message', (message) => {
        clearTimeout(timer);
        resolvePromise(message as BacklogStats);
      });
      child.send('backlog');
    });
  return { child, exited, errorLines: () => errors, backlog };
}

/** A neighbour that eats one core for as long as it runs. */
function startHog(): ChildProcess {
  return spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore', detached: true });
}

function stopHog(hog: ChildProcess): Promise<void> {
  return new Promise((resolvePromise) => {
    if (hog.exitCode !== null || hog.pid === undefined) return resolvePromise();
    hog.once('close', () => resolvePromise());
    hog.kill('SIGKILL');
  });
}

const pause = (msDelay: number) => new Promise((resolvePromise) => setTimeout(resolvePromise, msDelay));

/** What users type into /quotes speaker: the first letters of a name. */
function autocompleteSpecs(plan: EndToEndPlan, users: readonly UserSpec[], count: number): InteractionSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const speaker = plan.speakers[i % plan.speakers.length] ?? '';
    return { type: 'autocomplete', name: 'quotes', options: { speaker: speaker.slice(0, 2 + (i % 4)) }, focused: 'speaker', user: users[i % users.length]?.key ?? 'owner' };
  });
}

async function runOnce(plan: EndToEndPlan, deferFirst: boolean, log: (line: string) => void): Promise<BurstHogRun> {
  const readers = benchUsers(Math.ceil(plan.interactions / 4), 'reader', 1_400_000_000_000_000_000n);
  const warmers = benchUsers(WARM_UP / 4, 'warmer', 1_500_000_000_000_000_000n);
  const server = await benchServer([...readers, ...warmers]);
  const dataDir = await mkdtemp(join(tmpdir(), 'ringkas-bench-burst-'));
  const bot = startBot(server, plan.corpusDir, dataDir, deferFirst);
  let hog: ChildProcess | null = null;
  try {
    await Promise.race([server.waitForCommands(['summary', 'quotes'], { timeoutMs: 180_000 }), bot.exited]);
    await warmUp(server, plan, warmers);
    hog = startHog();
    await pause(500);
    const errorsBefore = bot.errorLines();
    const commands = await runBurst(server, commandSpecs(plan, plan.interactions, readers, WARM_UP / 2), null, bot.child, bot.exited);
    await pause(1000);
    const autocomplete = await runBurst(server, autocompleteSpecs(plan, readers, plan.interactions), plan.interactions, bot.child, bot.exited);
    await pause(500);
    const run = { deferFirst, commands, autocomplete, backlog: await bot.backlog(), errorLines: bot.errorLines() - errorsBefore };
    log(`  ${deferFirst ? 'after ' : 'before'}: ${commands.missed} of ${commands.interactions} commands missed 3 s, ${autocomplete.missed} of ${autocomplete.interactions} autocomplete unanswered`);
    return run;
  } finally {
    if (hog !== null) await stopHog(hog);
    await stopProcessGroup(bot.child);
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function benchBurst({ quick, log, results, floors, corpusDir }: Options): Promise<void> {
  const interactions = quick ? 300 : 1000;
  const plan = await endToEndPlan(corpusDir, interactions, [null]);
  const runs: BurstHogRun[] = [];
  for (const deferFirst of [false, true]) runs.push(await runOnce(plan, deferFirst, log));
  results.burstHog = runs;
  log(`${interactions} /quotes and /summary at once, then ${interactions} autocomplete within a second, beside \`node -e "for(;;){}"\``);
  log(
    table(
      ['router', 'missed 3 s', 'deferred', 'callback p50', 'p99', 'max', 'answer read p50', 'p99', 'no embed', 'autocomplete answered', 'dropped', 'unanswered', 'error lines'],
      runs.map((run) => [
        run.deferFirst ? 'acknowledges first when busy (after)' : 'work before the answer (before)',
        String(run.commands.missed),
        String(run.commands.deferred),
        ms(run.commands.latency.p50),
        ms(run.commands.latency.p99),
        ms(run.commands.latency.max),
        ms(run.commands.answerLatency.p50),
        ms(run.commands.answerLatency.p99),
        String(run.commands.notEmbeds),
        String(run.autocomplete.interactions - run.autocomplete.missed),
        String(run.backlog?.droppedAutocompletes ?? '?'),
        String(run.autocomplete.missed),
        String(run.errorLines),
      ]),
    ),
  );
  for (const run of runs) if (run.commands.notEmbedSamples.length > 0) log(`  ${run.deferFirst ? 'after' : 'before'}, answers without an embed, e.g.: ${run.commands.notEmbedSamples.join(' | ')}`);
  const after = runs.find((run) => run.deferFirst);
  if (after !== undefined) {
    floors.push(floor(`missed 3 s deadlines, ${interactions} at once beside a CPU hog`, after.commands.missed, 'max', 1, 'interactions', 'issue 16.10: none missed'));
    floors.push(floor(`answers without an embed, ${interactions} at once beside a CPU hog`, after.commands.notEmbeds, 'max', 1, 'interactions', 'a burst answered with apologies proves nothing'));
    floors.push(floor(`error log lines during both bursts beside a CPU hog`, after.errorLines, 'max', 1, 'lines', 'issue 16.10: late autocomplete dropped quietly'));
  }
}
