import { readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { loadCorpus } from '../src/corpus/index.js';
import { openDigestService, type DigestService } from '../src/digest/index.js';
import { discordDigestPorts } from '../src/discord/digest/index.js';
import type { Bot } from '../src/discord/bot.js';
import { parseConfig } from '../src/config.js';
import { parseFeed, readArticlePage, startFeedRuntime, type FeedRuntime } from '../src/feeds/index.js';
import { fetchUrl } from '../src/fetch/index.js';
import { corpusFolder, openLibrary, type OpenedLibrary } from '../src/library/index.js';
import type { LocalConsole } from '../src/local-mode/console.js';
import { startLocalMode } from '../src/local-mode/index.js';
import { localCorpusDir } from '../src/local-mode/local-corpus.js';
import { startSampleFeed, type SampleFeed } from '../src/local-mode/sample-feed.js';
import { openSqliteStore, type Store } from '../src/store/index.js';
import type { LocalDiscordServer } from '../discord-emulator/index.js';
import { closeAll, eventually, silentLog, startTestBot } from './feeds-fixtures.js';
import { scratchDir, seedsDir } from './helpers/tmp.js';

describe('the sample feed local mode serves', () => {
  let sample: SampleFeed;
  beforeAll(async () => {
    sample = await startSampleFeed(seedsDir);
  });
  afterAll(() => sample.close());

  it('is an RSS feed of the seeds on 127.0.0.1, with an ETag that earns a 304', async () => {
    expect(sample.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/feed\.xml$/);
    const fetched = await fetchUrl(sample.url, { allowPrivate: true });
    if (!fetched.ok || fetched.kind !== 'fetched') throw new Error('the sample feed was not fetched');
    const parsed = parseFeed(fetched.text, { url: fetched.url });
    if (!parsed.ok) throw new Error(parsed.message);
    const { articles } = await loadCorpus(seedsDir);
    expect(parsed.feed.items.map((i) => i.title)).toEqual(articles.map((a) => a.title));
    expect(Date.parse(parsed.feed.items[0]?.published ?? '')).toBe(Date.parse('2023-09-14T20:22:00+07:00'));
    const again = await fetchUrl(sample.url, { allowPrivate: true, etag: fetched.etag });
    expect(again).toMatchObject({ ok: true, kind: 'not-modified' });
  });

  it('serves each article in a SINDOnews page layout that extracts back to the seed: title, instant, outlet, city, paragraphs', async () => {
    const fetched = await fetchUrl(sample.url, { allowPrivate: true });
    const parsed = fetched.ok && fetched.kind === 'fetched' ? parseFeed(fetched.text) : null;
    const link = parsed?.ok === true ? parsed.feed.items[0]?.link : null;
    if (link === null || link === undefined) throw new Error('no item link');
    const page = await readArticlePage(link, { allowPrivate: true });
    if (!page.ok) throw new Error(page.message);
    const [seed] = (await loadCorpus(seedsDir)).articles;
    expect(page.article).toMatchObject({ title: seed?.title, published: seed?.published, source: 'SINDOnews', city: 'MOSKOW', partial: false });
    expect(page.article.paragraphs).toEqual(seed?.paragraphs);
  });
});

describe('the corpus folder in local mode', () => {
  it('leaves the repository’s seeds/ alone: feed articles go to DATA_DIR/local-corpus, beside a link to seeds/', async () => {
    const data = await scratchDir();
    try {
      const dir = await localCorpusDir(seedsDir, data.dir);
      expect(dir).toBe(join(data.dir, 'local-corpus'));
      expect(await readlink(join(dir, 'seeds'))).toBe(seedsDir);
      expect(await localCorpusDir(seedsDir, data.dir)).toBe(dir);
      const { articles, problems } = await loadCorpus(dir);
      expect(problems).toEqual([]);
      expect(articles.map((a) => a.file)).toEqual(['seeds/000_0fa5bb280fb2bb71.txt']);
      expect(await localCorpusDir(data.dir, data.dir)).toBe(data.dir);
    } finally {
      await data.cleanup();
    }
  });
});

describe('local mode, as the README shows it: /feed add with the sample feed, then /digest now', () => {
  let server: LocalDiscordServer;
  let bot: Bot;
  let digests: DigestService;
  let feeds: FeedRuntime;
  let store: Store;
  let library: OpenedLibrary;
  let sample: SampleFeed;
  let terminal: LocalConsole;
  let data: Awaited<ReturnType<typeof scratchDir>>;
  let printed = '';

  beforeAll(async () => {
    data = await scratchDir();
    sample = await startSampleFeed(seedsDir);
    const local = await startLocalMode();
    server = local.server;
    const base = parseConfig({ CORPUS_DIR: seedsDir, DATA_DIR: data.dir, LOG_LEVEL: 'silent', FEED_HOST_DELAY_MS: '0' });
    const config = { ...base, allowPrivateUrls: true, corpusDir: await localCorpusDir(base.corpusDir, base.dataDir), ...local.discord };
    library = await openLibrary(corpusFolder(config.corpusDir));
    store = openSqliteStore({ dataDir: data.dir, backups: false }).store;
    feeds = await startFeedRuntime({ config, library, store, log: silentLog });
    bot = await startTestBot(config, (client) => {
      digests = openDigestService({ config, ...discordDigestPorts(client.rest), library: feeds.library, log: silentLog, clock: new ManualClock(Date.parse('2025-01-05T12:00:00Z')) });
      return { library: feeds.library, config, log: silentLog, digests, feeds: feeds.feeds, links: feeds.links };
    });
    await digests.start();
    const output = new PassThrough();
    output.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
    });
    terminal = local.openConsole({ input: new PassThrough(), output });
  }, 60_000);

  afterAll(
    () => closeAll([data.cleanup, () => sample.close(), () => server.stop(), () => library.close(), () => store.close(), () => feeds.stop(), () => digests.stop(), () => bot.stop(), () => terminal.close()]),
    60_000,
  );

  const type = async (line: string): Promise<string> => {
    const mark = printed.length;
    await terminal.submit(line);
    return printed.slice(mark);
  };

  it('follows the sample feed, takes its article in, and posts it in the digest the console shows', { timeout: 60_000 }, async () => {
    expect(await type('/digest set channel:#news schedule:07:00')).toContain('(only you can see this)');
    const added = await type(`/feed add url:${sample.url}`);
    expect(added).toContain('Following SINDOnews (contoh lokal) for #news');
    await eventually(() => library.current().articles.some((a) => a.file.startsWith('feeds/127.0.0.1/')), 30_000, 'the sample article in the library');
    const listed = await type('/feed list');
    expect(listed).toContain('Items: 1 read, 0 partial, 0 failed, 0 waiting');
    const posted = await type('/digest now channel:#news');
    expect(posted).toContain('#news');
    expect(printed).toContain('Barat Patut Waswas, Putin Buka Peluang Kerja Sama Militer dengan Korut');
    expect(printed).toMatch(/127\.0\.0\.1:\d+\/read\//);
  });
});
