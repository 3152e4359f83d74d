import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  declaredFeed,
  FeedRoutes,
  filterText,
  firstLink,
  HostQueue,
  matchesFilter,
  parseFilter,
  pollPolicy,
  type FeedFilter,
  type RoutableArticle,
} from '../src/feeds/index.js';
import type { FeedRecord } from '../src/store/types.js';

const article = (overrides: Partial<RoutableArticle> = {}): RoutableArticle => ({
  file: 'feeds/kompas.com/a1.json',
  title: 'Harga Beras Naik Menjelang Lebaran',
  paragraphs: ['Harga beras medium di pasar tradisional naik dua persen, kata pedagang.', 'Pemerintah akan menggelar operasi pasar.'],
  category: 'Ekonomi',
  source: 'Kompas.com',
  url: 'https://money.kompas.com/read/2025/01/06/harga-beras',
  ...overrides,
});

const filterOf = (text: string): FeedFilter | null => {
  const parsed = parseFilter(text);
  if (!parsed.ok) throw new Error(`${parsed.error}: ${parsed.term}`);
  return parsed.filter;
};

describe('feed filters', () => {
  it('read words, -words, "phrases", category: and outlet: (with Indonesian names), case and accents aside', () => {
    expect(filterOf('  ')).toBeNull();
    expect(filterOf('Beras, "operasi pasar" -impor kategori:Ekonomi media:kompas')).toEqual({
      keywords: ['beras', 'operasi pasar'],
      excluded: ['impor'],
      categories: ['ekonomi'],
      outlets: ['kompas'],
    });
    expect(filterOf('category:"Luar Negeri" outlet:detik.com')).toEqual({ keywords: [], excluded: [], categories: ['luar negeri'], outlets: ['detik com'] });
    expect(filterText(filterOf('beras "operasi pasar" -impor category:ekonomi') as FeedFilter)).toBe('beras "operasi pasar" -impor category:ekonomi');
  });

  it('explain what they cannot read', () => {
    expect(parseFilter('"rudal balistik')).toMatchObject({ ok: false, error: 'unclosed_quote' });
    expect(parseFilter('category:')).toMatchObject({ ok: false, error: 'empty_term', term: 'category:' });
    expect(parseFilter('x'.repeat(201))).toMatchObject({ ok: false, error: 'too_long' });
    expect(parseFilter(Array.from({ length: 21 }, (_, i) => `w${i}`).join(' '))).toMatchObject({ ok: false, error: 'too_many_terms' });
  });

  it('let an article through when every kind given matches: any word, no excluded word, one of the categories and outlets', () => {
    expect(matchesFilter(null, article())).toBe(true);
    expect(matchesFilter(filterOf('beras'), article())).toBe(true);
    expect(matchesFilter(filterOf('ber'), article())).toBe(false);
    expect(matchesFilter(filterOf('gempa banjir'), article())).toBe(false);
    expect(matchesFilter(filterOf('"operasi pasar"'), article())).toBe(true);
    expect(matchesFilter(filterOf('beras -lebaran'), article())).toBe(false);
    expect(matchesFilter(filterOf('category:ekonomi'), article())).toBe(true);
    expect(matchesFilter(filterOf('category:olahraga category:ekonomi'), article())).toBe(true);
    expect(matchesFilter(filterOf('category:olahraga'), article())).toBe(false);
    expect(matchesFilter(filterOf('outlet:kompas'), article({ source: null }))).toBe(true);
    expect(matchesFilter(filterOf('outlet:tempo'), article())).toBe(false);
    expect(matchesFilter(filterOf('beras outlet:tempo'), article())).toBe(false);
  });
});

function feed(id: number, channelId: string, filter: string | null = null): FeedRecord {
  return {
    id, guildId: '100', channelId, url: `https://x.example/${id}.xml`, filter, createdBy: null, etag: null, lastModified: null, nextPollAt: 0, lastPolledAt: null,
    lastSuccessAt: null, consecutiveFailures: 0, pausedReason: null, pausedAt: null, lastError: null, createdAt: 0, updatedAt: 0,
  };
}

describe('may an article go to a channel’s digest (the feed table)', () => {
  const routes = new FeedRoutes(
    [feed(1, 'news', null), feed(2, 'economy', 'category:ekonomi'), feed(3, 'sport', 'bola')],
    new Map([
      [1, ['feeds/kompas.com/a1.json', 'feeds/kompas.com/a2.json']],
      [2, ['feeds/kompas.com/a1.json']],
      [3, ['feeds/kompas.com/a1.json']],
    ]),
  );

  it('sends a feed’s article to the channels its feeds name, when their filter lets it through', () => {
    expect(routes.mayGo(article(), 'news')).toBe(true);
    expect(routes.mayGo(article(), 'economy')).toBe(true);
    expect(routes.mayGo(article(), 'sport')).toBe(false);
    expect(routes.mayGo(article({ file: 'feeds/kompas.com/a2.json' }), 'economy')).toBe(false);
    expect(routes.mayGo(article(), 'general')).toBe(false);
  });

  it('keeps another server’s feed articles out, and lets articles placed by hand go everywhere', () => {
    expect(routes.mayGo(article({ file: 'feeds/tempo.co/z.json' }), 'news')).toBe(false);
    expect(routes.mayGo(article({ file: '2025/beras.txt' }), 'news')).toBe(true);
    expect(routes.mayGo(article({ file: '2025/beras.txt' }), 'general')).toBe(true);
  });
});

describe('poll policy', () => {
  const policy = pollPolicy(10);
  const failure = (status: number | null, retryAfterSeconds: number | null = null) => ({ reason: 'http-error' as const, status, retryAfterSeconds });

  it('never polls more often than every 2 minutes', () => {
    expect(pollPolicy(0.5).intervalMs).toBe(120_000);
    expect(pollPolicy(15).intervalMs).toBe(900_000);
  });

  it('doubles the wait per failure up to 6 hours, obeys Retry-After, and pauses with a reason', () => {
    expect(afterFailure(failure(500), 0, 0, policy)).toEqual({ nextPollAt: 600_000, pause: null });
    expect(afterFailure(failure(500), 3, 0, policy)).toEqual({ nextPollAt: 4_800_000, pause: null });
    expect(afterFailure(failure(503, 30_000), 0, 0, policy).nextPollAt).toBe(30_000_000);
    expect(afterFailure(failure(503, 10 ** 9), 0, 0, policy).nextPollAt).toBe(policy.maxRetryAfterMs);
    expect(afterFailure(failure(410), 0, 0, policy).pause).toBe('gone');
    expect(afterFailure(failure(500), 8, 0, policy).pause).toBeNull();
    expect(afterFailure(failure(500), 9, 0, policy).pause).toBe('failures');
    expect(afterFailure(failure(404), 9, 0, policy).pause).toBe('gone');
    expect(afterFailure(failure(403), 9, 0, policy).pause).toBe('forbidden');
  });
});

describe('links in messages', () => {
  it.each([
    ['baca ini https://news.example/read/1?id=2, menarik', 'https://news.example/read/1?id=2'],
    ['(lihat https://id.wikipedia.org/wiki/Jakarta_(kota))', 'https://id.wikipedia.org/wiki/Jakarta_(kota)'],
    ['<https://news.example/a> tanpa pratinjau', 'https://news.example/a'],
    ['[judul](https://news.example/b).', 'https://news.example/b'],
    ['dua: http://a.example/1 dan https://b.example/2', 'http://a.example/1'],
    ['tidak ada tautan di sini', null],
  ])('%s → %s', (text, link) => {
    expect(firstLink(text)).toBe(link);
  });
});

describe('feed discovery', () => {
  it('finds the feed a web page declares', () => {
    const page = '<html><head><link rel="alternate" type="application/rss+xml" href="/rss/terkini.xml"><link rel="stylesheet" href="/a.css"></head><body></body></html>';
    expect(declaredFeed(page, 'https://news.example/berita')).toBe('https://news.example/rss/terkini.xml');
    expect(declaredFeed('<html><head></head><body>no feed</body></html>', 'https://news.example/')).toBeNull();
  });
});

describe('politeness per host', () => {
  it('runs one task at a time per host with a pause after each, hosts side by side', async () => {
    const queue = new HostQueue(30, 4);
    const log: { host: string; start: number; end: number }[] = [];
    const task = (url: string) => queue.run(url, async () => {
      const start = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 10));
      log.push({ host: new URL(url).hostname, start, end: Date.now() });
    });
    await Promise.all([task('https://a.example/1'), task('https://www.a.example/2'), task('https://b.example/1'), task('https://a.example/3')]);
    const a = log.filter((entry) => entry.host.endsWith('a.example')).sort((x, y) => x.start - y.start);
    expect(a).toHaveLength(3);
    for (let i = 1; i < a.length; i++) expect((a[i]?.start ?? 0) - (a[i - 1]?.end ?? 0)).toBeGreaterThanOrEqual(28);
    expect(queue.size).toBe(0);
  });

  it('holds a host back as long as it asked, and lets a waiting task go when aborted', async () => {
    const queue = new HostQueue(0, 1);
    await queue.run('https://slow.example/', async () => undefined);
    queue.holdOff('https://slow.example/', 60_000);
    const controller = new AbortController();
    const waiting = queue.run('https://slow.example/x', async () => 'ran', controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(await queue.run('https://other.example/', async () => 'other')).toBe('other');
  });
});
