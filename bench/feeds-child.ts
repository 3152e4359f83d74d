/**
 * One poller process for the feeds benchmark: 500 feeds on 50 host names (all 127.0.0.1, served by the parent), 20 known
 * items each and one new item in 50 of them. Measures the poll cycle that finds those 50 (until every article is written
 * and taken into the library), then 10 cycles with nothing new. Prints its figures as one JSON line.
 * Usage: node --expose-gc --import tsx bench/feeds-child.ts <port> <hostDelayMs> <quietCycles>
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../src/clock.js';
import { FeedPoller, pollPolicy, stableId } from '../src/feeds/index.js';
import { corpusFolder, openLibrary } from '../src/library/index.js';
import { createLogger } from '../src/log.js';
import { openSqliteStore } from '../src/store/index.js';
import { benchFeedUrl, BENCH_FEEDS, KNOWN_ITEMS, NEW_ITEM_FEEDS } from './feeds-site.js';

export interface PollCycleFigures {
  readonly feeds: number;
  readonly newItems: number;
  readonly hostDelayMs: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly baselineRssBytes: number;
  readonly peakRssBytes: number;
  readonly articlesAfter: number;
  /** After each quiet cycle and a full GC. */
  readonly quietCycles: readonly { readonly wallMs: number; readonly notModified: number; readonly heapBytes: number; readonly rssBytes: number }[];
}

const [portText = '', delayText = '1000', quietText = '10'] = process.argv.slice(2);
const port = Number(portText);
const hostDelayMs = Number(delayText);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const work = await mkdtemp(join(tmpdir(), 'ringkas-bench-feeds-'));
try {
  const corpusDir = join(work, 'corpus');
  const { store } = openSqliteStore({ dataDir: join(work, 'data'), backups: false });
  const library = await openLibrary(corpusFolder(corpusDir));
  const clock = new ManualClock(Date.parse('2025-01-06T00:00:00Z'));
  const poller = new FeedPoller({
    store,
    corpusDir,
    policy: pollPolicy(10),
    fetch: { allowPrivate: true, resolve: async () => [{ address: '127.0.0.1', family: 4 }] },
    hostDelayMs,
    onArticles: (paths) => library.takeIn(paths),
    log: createLogger({ level: 'silent' }),
    clock,
    instanceId: `bench:${process.pid}:feeds`,
  });
  // the items every feed had before: known already, as after earlier polls
  for (let n = 0; n < BENCH_FEEDS; n++) {
    const { feed } = await store.feeds.add({ guildId: '1', channelId: '2', url: benchFeedUrl(port, n), filter: null, createdBy: null }, clock.now());
    for (let k = 0; k < KNOWN_ITEMS; k++) {
      const key = stableId(`guid:f${n}-i${k}`);
      await store.feeds.claimItem({ feedId: feed.id, key, url: null }, 'bench', 60_000, clock.now(), 3);
      await store.feeds.finishItem(feed.id, key, 'bench', { status: 'fetched', articlePath: `feeds/known/${key}.json` }, clock.now());
    }
  }
  gc();
  const baselineRssBytes = process.memoryUsage().rss;
  let peakRssBytes = baselineRssBytes;
  const sampler = setInterval(() => {
    peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss);
  }, 10);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const report = await poller.runCycle();
  await poller.idle();
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss);
  if (report.newItems !== NEW_ITEM_FEEDS) throw new Error(`expected ${NEW_ITEM_FEEDS} new items, found ${report.newItems}`);

  const quietCycles: PollCycleFigures['quietCycles'][number][] = [];
  for (let i = 0; i < Number(quietText); i++) {
    clock.advance(10 * 60_000);
    const at = performance.now();
    const quiet = await poller.runCycle();
    await poller.idle();
    const cycleMs = performance.now() - at;
    gc();
    const memory = process.memoryUsage();
    quietCycles.push({ wallMs: cycleMs, notModified: quiet.notModified, heapBytes: memory.heapUsed, rssBytes: memory.rss });
  }
  await poller.stop();
  const figures: PollCycleFigures = {
    feeds: report.polled,
    newItems: report.newItems,
    hostDelayMs,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    baselineRssBytes,
    peakRssBytes,
    articlesAfter: library.current().articles.length,
    quietCycles,
  };
  await library.close();
  await store.close();
  console.log(JSON.stringify(figures));
} finally {
  await rm(work, { recursive: true, force: true });
}
