import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { FeedPoller, FeedService, pollPolicy, type FeedPollerOptions } from '../src/feeds/index.js';
import { corpusFolder, openLibrary, type ReloadReport } from '../src/library/index.js';
import { openSqliteStore, type Store } from '../src/store/index.js';
import type { FeedRecord } from '../src/store/types.js';
import { eventually, newsPage, newsParagraphs, resolver, rssFeed, silentLog, startNewsSite, type NewsSite, type TestItem } from './feeds-fixtures.js';
import { scratchDir } from './helpers/tmp.js';

const MINUTE = 60_000;
const HOST_DELAY = 40;

let site: NewsSite;
let corpus: Awaited<ReturnType<typeof scratchDir>>;
let data: Awaited<ReturnType<typeof scratchDir>>;
let store: Store;
let clock: ManualClock;
const stores: Store[] = [];
const pollers: FeedPoller[] = [];

beforeEach(async () => {
  site = await startNewsSite();
  corpus = await scratchDir();
  data = await scratchDir();
  store = openSqliteStore({ dataDir: data.dir, backups: false }).store;
  stores.push(store);
  clock = new ManualClock(Date.parse('2025-01-06T01:00:00Z'));
});

afterEach(async () => {
  for (const poller of pollers.splice(0)) await poller.stop();
  for (const opened of stores.splice(0)) await opened.close();
  await site.close();
  await corpus.cleanup();
  await data.cleanup();
});

function poller(overrides: Partial<FeedPollerOptions> = {}): FeedPoller & { batches: string[][] } {
  const batches: string[][] = [];
  const made = new FeedPoller({
    store,
    corpusDir: corpus.dir,
    policy: pollPolicy(10),
    fetch: { allowPrivate: true, resolve: resolver, timeoutMs: 5_000 },
    hostDelayMs: HOST_DELAY,
    takeInDelayMs: 20,
    onArticles: async (paths) => {
      batches.push([...paths]);
    },
    log: silentLog,
    clock,
    instanceId: 'test-host:1:aaaa',
    ...overrides,
  });
  pollers.push(made);
  return Object.assign(made, { batches });
}

async function addFeed(url: string, guildId = '100000000000000001', channelId = '200000000000000001'): Promise<FeedRecord> {
  const result = await store.feeds.add({ guildId, channelId, url, filter: null, createdBy: null }, clock.now());
  return result.feed;
}

const feedNow = async (id: number): Promise<FeedRecord> => {
  const feed = await store.feeds.get(id);
  if (feed === undefined) throw new Error(`feed ${id} is gone`);
  return feed;
};

async function corpusFiles(): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (entry.isDirectory()) await walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else out.push(`${prefix}${entry.name}`);
    }
  };
  await walk(corpus.dir, '');
  return out.sort();
}

const items = (n: number, prefix: string, withPages = true): TestItem[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    title: `Berita ${prefix} nomor ${i} tentang pembangunan daerah`,
    link: withPages ? site.url(`/${prefix}/${i}`) : null,
    published: new Date(Date.parse('2025-01-05T00:00:00Z') + i * MINUTE).toISOString(),
  }));

function servePages(list: readonly TestItem[]): void {
  for (const item of list) if (item.link !== null) site.page(new URL(item.link).pathname, newsPage(item.title, newsParagraphs(item.id)));
}

describe('polling a feed', { timeout: 60_000 }, () => {
  it('writes each new item as an article file once, then asks with If-None-Match and gets 304', async () => {
    const list: TestItem[] = [
      ...items(1, 'jalan'),
      { id: 'hilang', title: 'Jembatan ditutup sementara untuk perbaikan', link: site.url('/hilang'), content: '<p>Jembatan Cisomang ditutup sementara untuk perbaikan, kata petugas kepada wartawan di lokasi, Senin pagi.</p>' },
    ];
    servePages(list.slice(0, 1));
    site.feed('/feed.xml', rssFeed(list));
    const feed = await addFeed(site.url('/feed.xml'));
    const p = poller();

    expect(await p.runCycle()).toMatchObject({ polled: 1, fetched: 1, newItems: 2 });
    await p.idle();
    const files = await corpusFiles();
    expect(files).toHaveLength(2);
    expect(files.every((f) => /^feeds\/127\.0\.0\.1\/[0-9a-f]{20}\.json$/.test(f))).toBe(true);
    const records = await Promise.all(files.map(async (f) => JSON.parse(await readFile(join(corpus.dir, f), 'utf8')) as { title: string; partial: boolean; feed: string; paragraphs: string[] }));
    expect(records.map((r) => [r.title, r.partial]).sort()).toEqual([
      ['Berita jalan nomor 0 tentang pembangunan daerah', false],
      ['Jembatan ditutup sementara untuk perbaikan', true],
    ]);
    expect(records.every((r) => r.feed === site.url('/feed.xml'))).toBe(true);
    expect((await store.feeds.items(feed.id)).map((i) => i.status).sort()).toEqual(['fetched', 'partial']);
    expect(p.batches.flat().sort()).toEqual(files);

    // new items were claimed: the next poll reads the whole feed again (a 304 must never hide an unfinished item)
    expect((await feedNow(feed.id)).etag).toBeNull();
    clock.advance(10 * MINUTE);
    expect(await p.runCycle()).toMatchObject({ polled: 1, fetched: 1, newItems: 0 });
    expect((await feedNow(feed.id)).etag).not.toBeNull();
    clock.advance(10 * MINUTE);
    expect(await p.runCycle()).toMatchObject({ polled: 1, notModified: 1 });
    const feedRequests = site.requests.filter((r) => r.path === '/feed.xml');
    expect(feedRequests.map((r) => r.headers['if-none-match'] !== undefined)).toEqual([false, false, true]);
    expect(feedRequests[0]?.headers['user-agent']).toMatch(/^Ringkas\/\d/);
    expect(String(feedRequests[0]?.headers['accept-encoding'])).toMatch(/gzip.*br|br.*gzip/);
    expect(site.hits('/jalan/0')).toBe(1);
    expect(await corpusFiles()).toEqual(files);
    // the next poll is an interval later
    expect((await feedNow(feed.id)).nextPollAt).toBe(clock.now() + 10 * MINUTE);
  });

  it('backs off on failures, doubling the wait, and pauses the feed at the tenth failure in a row with its reason', async () => {
    site.route('/down.xml', (_request, response) => response.writeHead(500, { 'content-type': 'text/plain' }).end('boom'));
    const feed = await addFeed(site.url('/down.xml'));
    const p = poller();
    const waits: number[] = [];
    for (let failure = 1; failure <= 10; failure++) {
      const report = await p.runCycle();
      expect(report.polled).toBe(1);
      const after = await feedNow(feed.id);
      expect(after.consecutiveFailures).toBe(failure);
      waits.push((after.nextPollAt - clock.now()) / MINUTE);
      if (failure < 10) {
        expect(after.pausedReason).toBeNull();
        expect(report.failed).toBe(1);
        clock.advanceTo(after.nextPollAt);
      } else {
        expect(report.paused).toBe(1);
        expect(after.pausedReason).toBe('failures');
        expect(after.lastError).toContain('500');
      }
    }
    expect(waits).toEqual([10, 20, 40, 80, 160, 320, 360, 360, 360, 360]);
    clock.advance(24 * 60 * MINUTE);
    expect((await p.runCycle()).polled).toBe(0);

    // /feed add of the same URL resumes it: polled at once, its failures forgotten
    site.feed('/down.xml', rssFeed(items(1, 'pulih')));
    servePages(items(1, 'pulih'));
    const service = new FeedService({ feeds: store.feeds, fetch: { allowPrivate: true }, maxPerGuild: 50, clock });
    const again = await service.add({ guildId: feed.guildId, channelId: feed.channelId, channelGiven: false, url: feed.url, filter: null, userId: null });
    expect(again.status).toBe('resumed');
    expect(await feedNow(feed.id)).toMatchObject({ pausedReason: null, consecutiveFailures: 0, nextPollAt: clock.now() });
    expect(await p.runCycle()).toMatchObject({ polled: 1, fetched: 1, newItems: 1 });
  });

  it('pauses a feed that is gone for good (410) at once, and waits as long as a 429 asks', async () => {
    site.route('/gone.xml', (_request, response) => response.writeHead(410).end());
    site.route('/slow-down.xml', (_request, response) => response.writeHead(429, { 'retry-after': '7200' }).end());
    const gone = await addFeed(site.url('/gone.xml'));
    const limited = await addFeed(site.url('/slow-down.xml'));
    await poller().runCycle();
    expect(await feedNow(gone.id)).toMatchObject({ pausedReason: 'gone', consecutiveFailures: 1 });
    const after = await feedNow(limited.id);
    expect(after.pausedReason).toBeNull();
    expect(after.nextPollAt - clock.now()).toBe(7200 * 1000);
    expect(after.lastError).toContain('429');
  });

  it('sends one request at a time to a host, with a pause between two, while other hosts go on', async () => {
    site.route('/slow.xml', (_request, response) => {
      setTimeout(() => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed([])), 30);
    });
    for (let i = 0; i < 3; i++) {
      await addFeed(`${site.url('/slow.xml')}?n=${i}`);
      await addFeed(`${site.url('/slow.xml', 'other.example')}?n=${i}`);
    }
    const report = await poller().runCycle();
    expect(report).toMatchObject({ polled: 6, fetched: 6, failed: 0 });
    for (const host of ['127.0.0.1', 'other.example']) {
      const requests = site.requests.filter((r) => r.host === host).sort((a, b) => a.start - b.start);
      expect(requests).toHaveLength(3);
      for (let i = 1; i < requests.length; i++) {
        const previous = requests[i - 1] as (typeof requests)[number];
        // the next request starts only after the previous answer and the polite pause (a few ms of slack for the socket's close)
        expect((requests[i] as (typeof requests)[number]).start - previous.end).toBeGreaterThanOrEqual(HOST_DELAY - 10);
      }
    }
  });

  it('reads an item once when two feeds bring it (two servers following one URL)', async () => {
    const list = items(3, 'bersama');
    servePages(list);
    site.feed('/shared.xml', rssFeed(list));
    const a = await addFeed(site.url('/shared.xml'), '100000000000000001');
    const b = await addFeed(site.url('/shared.xml'), '100000000000000002');
    const p = poller();
    expect(await p.runCycle()).toMatchObject({ polled: 2, newItems: 6 });
    await p.idle();
    clock.advance(10 * MINUTE);
    expect(await p.runCycle()).toMatchObject({ polled: 2, newItems: 0 });
    await p.idle();
    for (const item of list) expect(site.hits(new URL(item.link ?? '').pathname)).toBe(1);
    const files = await corpusFiles();
    expect(files).toHaveLength(3);
    expect(p.batches.flat().sort()).toEqual(files);
    for (const feed of [a, b]) {
      const recorded = await store.feeds.items(feed.id);
      expect(recorded.map((r) => [r.status, r.articlePath])).toEqual(expect.arrayContaining(files.map((f) => ['fetched', f])));
    }
  });

  it('polls in one process only: the one holding the lease', async () => {
    const list = items(2, 'sekali');
    servePages(list);
    site.feed('/once.xml', rssFeed(list));
    await addFeed(site.url('/once.xml'));
    const other = openSqliteStore({ dataDir: data.dir, backups: false }).store;
    stores.push(other);
    const first = poller({ instanceId: 'test-host:1:aaaa' });
    const second = poller({ store: other, instanceId: 'test-host:2:bbbb' });
    first.start();
    second.start();
    clock.advance(0);
    await eventually(async () => (await store.leases.holder('feed-poller', clock.now())) !== null && site.hits('/once.xml') === 1);
    await eventually(() => first.backlog + second.backlog === 0 && site.requests.filter((r) => r.path.startsWith('/sekali/')).length === 2);
    await Promise.all([first.idle(), second.idle()]);
    expect([first.isLeader(), second.isLeader()].filter(Boolean)).toHaveLength(1);
    for (const item of list) expect(site.hits(new URL(item.link ?? '').pathname)).toBe(1);
    expect(await corpusFiles()).toHaveLength(2);
  });

  it('takes a flood of 1,000 new items in whole, in publication order, in batches, without waiting for them to finish a poll', async () => {
    const flood = items(1000, 'banjir');
    site.feed('/flood.xml', rssFeed([...flood].reverse()));
    for (const item of flood) site.page(new URL(item.link ?? '').pathname, newsPage(item.title, newsParagraphs(item.id, 2)));
    const feed = await addFeed(site.url('/flood.xml'));
    const p = poller({ hostDelayMs: 0, takeInDelayMs: 200 });
    const report = await p.runCycle();
    expect(report.newItems).toBe(1000);
    // the poll is recorded before the pages are read: they come in the background
    expect(p.backlog).toBeGreaterThan(0);
    expect((await feedNow(feed.id)).lastSuccessAt).toBe(clock.now());
    await p.idle();
    expect(p.backlog).toBe(0);
    expect(await corpusFiles()).toHaveLength(1000);
    const pageOrder = site.requests.filter((r) => r.path.startsWith('/banjir/')).map((r) => Number(r.path.split('/')[2]));
    expect(pageOrder).toEqual(flood.map((_, i) => i));
    expect(p.batches.flat()).toHaveLength(1000);
    expect(p.batches.length).toBeLessThan(100);
    expect((await store.feeds.items(feed.id)).every((i) => i.status === 'fetched')).toBe(true);
  }, 240_000);

  it('gives back the items it had not read when it stops, so the next poller (another process) reads them at once', async () => {
    const list = items(30, 'henti');
    servePages(list);
    site.feed('/stop.xml', rssFeed(list));
    const feed = await addFeed(site.url('/stop.xml'));
    const first = poller({ hostDelayMs: 30 });
    expect((await first.runCycle()).newItems).toBe(30);
    await eventually(async () => (await corpusFiles()).length >= 3);
    await first.stop();
    const statuses = (await store.feeds.items(feed.id)).map((i) => i.status);
    expect(statuses).not.toContain('fetching');
    expect(statuses.filter((s) => s === 'failed').length).toBeGreaterThan(0);
    expect((await feedNow(feed.id)).etag).toBeNull();

    const next = poller({ hostDelayMs: 0, instanceId: 'test-host:2:bbbb' });
    clock.advance(10 * MINUTE);
    await next.runCycle();
    await next.idle();
    expect(await corpusFiles()).toHaveLength(30);
    expect((await store.feeds.items(feed.id)).every((i) => i.status === 'fetched')).toBe(true);
  });

  it('reports a broken feed in its record and goes on with the others; what it brought before stays', async () => {
    const good = items(2, 'baik');
    servePages(good);
    site.feed('/good.xml', rssFeed(good));
    site.feed('/changing.xml', rssFeed(items(1, 'lama')));
    servePages(items(1, 'lama'));
    const changing = await addFeed(site.url('/changing.xml'));
    const hostile = {
      '/text.xml': ['text/plain', 'this is not a feed at all'],
      '/truncated.xml': ['application/rss+xml', rssFeed(items(3, 'putus')).slice(0, 120)],
      '/not-json.json': ['application/feed+json', '{"version": "https://jsonfeed.org/version/1.1", "items": ['],
      '/page.html': ['text/html', newsPage('Bukan umpan', newsParagraphs('halaman'))],
      '/image.xml': ['image/png', 'PNG'],
    } as const;
    const broken: FeedRecord[] = [];
    for (const [path, [type, body]] of Object.entries(hostile)) {
      site.route(path, (_request, response) => response.writeHead(200, { 'content-type': type }).end(body));
      broken.push(await addFeed(site.url(path)));
    }
    const library = await openLibrary(corpusFolder(corpus.dir));
    const reports: ReloadReport[] = [];
    const p = poller({ onArticles: async (paths) => void reports.push(await library.takeIn(paths)) });
    await p.runCycle();
    await p.idle();
    expect(library.current().articles).toHaveLength(1);

    await addFeed(site.url('/good.xml'));
    // the feed that worked now answers garbage
    site.route('/changing.xml', (_request, response) => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss><channel><item>'));
    clock.advance(10 * MINUTE);
    const report = await p.runCycle();
    await p.idle();
    expect(report.polled).toBe(7);
    for (const feed of broken) {
      const after = await feedNow(feed.id);
      expect(after.consecutiveFailures).toBeGreaterThanOrEqual(1);
      expect(after.lastError).toEqual(expect.any(String));
    }
    expect((await feedNow(changing.id)).consecutiveFailures).toBe(1);
    expect(library.current().articles.map((a) => a.title).sort()).toEqual([
      'Berita baik nomor 0 tentang pembangunan daerah',
      'Berita baik nomor 1 tentang pembangunan daerah',
      'Berita lama nomor 0 tentang pembangunan daerah',
    ]);
    expect(reports.every((r) => r.ok && r.removed.length === 0)).toBe(true);
  });

  it('hands new files to the library, which takes them in without a reload (reporting them as added)', async () => {
    const list = items(2, 'baru');
    servePages(list);
    site.feed('/baru.xml', rssFeed(list));
    await addFeed(site.url('/baru.xml'));
    await corpus.write('hand/old.json', JSON.stringify({ title: 'Artikel lama yang ditaruh tangan', paragraphs: newsParagraphs('lama') }));
    const library = await openLibrary(corpusFolder(corpus.dir));
    let reloads = 0;
    const reload = library.reload.bind(library);
    library.reload = () => {
      reloads++;
      return reload();
    };
    const reports: ReloadReport[] = [];
    const p = poller({ onArticles: async (paths) => void reports.push(await library.takeIn(paths)) });
    await p.runCycle();
    await p.idle();
    await eventually(() => library.current().articles.length === 3);
    expect(reloads).toBe(0);
    expect(reports.flatMap((r) => r.added)).toHaveLength(2);
    expect(library.current().search('baru', 5).length).toBeGreaterThan(0);
    expect(library.current().get('hand/old')?.title).toBe('Artikel lama yang ditaruh tangan');
  });
});
