import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manyGuilds, startDiscordServer, type InteractionHandle, type InteractionOutcome, type LocalDiscordServer } from '../discord-emulator/index.js';
import type { GuildSpec } from '../discord-emulator/world/world.js';
import { parseConfig } from '../src/config.js';
import { SCHEDULER_LEASE } from '../src/digest/scheduler.js';
import { openStore, type Store } from '../src/store/index.js';
import { articleFile, storyProse } from './digest-fixtures.js';
import { newsPage, newsParagraphs, rssFeed, startNewsSite, type NewsSite, type TestItem } from './feeds-fixtures.js';
import { TestDatabase } from './helpers/postgres.js';
import { repoRoot, scratchDir } from './helpers/tmp.js';
import { startNode, type BotRun } from './ops-process.js';

// Issue 15's test: two bot processes of two shards each (as two hosts would run them: SHARD_IDS), the emulator with four
// shards and 400 guilds, one store. A burst of 1,000 interactions; then digests in 50 channels a round, the process
// posting them killed with SIGKILL at a random point of each of 10 rounds and started again: in odd rounds scheduled
// digests (each waits for its minute), in even rounds /digest now in every channel; feeds followed in servers of both
// processes, their items fetched once each while all this goes on.

const SHARDS = 4;
const GUILDS = 400;
const CHANNELS_PER_GUILD = 3;
const BURST = 1_000;
const ROUNDS = Number(process.env.SCALE_ROUNDS ?? 10);
const DIGEST_CHANNELS = 50;
const MODERATORS = 25;
const MESSAGE_DELAY_MS = 250;
/** Discord's flag on a deferred reply that still shows "thinking…". */
const LOADING = 1 << 7;
const FEEDS = 10;
const ITEMS_PER_FEED = 4;
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
let site: NewsSite;
const processes: Process[] = [];
/** When each SIGKILL was sent: a page being fetched at that moment may be fetched again by the next poller. */
const kills: number[] = [];
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
  site = await startNewsSite();
  // One PostgreSQL as soon as the bot reads DATABASE_URL; until then both processes share the SQLite file in DATA_DIR.
  database = await TestDatabase.create();
  const url = await database.freshSchema();
  const honoursDatabaseUrl = (parseConfig({ DATABASE_URL: url }) as { databaseUrl?: unknown }).databaseUrl === url;
  databaseUrl = honoursDatabaseUrl ? url : null;
  env = {
    DISCORD_TOKEN: server.token, DISCORD_API_BASE: server.apiUrl, CORPUS_DIR: corpus.dir, DATA_DIR: data.dir,
    SHARD_COUNT: String(SHARDS), LOG_LEVEL: 'debug', ...(databaseUrl === null ? {} : { DATABASE_URL: databaseUrl }),
    // the news site is on 127.0.0.1; polls as often as allowed, with no pause between requests to one host
    ALLOW_PRIVATE_URLS: 'true', FEED_POLL_MINUTES: '2', FEED_HOST_DELAY_MS: '0',
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
  await site?.close();
  await corpus?.cleanup();
  await data?.cleanup();
  await rm(outDir, { recursive: true, force: true });
});

const shardOf = (guildId: string): number => server.shardOf(guildId, SHARDS);
const owner = (guildId: string): Process => processes.find((p) => p.shards.includes(shardOf(guildId))) as Process;

/** Batch `batch` of every feed: ITEMS_PER_FEED new items each, with their pages; the feeds list every batch so far. */
function publishFeeds(batch: number): TestItem[] {
  const fresh: TestItem[] = [];
  for (let k = 0; k < FEEDS; k++) {
    const items = Array.from({ length: batch * ITEMS_PER_FEED }, (_, n) => {
      const id = `f${k}-b${Math.floor(n / ITEMS_PER_FEED) + 1}-${n % ITEMS_PER_FEED}`;
      const title = `Kabar umpan ${k + 1} gelombang ${Math.floor(n / ITEMS_PER_FEED) + 1} nomor ${(n % ITEMS_PER_FEED) + 1} dari daerah ${id}`;
      return { id, title, link: site.url(`/read/${id}`), published: new Date(Date.UTC(2024, 6, 20, 8, n)).toISOString() };
    });
    for (const item of items.slice((batch - 1) * ITEMS_PER_FEED)) {
      site.page(`/read/${item.id}`, newsPage(item.title, newsParagraphs(item.id)));
      fresh.push(item);
    }
    site.feed(`/feeds/${k}.xml`, rssFeed(items, `Umpan ${k + 1}`));
  }
  return fresh;
}

/** Feed items in the corpus folder, as the poller writes them. */
async function feedFiles(): Promise<string[]> {
  return readdir(join(corpus.dir, 'feeds', '127.0.0.1')).catch(() => []);
}

/** Pages fetched more than once, leaving out those whose fetch a SIGKILL cut short (the next poller fetches them again). */
function pagesFetchedTwice(items: readonly TestItem[]): string[] {
  return items.flatMap((item) => {
    const path = `/read/${item.id}`;
    const hits = site.requests.filter((r) => r.path === path);
    const interrupted = hits.some((r) => kills.some((at) => at >= r.start - 1_000 && at <= (r.end || Date.now()) + 5_000));
    return hits.length === 1 || (interrupted && hits.length === 2) ? [] : [`${path}: fetched ${hits.length} times`];
  });
}

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
    // a command acknowledged first (busy) answers by an edit or a follow-up: read every message it sent
    expect(outcomes.filter((o) => !o.messages.some((m) => m.embeds.length > 0)).map((o) => o.messages.map((m) => m.content).join(' '))).toEqual([]);

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


  const firstBatch: TestItem[] = [];
  let secondBatch: TestItem[] = [];

  it(`${FEEDS} feeds followed in servers of both processes: one process polls them, every item fetched once and written into the corpus once`, async () => {
    firstBatch.push(...publishFeeds(1));
    const added = await Promise.all(
      Array.from({ length: FEEDS }, (_, k) => {
        // even feeds in guilds of process A's shards, odd ones in B's
        const guild = server.world.guilds.filter((g) => (k % 2 === 0 ? [0, 1] : [2, 3]).includes(shardOf(g.id)))[k] as (typeof server.world.guilds)[number];
        const channel = guild.channels[CHANNELS_PER_GUILD - 1]?.id as string;
        return server.runCommand('feed add', { url: site.url(`/feeds/${k}.xml`), channel }, { user: `mod${k % MODERATORS}`, guild: guild.id, channel });
      }),
    );
    expect(added.map((outcome) => JSON.stringify(outcome.reply)).filter((reply) => !reply.includes('Umpan'))).toEqual([]);
    await waitUntil(async () => (await feedFiles()).length === FEEDS * ITEMS_PER_FEED, 120_000, () => `${FEEDS * ITEMS_PER_FEED} feed items in the corpus`, 250);
    expect(pagesFetchedTwice(firstBatch)).toEqual([]);
    const pollers = new Set(allLines().filter((line) => line.msg === 'this process now polls the feeds').map((line) => line.instanceId));
    expect(pollers.size).toBeGreaterThanOrEqual(1);
  }, 180_000);

  it(`digests in ${DIGEST_CHANNELS} channels, on schedule and on request; the process posting them is killed with SIGKILL at ${ROUNDS} random points and restarted: every message exactly once, none lost, every request answered`, async () => {
    const used = new Set<string>();
    for (let round = 1; round <= ROUNDS; round++) {
      // Halfway, the feeds publish new items: the polls that find them run while processes are killed and restarted.
      if (round === Math.ceil(ROUNDS / 2)) secondBatch = publishFeeds(2);
      const onRequest = round % 2 === 0;
      // Who posts: for scheduled digests the holder of the scheduler lease (host:pid:…); /digest now is posted by the
      // process that owns the guild's shard, so on-request rounds take turns killing B and A.
      const holder = await store.leases.holder(SCHEDULER_LEASE, Date.now());
      const leader = onRequest ? processes[(round / 2) % 2] : processes.find((p) => holder === null ? false : holder.startsWith(`${hostname()}:${p.current.child.pid}:`));
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
      // Scheduled rounds: the next minute at least 20 s away. On-request rounds: a schedule half a day away, never due here.
      const slot = onRequest ? Math.ceil((Date.now() + 12 * 3_600_000) / 60_000) * 60_000 : Math.ceil((Date.now() + 20_000) / 60_000) * 60_000;
      const at = new Date(slot).toISOString().slice(11, 16);
      const moderatorOf = (c: (typeof channels)[number], i: number) => ({ user: `mod${i % MODERATORS}`, guild: c.guild, channel: c.channel });
      const sets = await Promise.all(channels.map((c, i) => server.runCommand('digest set', { channel: c.channel, schedule: at, timezone: 'UTC', size: 10 }, moderatorOf(c, i))));
      // Every schedule is in the store. (A reply can still fail after the schedule was saved: under this load a reused
      // keep-alive connection is sometimes closed under the request, "other side closed"; such users get the apology.)
      const saved = await Promise.all(channels.map((c) => store.schedules.get(c.channel)));
      expect(saved.filter((schedule) => schedule?.scheduleInput !== at)).toEqual([]);
      const apologies = sets.filter((set) => !JSON.stringify(set.reply).includes(at));
      expect(apologies.every((set) => JSON.stringify(set.reply).includes('Sorry, something went wrong'))).toBe(true);
      const requests: InteractionHandle[] = onRequest
        ? channels.map((c, i) => server.sendInteraction({ type: 'command', name: 'digest now', options: { channel: c.channel }, ...moderatorOf(c, i) }))
        : [];

      const digestsIn = (channel: string) => server.channelMessages(channel).filter((m) => m.interaction_metadata === undefined);
      const posted = (): number => channels.reduce((sum, c) => sum + digestsIn(c.channel).length, 0);
      // On request: the kill comes once every command was acknowledged (one caught before would be "missed" only after the
      // emulator's generous 60 s deadline), at a random point of what is left of the at least 100 messages.
      if (onRequest) await waitUntil(() => requests.every((request) => request.outcome().status === 'answered'), 60_000, () => 'every /digest now acknowledged', 25);
      const from = posted();
      const killAt = onRequest ? from + 1 + Math.floor(next() * Math.max(1, 100 - from)) : 1 + Math.floor(next() * 120);
      await waitUntil(() => posted() >= killAt, (onRequest ? 0 : slot - Date.now()) + 120_000, () => `${killAt} digest messages (round ${round}, ${posted()} so far)`, 25);
      if (!onRequest) expect(Date.now()).toBeGreaterThanOrEqual(slot);
      kills.push(Date.now());
      posting.current.child.kill('SIGKILL');
      await posting.current.exit;
      const atKill = posted();
      start(posting);
      await posting.current.waitFor(/"msg":"ready"/, 120_000);

      // Every /digest now hears back: its digest's outcome, or "not started, please ask again" when the kill came first.
      const answered = (outcome: InteractionOutcome): boolean => outcome.status === 'missed' || (outcome.status === 'answered' && ((outcome.reply?.flags ?? 0) & LOADING) === 0);
      const outcomes = await Promise.all(requests.map((request) => request.waitFor(answered, 180_000)));
      const said = (i: number): string => (outcomes[i]?.messages ?? []).map((m) => m.content).join('\n');
      // The store says when a run is done (log lines of a killed process can be lost with it).
      const runs = async () => Promise.all(channels.map((c) => store.runs.latest(c.channel)));
      // A request the kill caught before it was acknowledged is "missed" (Discord tells the user the bot did not respond).
      const withoutRun = (i: number): boolean => onRequest && (/was not started/.test(said(i)) || outcomes[i]?.status === 'missed');
      let finished = 0;
      let expected = DIGEST_CHANNELS;
      await waitUntil(async () => {
        const latest = await runs();
        expected = latest.filter((run, i) => run !== null || !withoutRun(i)).length;
        finished = latest.filter((run) => run?.status === 'delivered').length;
        return finished === expected;
      }, 180_000, () => `every channel's digest (round ${round}: ${finished} of ${expected})`, 250);
      const notStarted = DIGEST_CHANNELS - expected;

      let total = 0;
      for (const [i, c] of channels.entries()) {
        const run = await store.runs.latest(c.channel);
        const inChannel = digestsIn(c.channel);
        if (onRequest) {
          if (run === null) {
            expect(withoutRun(i), `channel ${c.channel}: no digest, and its /digest now said so: ${said(i)}`).toBe(true);
            expect(inChannel).toEqual([]);
            continue;
          }
          if (outcomes[i]?.status === 'answered') expect(said(i)).toMatch(/Posted \d+ articles? to <#\d+>|is being posted right now/);
        } else {
          expect(run?.createdAt ?? 0, 'planned at its slot').toBeGreaterThanOrEqual(slot);
          expect(run?.createdAt ?? 0, 'planned at its slot').toBeLessThan(slot + 30_000);
        }
        expect(run?.status).toBe('delivered');
        const recorded = await store.runs.messagesOf(run?.id as number);
        expect(recorded.length).toBe(run?.messages);
        expect(recorded.length).toBeGreaterThanOrEqual(2);
        expect(recorded.every((m) => m.status === 'delivered')).toBe(true);
        expect(inChannel.map((m) => m.id).sort(), `channel ${c.channel}: each message once`).toEqual(recorded.map((m) => m.messageId).sort());
        total += inChannel.length;
      }
      const how = onRequest ? `/digest now${notStarted > 0 ? ` (${notStarted} not started)` : ''}` : 'scheduled';
      process.stdout.write(`round ${round}, ${how}: killed ${posting.name} after ${atKill} of ${total} messages${apologies.length > 0 ? `; ${apologies.length} /digest set replies failed after saving` : ''}\n`);
    }
    expect(await store.runs.pending()).toEqual([]);
  });

  it('items the feeds published while processes were killed and restarted are fetched once each, none lost', async () => {
    expect(secondBatch).toHaveLength(FEEDS * ITEMS_PER_FEED);
    // A feed is polled every 2 minutes, by whichever process holds the poller's lease now.
    await waitUntil(async () => (await feedFiles()).length === 2 * FEEDS * ITEMS_PER_FEED, 300_000, () => `${2 * FEEDS * ITEMS_PER_FEED} feed items in the corpus`, 500);
    expect(pagesFetchedTwice([...firstBatch, ...secondBatch])).toEqual([]);
    const unfetched = [...firstBatch, ...secondBatch].filter((item) => site.hits(`/read/${item.id}`) === 0);
    expect(unfetched).toEqual([]);
  }, 320_000);
});
