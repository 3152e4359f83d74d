import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manyGuilds, startDiscordServer, type LocalDiscordServer } from '../discord-emulator/index.js';
import type { GuildSpec } from '../discord-emulator/world/world.js';
import { parseConfig } from '../src/config.js';
import { SCHEDULER_LEASE } from '../src/digest/scheduler.js';
import { openStore, type Store } from '../src/store/index.js';
import { articleFile, storyProse } from './digest-fixtures.js';
import { TestDatabase } from './helpers/postgres.js';
import { repoRoot, scratchDir } from './helpers/tmp.js';
import { startNode, type BotRun } from './ops-process.js';

// Issue 15's test: two bot processes of two shards each (as two hosts would run them: SHARD_IDS), the emulator with four
// shards and 400 guilds, one store. A burst of 1,000 interactions; then scheduled digests in 50 channels a round, the
// process posting them killed with SIGKILL at a random point of each of 10 rounds and started again.

const SHARDS = 4;
const GUILDS = 400;
const CHANNELS_PER_GUILD = 3;
const BURST = 1_000;
const ROUNDS = Number(process.env.SCALE_ROUNDS ?? 10);
const DIGEST_CHANNELS = 50;
const MODERATORS = 25;
const MESSAGE_DELAY_MS = 250;
const seed = Number(process.env.SCALE_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** A small seeded generator, so a failing run can be repeated with SCALE_SEED. */
function random(): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

interface Process {
  readonly name: string;
  readonly shards: number[];
  runs: BotRun[];
  current: BotRun;
}

const outDir = join(repoRoot, `dist-test-scale-${randomBytes(4).toString('hex')}`);
let server: LocalDiscordServer;
let corpus: Awaited<ReturnType<typeof scratchDir>>;
let data: Awaited<ReturnType<typeof scratchDir>>;
let database: TestDatabase | null = null;
let databaseUrl: string | null = null;
let store: Store;
let env: Record<string, string>;
const processes: Process[] = [];
const next = random();

function start(proc: Omit<Process, 'current' | 'runs'> & Partial<Process>): Process {
  const run = startNode(join(outDir, 'src', 'main.js'), { ...env, SHARD_IDS: proc.shards.join(',') });
  const runs = [...(proc.runs ?? []), run];
  return Object.assign(proc, { runs, current: run }) as Process;
}

/** Every JSON log line of every run of every process. */
const allLines = (): Array<Record<string, unknown>> => processes.flatMap((p) => p.runs.flatMap((r) => r.lines()));

/** 400 guilds with three channels each; 200 users who each use five guilds; 25 moderators in every guild. */
function world(): { users: Array<{ key: string }>; guilds: GuildSpec[] } {
  const guilds = manyGuilds(GUILDS, { channelsPerGuild: CHANNELS_PER_GUILD });
  const users = [
    ...['owner', 'moderator', 'member'].map((key) => ({ key })),
    ...Array.from({ length: BURST / 5 }, (_, k) => ({ key: `user${k}` })),
    ...Array.from({ length: MODERATORS }, (_, k) => ({ key: `mod${k}` })),
  ];
  guilds.forEach((guild, g) => {
    for (let k = 0; k < BURST / 5; k++) if (Array.from({ length: 5 }, (_, j) => (5 * k + j) % GUILDS).includes(g)) guild.members?.push({ user: `user${k}` });
    for (let m = 0; m < MODERATORS; m++) guild.members?.push({ user: `mod${m}`, roles: ['moderator'] });
  });
  return { users, guilds };
}

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: () => string, everyMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

beforeAll(async () => {
  process.stdout.write(`scale test seed ${seed} (SCALE_SEED=${seed} repeats it)\n`);
  await promisify(execFile)(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), outDir], { cwd: repoRoot, timeout: 180_000 });
  // Correctness under load, not speed (the benchmarks measure that): a generous deadline, as two bots share two cores here.
  server = await startDiscordServer({ rateLimits: false, world: world(), sessionStartLimit: { maxConcurrency: 16 }, interactionDeadlineMs: 60_000 });
  corpus = await scratchDir();
  // Ten articles with long summaries: every digest needs several messages.
  for (let i = 0; i < 10; i++) {
    const title = `Laporan daerah nomor ${i + 1} tentang pembangunan jalan dan jembatan`;
    await corpus.write(`a${i}.txt`, articleFile(title, [storyProse(`${title} satu`, 180, 45), storyProse(`${title} dua`, 180, 45)], `Senin, ${i + 1} Juli 2024 - 08:00 WIB`));
  }
  data = await scratchDir();
  // One PostgreSQL as soon as the bot reads DATABASE_URL; until then both processes share the SQLite file in DATA_DIR.
  database = await TestDatabase.create();
  const url = await database.freshSchema();
  const honoursDatabaseUrl = (parseConfig({ DATABASE_URL: url }) as { databaseUrl?: unknown }).databaseUrl === url;
  databaseUrl = honoursDatabaseUrl ? url : null;
  env = {
    DISCORD_TOKEN: server.token, DISCORD_API_BASE: server.apiUrl, CORPUS_DIR: corpus.dir, DATA_DIR: data.dir,
    SHARD_COUNT: String(SHARDS), LOG_LEVEL: 'debug', ...(databaseUrl === null ? {} : { DATABASE_URL: databaseUrl }),
  };
  // One after the other, as two hosts would come up: two processes creating one SQLite file at the same moment race (the
  // store takes the other's new, still empty file for a broken one).
  for (const [name, shards] of [['A', [0, 1]], ['B', [2, 3]]] as const) {
    const proc = start({ name, shards: [...shards] });
    processes.push(proc);
    await proc.current.waitFor(/"msg":"ready"/, 120_000);
  }
  await server.waitForCommands(['help', 'search', 'digest'], { guildId: server.world.guilds[0]?.id, timeoutMs: 30_000 });
  ({ store } = await openStore({ dataDir: data.dir, databaseUrl, backups: false }));
}, 300_000);

afterAll(async () => {
  if (process.env.SCALE_LOGS !== undefined) {
    const { writeFile } = await import('node:fs/promises');
    for (const proc of processes) for (const [i, run] of proc.runs.entries()) await writeFile(join(process.env.SCALE_LOGS, `${proc.name}-${i}.log`), run.output());
  }
  for (const proc of processes) for (const run of proc.runs) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
  await store?.close();
  await database?.close();
  await server?.stop();
  await corpus?.cleanup();
  await data?.cleanup();
  await rm(outDir, { recursive: true, force: true });
});

const shardOf = (guildId: string): number => server.shardOf(guildId, SHARDS);
const owner = (guildId: string): Process => processes.find((p) => p.shards.includes(shardOf(guildId))) as Process;

describe('two processes, two shards each, one store', () => {
  it('each runs only its shards, and 1,000 interactions at once are answered once each, by the process that owns the guild\'s shard', async () => {
    const ready = processes.map((p) => p.current.lines().find((line) => line.msg === 'ready') as Record<string, unknown>);
    expect(ready.map((line) => line.shards)).toEqual([[0, 1], [2, 3]]);
    expect(ready.reduce((sum, line) => sum + (line.guilds as number), 0)).toBe(GUILDS);

    const guilds = server.world.guilds;
    const queries = ['Putin', 'jalan', 'jembatan', 'pembangunan', 'daerah'];
    const sent = Array.from({ length: BURST }, (_, i) => {
      const guild = guilds[(5 * Math.floor(i / 5) + (i % 5)) % GUILDS] as (typeof guilds)[number];
      const user = `user${Math.floor(i / 5)}`;
      return { guild, handle: server.sendInteraction({ type: 'command', name: 'search', options: { query: queries[i % queries.length] as string }, user, guild: guild.id, channel: guild.channels[0]?.id }) };
    });
    const outcomes = await Promise.all(sent.map((s) => s.handle.settled()));
    expect(outcomes.filter((o) => o.status !== 'answered').map((o) => o.status)).toEqual([]);
    expect(outcomes.filter((o) => o.rejections.length > 0)).toEqual([]);
    expect(outcomes.filter((o) => (o.reply?.embeds.length ?? 0) === 0).map((o) => o.reply?.content)).toEqual([]);

    const answeredBy = new Map<string, string[]>();
    for (const proc of processes) {
      for (const line of proc.current.lines()) {
        if (line.msg !== 'command answered') continue;
        const id = line.interactionId as string;
        answeredBy.set(id, [...(answeredBy.get(id) ?? []), proc.name]);
      }
    }
    const wrong = outcomes.flatMap((outcome, i) => {
      const by = answeredBy.get(outcome.id) ?? [];
      const expected = owner((sent[i] as (typeof sent)[number]).guild.id).name;
      return by.length === 1 && by[0] === expected ? [] : [`${outcome.id}: answered by [${by.join(', ')}], owner ${expected}`];
    });
    expect(wrong).toEqual([]);
    const perProcess = processes.map((p) => outcomes.filter((_, i) => owner((sent[i] as (typeof sent)[number]).guild.id) === p).length);
    expect(perProcess.every((count) => count > BURST / 4)).toBe(true);
  });

  it(`digests fire on schedule in ${DIGEST_CHANNELS} channels; the process posting them is killed with SIGKILL at ${ROUNDS} random points and restarted: every message exactly once, none lost`, async () => {
    const used = new Set<string>();
    for (let round = 1; round <= ROUNDS; round++) {
      // Which process posts the digests: the holder of the scheduler lease (host:pid:…).
      const holder = await store.leases.holder(SCHEDULER_LEASE, Date.now());
      const leader = processes.find((p) => holder === null ? false : holder.startsWith(`${hostname()}:${p.current.child.pid}:`));
      expect(leader, `lease holder ${holder}`).toBeDefined();
      const posting = leader as Process;

      // 50 channels not used before, in guilds of the posting process: /digest set there wakes its scheduler.
      const channels = server.world.guilds
        .filter((guild) => posting.shards.includes(shardOf(guild.id)))
        .flatMap((guild) => guild.channels.map((channel) => ({ guild: guild.id, channel: channel.id })))
        .filter((c) => !used.has(c.channel))
        .slice(0, DIGEST_CHANNELS);
      expect(channels).toHaveLength(DIGEST_CHANNELS);
      for (const c of channels) used.add(c.channel);
      // Discord takes its time with each post, channels unevenly (so a kill lands mid-digest, not between waves).
      channels.forEach((c, i) => server.injectDelay({ method: 'POST', path: `/channels/${c.channel}/messages` }, MESSAGE_DELAY_MS + (i % 10) * 40, { times: 1_000 }));
      const slot = Math.ceil((Date.now() + 20_000) / 60_000) * 60_000;
      const at = new Date(slot).toISOString().slice(11, 16);
      const sets = await Promise.all(
        channels.map((c, i) => server.runCommand('digest set', { channel: c.channel, schedule: at, timezone: 'UTC', size: 10 }, { user: `mod${i % MODERATORS}`, guild: c.guild, channel: c.channel })),
      );
      // Every schedule is in the store. (A reply can still fail after the schedule was saved: under this load a reused
      // keep-alive connection is sometimes closed under the request, "other side closed"; such users get the apology.)
      const saved = await Promise.all(channels.map((c) => store.schedules.get(c.channel)));
      expect(saved.filter((schedule) => schedule?.scheduleInput !== at)).toEqual([]);
      const apologies = sets.filter((set) => !JSON.stringify(set.reply).includes(at));
      expect(apologies.every((set) => JSON.stringify(set.reply).includes('Sorry, something went wrong'))).toBe(true);

      const digestsIn = (channel: string) => server.channelMessages(channel).filter((m) => m.interaction_metadata === undefined);
      const posted = (): number => channels.reduce((sum, c) => sum + digestsIn(c.channel).length, 0);
      const killAt = 1 + Math.floor(next() * 120);
      await waitUntil(() => posted() >= killAt, slot - Date.now() + 120_000, () => `${killAt} digest messages (round ${round}, ${posted()} so far)`, 25);
      expect(Date.now()).toBeGreaterThanOrEqual(slot);
      posting.current.child.kill('SIGKILL');
      await posting.current.exit;
      const atKill = posted();
      start(posting);
      await posting.current.waitFor(/"msg":"ready"/, 120_000);

      // The store says when a run is done (log lines of a killed process can be lost with it).
      const done = async (): Promise<number> => (await Promise.all(channels.map((c) => store.runs.latest(c.channel)))).filter((run) => run?.status === 'delivered').length;
      let finished = 0;
      await waitUntil(async () => (finished = await done()) === DIGEST_CHANNELS, 180_000, () => `every channel's digest (round ${round}: ${finished} of ${DIGEST_CHANNELS})`, 250);

      let total = 0;
      for (const c of channels) {
        const run = await store.runs.latest(c.channel);
        expect(run?.status).toBe('delivered');
        expect(run?.createdAt ?? 0, 'planned at its slot').toBeGreaterThanOrEqual(slot);
        expect(run?.createdAt ?? 0, 'planned at its slot').toBeLessThan(slot + 30_000);
        const recorded = await store.runs.messagesOf(run?.id as number);
        const inChannel = digestsIn(c.channel);
        expect(recorded.length).toBe(run?.messages);
        expect(recorded.length).toBeGreaterThanOrEqual(2);
        expect(recorded.every((m) => m.status === 'delivered')).toBe(true);
        expect(inChannel.map((m) => m.id).sort(), `channel ${c.channel}: each message once`).toEqual(recorded.map((m) => m.messageId).sort());
        total += inChannel.length;
      }
      process.stdout.write(`round ${round}: killed ${posting.name} after ${atKill} of ${total} messages${apologies.length > 0 ? `; ${apologies.length} /digest set replies failed after saving` : ''}\n`);
    }
    expect(await store.runs.pending()).toEqual([]);
  });
});
