import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_IDS,
  startDiscordServer,
  type InteractionActivity,
  type InteractionHandle,
  type InteractionSpec,
  type LocalDiscordServer,
  type UserSpec,
} from '../discord-emulator/index.js';
import { latencyOf, type Latency } from './harness.js';
import { REPO_ROOT } from './corpus.js';

/** One burst: `offeredPerSecond` null when all its interactions are dispatched at once. */
export interface BurstFigures {
  readonly offeredPerSecond: number | null;
  readonly interactions: number;
  readonly byCommand: Record<string, number>;
  readonly users: number;
  /** From the first dispatch to the last answer (a deferred one's when its "thinking…" was filled). */
  readonly wallMs: number;
  /** Answers per second over that time: the bot's capacity when everything is dispatched at once. */
  readonly perSecond: number;
  /** Dispatch of INTERACTION_CREATE to the bot's first callback, as the server saw them: what the 3 s deadline holds. */
  readonly latency: Latency;
  /** Dispatch to the answer the user reads: the callback's message, or the edit or follow-up after a deferral. */
  readonly answerLatency: Latency;
  readonly missed: number;
  /** Answers that were not a reply with an embed (errors, cooldowns, refusals, or none in time). */
  readonly notEmbeds: number;
  /** A few of those answers' texts, to tell an apology from a cooldown. */
  readonly notEmbedSamples: readonly string[];
  /** Requests the server refused (late callbacks after the deadline among them). */
  readonly rejected: number;
  readonly deferred: number;
  /** CPU time spent meanwhile by the bot's processes and by this process (the server), to see which side is the limit. */
  readonly botCpuMs: number | null;
  readonly serverCpuMs: number;
}

export interface EndToEndFigures {
  /** How long the bot process took from spawn to commands registered. */
  readonly botStartMs: number;
  readonly warmUp: number;
  readonly bursts: readonly BurstFigures[];
}

export interface EndToEndPlan {
  readonly corpusDir: string;
  /** Interactions per burst. */
  readonly interactions: number;
  /** One burst per entry, in order: a pace in interactions per second, or null for all at once. */
  readonly rates: readonly (number | null)[];
  /** Speakers to ask /quotes about and articles to ask /summary of: enough for the warm-up and every burst. */
  readonly speakers: readonly string[];
  readonly articleIds: readonly string[];
  /** Users per burst: the bot's per-user cooldown would otherwise refuse most of it. */
  readonly usersPerBurst: number;
}

/** Interactions answered before the burst; the plan holds this many speakers and articles beyond the burst's own. */
export const WARM_UP = 40;

export function benchUsers(count: number, name: string, firstId: bigint): UserSpec[] {
  return Array.from({ length: count }, (_, i) => ({ key: `${name}${i}`, id: String(firstId + BigInt(i)), username: `${name}${i}` }));
}

export interface BotProcessOptions {
  /** The script and its arguments; default the real bot entry, src/main.ts. */
  readonly script?: readonly string[];
  /** Opens an IPC channel to the child (bench/burst-bot.ts answers questions on it). */
  readonly ipc?: boolean;
  /** Told each chunk the bot writes to stdout. */
  readonly onStdout?: (chunk: string) => void;
}

/** The bot (by default the real entry, `src/main.ts`) in its own process, in Discord mode, pointed at our server. */
export function startBotProcess(server: LocalDiscordServer, corpusDir: string, dataDir: string, options: BotProcessOptions = {}): { child: ChildProcess; exited: Promise<never> } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DISCORD_TOKEN: server.token,
    DISCORD_API_BASE: server.apiUrl,
    DISCORD_APPLICATION_ID: server.applicationId,
    DISCORD_GUILD_ID: server.guild.id,
    CORPUS_DIR: corpusDir,
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.BENCH_BOT_LOG_LEVEL ?? 'info',
  };
  // BENCH_BOT_CPU_PROF=<dir> profiles the bot process (the profile is written when it exits)
  const profileDir = process.env.BENCH_BOT_CPU_PROF;
  const script = options.script ?? ['src/main.ts'];
  const [command, args] =
    profileDir === undefined
      ? [join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [...script]]
      : [process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--import', 'tsx', ...script]];
  const stdio: ('ignore' | 'pipe' | 'ipc')[] = ['ignore', 'pipe', 'pipe', ...(options.ipc === true ? (['ipc'] as const) : [])];
  const child = spawn(command, args, { cwd: REPO_ROOT, env, detached: true, stdio });
  // BENCH_BOT_LOG=<file> keeps the bot's log for a closer look
  const keep = process.env.BENCH_BOT_LOG === undefined ? null : createWriteStream(process.env.BENCH_BOT_LOG);
  let tail = '';
  child.stdout?.on('data', (chunk: Buffer) => options.onStdout?.(chunk.toString('utf8')));
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-3000);
      keep?.write(chunk);
    });
  }
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => reject(new Error(`the bot process exited (${code ?? signal}) before the burst was over: ${tail.trim()}`))),
  );
  exited.catch(() => undefined);
  return { child, exited };
}

export function stopProcessGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolvePromise) => {
    if (child.exitCode !== null || child.pid === undefined) return resolvePromise();
    child.once('close', () => resolvePromise());
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      resolvePromise();
    }
  });
}

type Dispatch = (spec: InteractionSpec) => InteractionHandle;

const CLOCK_TICKS_PER_SECOND = 100;

async function descendants(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`);
  const lists = await Promise.all(tasks.map((task) => readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '')));
  const children = lists.join(' ').split(/\s+/).filter((p) => p !== '').map(Number);
  const below = await Promise.all(children.map((child) => descendants(child).catch(() => [])));
  return [...children, ...below.flat()];
}

/** User + system CPU so far of a process and every process below it, from /proc (Linux); null elsewhere. */
async function processTreeCpuMs(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  try {
    let ticks = 0;
    for (const id of [pid, ...(await descendants(pid))]) {
      const stat = await readFile(`/proc/${id}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Sends the specs (at once, or at `rate` per second) and collects when each was answered. */
export async function runBurst(server: LocalDiscordServer, specs: readonly InteractionSpec[], rate: number | null, bot: ChildProcess, exited: Promise<never>): Promise<BurstFigures> {
  const botCpuBefore = await processTreeCpuMs(bot.pid);
  const serverCpuBefore = process.cpuUsage();
  const dispatchedAt = new Map<string, number>();
  const answeredAt = new Map<string, number>();
  let missed = 0;
  let resolveAll: () => void = () => {};
  const allDone = new Promise<void>((resolvePromise) => (resolveAll = resolvePromise));
  const onActivity = (activity: InteractionActivity): void => {
    if (activity.event.kind === 'callback' && !answeredAt.has(activity.interactionId)) answeredAt.set(activity.interactionId, performance.now());
    else if (activity.event.kind === 'missed') missed++;
    else return;
    if (answeredAt.size + missed >= specs.length) resolveAll();
  };
  server.on('interaction', onActivity);
  const handles: InteractionHandle[] = [];
  const dispatch: Dispatch = (spec) => {
    const handle = server.sendInteraction(spec);
    dispatchedAt.set(handle.id, performance.now());
    handles.push(handle);
    return handle;
  };
  const first = performance.now();
  const firstWall = Date.now();
  if (rate === null) specs.forEach(dispatch);
  else {
    while (handles.length < specs.length) {
      const due = Math.min(specs.length, Math.floor(((performance.now() - first) * rate) / 1000) + 1);
      for (const spec of specs.slice(handles.length, due)) dispatch(spec);
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 5));
    }
  }
  await Promise.race([allDone, exited]);
  // a deferred answer is only read once its "thinking…" is filled, or deleted and followed up (quiet for that follow-up)
  await Promise.race([Promise.allSettled(handles.map((h) => h.settled({ quietMs: 500, timeoutMs: 120_000 }))), exited]);
  const deletedAwaitingFollowUp = (h: InteractionHandle): boolean => {
    const kinds = h.outcome().events.map((e) => e.kind);
    return kinds.includes('delete') && !kinds.includes('followup');
  };
  for (let waited = 0; waited < 60_000 && handles.some(deletedAwaitingFollowUp); waited += 200) await new Promise((resolvePromise) => setTimeout(resolvePromise, 200));
  const serverCpu = process.cpuUsage(serverCpuBefore);
  const botCpuAfter = await processTreeCpuMs(bot.pid);
  // follow-ups and edits of deferred answers land a little after the callback
  await new Promise((resolvePromise) => setTimeout(resolvePromise, 300));
  server.off('interaction', onActivity);

  const outcomes = handles.map((h) => h.outcome());
  // event times are the server's wall clock: the answer read is the callback itself unless it was a deferral
  const readAt = outcomes.flatMap((o) => {
    const callback = o.events.find((e) => e.kind === 'callback');
    const shown = callback?.kind === 'callback' && callback.type !== 5 ? callback : o.events.find((e) => e.kind === 'edit' || e.kind === 'followup');
    return shown === undefined ? [] : [{ id: o.id, at: shown.at }];
  });
  const sentWall = new Map(handles.map((h) => [h.id, firstWall + ((dispatchedAt.get(h.id) ?? first) - first)]));
  const lastAnswer = readAt.length > 0 ? first + (Math.max(...readAt.map((r) => r.at)) - firstWall) : Number.NaN;
  const latencies = handles.flatMap((h) => {
    const sent = dispatchedAt.get(h.id);
    const answered = answeredAt.get(h.id);
    return sent === undefined || answered === undefined ? [] : [answered - sent];
  });
  // a private answer after a public deferral is a follow-up, the "thinking…" deleted
  const plain = outcomes.filter((o) => !o.messages.some((m) => m.embeds.length > 0));
  const byCommand: Record<string, number> = {};
  for (const spec of specs) if (spec.type === 'command') byCommand[spec.name] = (byCommand[spec.name] ?? 0) + 1;
  return {
    offeredPerSecond: rate,
    interactions: specs.length,
    byCommand,
    users: new Set(specs.map((spec) => spec.user)).size,
    wallMs: lastAnswer - first,
    perSecond: (readAt.length / (lastAnswer - first)) * 1000,
    latency: latencyOf(latencies),
    answerLatency: latencyOf(readAt.map((r) => r.at - (sentWall.get(r.id) ?? firstWall))),
    missed,
    notEmbeds: plain.length,
    notEmbedSamples: [
      ...new Set(plain.map((o) => `${String((o.payload.data as { name?: string } | undefined)?.name)}: ${o.messages[0]?.content ?? `(no reply; ${o.events.map((e) => e.kind).join(', ') || 'nothing'})`}`)),
    ].slice(0, 3),
    rejected: outcomes.reduce((n, o) => n + o.rejections.length, 0),
    deferred: outcomes.filter((o) => o.deferred).length,
    botCpuMs: botCpuBefore === null || botCpuAfter === null ? null : botCpuAfter - botCpuBefore,
    serverCpuMs: (serverCpu.user + serverCpu.system) / 1000,
  };
}

/** Our Discord-compatible server with one guild in which every bench user is a member. */
export function benchServer(users: readonly UserSpec[]): Promise<LocalDiscordServer> {
  return startDiscordServer({
    world: {
      users: [{ key: 'owner', id: DEFAULT_IDS.owner, username: 'owner' }, ...users],
      guilds: [
        {
          id: DEFAULT_IDS.guild,
          name: 'Ringkas Bench',
          owner: 'owner',
          channels: [{ name: 'general', id: DEFAULT_IDS.general }],
          members: [{ user: 'owner' }, ...users.map((u) => ({ user: u.key }))],
        },
      ],
    },
  });
}

/** /quotes and /summary in turn, by `from` in turn; from `offset` on, each asks about its own speaker or article (summaries are memoised). */
export function commandSpecs(plan: EndToEndPlan, count: number, from: readonly UserSpec[], offset: number): InteractionSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const user = from[i % from.length]?.key ?? 'owner';
    const at = offset + Math.floor(i / 2);
    return i % 2 === 0
      ? { type: 'command', name: 'quotes', options: { speaker: plan.speakers[at % plan.speakers.length] ?? '' }, user, locale: 'id' }
      : { type: 'command', name: 'summary', options: { article: plan.articleIds[at % plan.articleIds.length] ?? '' }, user, locale: 'id' };
  });
}

/** Warms a bot that has just started: its first answers pay for lazy loading and cold code. */
export async function warmUp(server: LocalDiscordServer, plan: EndToEndPlan, warmers: readonly UserSpec[]): Promise<void> {
  const specs = commandSpecs(plan, WARM_UP, warmers, 0);
  for (let i = 0; i < specs.length; i += 8) await Promise.all(specs.slice(i, i + 8).map((spec) => server.sendInteraction(spec).settled({ quietMs: 10 })));
}

/**
 * Bursts of /quotes and /summary interactions through our Discord-compatible server to the real bot process
 * (discord.js Client, unmodified); the server holds the 3 s deadline and records every answer.
 */
export async function measureEndToEnd(plan: EndToEndPlan): Promise<EndToEndFigures> {
  const pools = plan.rates.map((_, i) => benchUsers(plan.usersPerBurst, `reader${i}x`, 1_400_000_000_000_000_000n + BigInt(i * 10_000)));
  const warmers = benchUsers(WARM_UP / 4, 'warmer', 1_500_000_000_000_000_000n);
  const everyone = [...pools.flat(), ...warmers];
  const server = await benchServer(everyone);
  const dataDir = await mkdtemp(join(tmpdir(), 'ringkas-bench-e2e-'));
  const started = performance.now();
  const { child: bot, exited } = startBotProcess(server, plan.corpusDir, dataDir);
  try {
    await Promise.race([server.waitForCommands(['summary', 'quotes'], { timeoutMs: 120_000 }), exited]);
    const botStartMs = performance.now() - started;

    await warmUp(server, plan, warmers);

    const bursts: BurstFigures[] = [];
    for (const [i, rate] of plan.rates.entries()) {
      const specs = commandSpecs(plan, plan.interactions, pools[i] ?? [], WARM_UP / 2 + (i * plan.interactions) / 2);
      bursts.push(await runBurst(server, specs, rate, bot, exited));
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 1000));
    }
    return { botStartMs, warmUp: WARM_UP, bursts };
  } finally {
    await stopProcessGroup(bot);
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
