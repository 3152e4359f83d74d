import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_IDS, type UserSpec } from '../src/local/world.js';
import { startDiscordServer, type InteractionActivity, type InteractionSpec, type LocalDiscordServer } from '../src/local/server.js';
import { latencyOf, type Latency } from './harness.js';
import { REPO_ROOT } from './corpus.js';

export interface EndToEndFigures {
  readonly interactions: number;
  readonly byCommand: Record<string, number>;
  readonly users: number;
  /** From the first dispatch to the last answer. */
  readonly wallMs: number;
  readonly perSecond: number;
  /** Dispatch of INTERACTION_CREATE to the bot's first callback, as the server saw them. */
  readonly latency: Latency;
  readonly missed: number;
  /** Answers that were not a plain reply with an embed (errors, cooldowns, refusals). */
  readonly notEmbeds: number;
  /** A few of those answers' texts, to tell an apology from a cooldown. */
  readonly notEmbedSamples: readonly string[];
  readonly rejected: number;
  readonly deferred: number;
  /** How long the bot process took from spawn to commands registered. */
  readonly botStartMs: number;
}

export interface EndToEndPlan {
  readonly corpusDir: string;
  readonly interactions: number;
  /** Speakers to ask /quotes about and articles to ask /summary of. */
  readonly speakers: readonly string[];
  readonly articleIds: readonly string[];
  /** Users to spread the burst over: the bot's per-user cooldown would otherwise refuse most of it. */
  readonly users: number;
}

const WARM_UP = 40;

function benchUsers(count: number): UserSpec[] {
  return Array.from({ length: count }, (_, i) => ({ key: `reader${i}`, id: String(1_400_000_000_000_000_000n + BigInt(i)), username: `reader${i}` }));
}

/** The real bot entry (`src/main.ts`) in its own process, in Discord mode, pointed at our server. */
function startBotProcess(server: LocalDiscordServer, corpusDir: string, dataDir: string): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DISCORD_TOKEN: server.token,
    DISCORD_API_BASE: server.apiUrl,
    DISCORD_APPLICATION_ID: server.applicationId,
    DISCORD_GUILD_ID: server.guild.id,
    CORPUS_DIR: corpusDir,
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.BENCH_BOT_LOG_LEVEL ?? 'info',
    // BENCH_BOT_CPU_PROF=<dir> profiles the bot process (written when it exits)
    ...(process.env.BENCH_BOT_CPU_PROF === undefined ? {} : { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_BOT_CPU_PROF}` }),
  };
  const child = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['src/main.ts'], { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  // BENCH_BOT_LOG=<file> keeps the bot's log for a closer look
  const keep = process.env.BENCH_BOT_LOG === undefined ? null : createWriteStream(process.env.BENCH_BOT_LOG);
  for (const stream of [child.stdout, child.stderr]) {
    if (keep === null) stream?.resume();
    else stream?.pipe(keep, { end: false });
  }
  return child;
}

function stopProcessGroup(child: ChildProcess): Promise<void> {
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

/**
 * A burst of /quotes and /summary interactions, all dispatched at once through our Discord-compatible server to the real
 * bot process (discord.js Client, unmodified); the server holds the 3 s deadline and records every answer.
 */
export async function measureEndToEnd(plan: EndToEndPlan): Promise<EndToEndFigures> {
  const users = benchUsers(plan.users);
  const warmers = benchUsers(WARM_UP / 4).map((u, i) => ({ ...u, key: `warmer${i}`, id: String(1_500_000_000_000_000_000n + BigInt(i)), username: `warmer${i}` }));
  const server = await startDiscordServer({
    world: {
      users: [{ key: 'owner', id: DEFAULT_IDS.owner, username: 'owner' }, ...users, ...warmers],
      guilds: [
        {
          id: DEFAULT_IDS.guild,
          name: 'Ringkas Bench',
          owner: 'owner',
          channels: [{ name: 'general', id: DEFAULT_IDS.general }],
          members: [{ user: 'owner' }, ...[...users, ...warmers].map((u) => ({ user: u.key }))],
        },
      ],
    },
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'ringkas-bench-e2e-'));
  const started = performance.now();
  const bot = startBotProcess(server, plan.corpusDir, dataDir);
  try {
    await server.waitForCommands(['summary', 'quotes'], { timeoutMs: 120_000 });
    const botStartMs = performance.now() - started;

    const burst = (count: number, from: readonly UserSpec[]): InteractionSpec[] => Array.from({ length: count }, (_, i) => {
      const user = from[i % from.length]?.key ?? 'owner';
      return i % 2 === 0
        ? { type: 'command', name: 'quotes', options: { speaker: plan.speakers[(i / 2) % plan.speakers.length] ?? 'Jokowi' }, user, locale: 'id' }
        : { type: 'command', name: 'summary', options: { article: plan.articleIds[((i - 1) / 2) % plan.articleIds.length] ?? '' }, user, locale: 'id' };
    });
    // a bot that has been up a while: its first answers pay for lazy loading and cold code
    const warmUp = burst(WARM_UP, warmers);
    for (let i = 0; i < warmUp.length; i += 8) await Promise.all(warmUp.slice(i, i + 8).map((spec) => server.sendInteraction(spec).settled({ quietMs: 10 })));
    const specs = burst(plan.interactions, users);

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
    const first = performance.now();
    const handles = specs.map((spec) => {
      const handle = server.sendInteraction(spec);
      dispatchedAt.set(handle.id, performance.now());
      return handle;
    });
    await allDone;
    // follow-ups and edits of deferred answers land a little after the callback
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 300));
    server.off('interaction', onActivity);
    const outcomes = handles.map((h) => h.outcome());
    const lastAnswer = Math.max(...answeredAt.values());

    const latencies = handles.flatMap((h) => {
      const sent = dispatchedAt.get(h.id);
      const answered = answeredAt.get(h.id);
      return sent === undefined || answered === undefined ? [] : [answered - sent];
    });
    const plain = outcomes.filter((o) => (o.reply?.embeds.length ?? 0) === 0);
    const byCommand: Record<string, number> = {};
    for (const spec of specs) if (spec.type === 'command') byCommand[spec.name] = (byCommand[spec.name] ?? 0) + 1;
    return {
      interactions: specs.length,
      byCommand,
      users: users.length,
      wallMs: lastAnswer - first,
      perSecond: (specs.length / (lastAnswer - first)) * 1000,
      latency: latencyOf(latencies),
      missed: outcomes.filter((o) => o.status === 'missed').length,
      notEmbeds: plain.length,
      notEmbedSamples: [...new Set(plain.map((o) => `${String(o.payload.data && (o.payload.data as { name?: string }).name)}: ${o.reply?.content ?? '(no reply)'}`))].slice(0, 3),
      rejected: outcomes.reduce((n, o) => n + o.rejections.length, 0),
      deferred: outcomes.filter((o) => o.deferred).length,
      botStartMs,
    };
  } finally {
    await stopProcessGroup(bot);
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
