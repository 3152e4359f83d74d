import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../src/discord/bot.js';
import { ManualClock, openDigestService, type DigestService } from '../src/digest/index.js';
import { discordDigestPorts } from '../src/discord/digest/index.js';
import { startFeedRuntime, type FeedRuntime } from '../src/feeds/index.js';
import { corpusFolder, openLibrary, type OpenedLibrary } from '../src/library/index.js';
import { openSqliteStore, type Store } from '../src/store/index.js';
import { DEFAULT_IDS, startDiscordServer, type InteractionOutcome, type LocalDiscordServer } from '../discord-emulator/index.js';
import {
  closeAll,
  emulatorConfig,
  eventually,
  newsPage,
  newsParagraphs,
  rssFeed,
  silentLog,
  startNewsSite,
  startTestBot,
  type NewsSite,
  type TestItem,
} from './feeds-fixtures.js';
import { scratchDir } from './helpers/tmp.js';

let site: NewsSite;
let server: LocalDiscordServer;
let bot: Bot;
let store: Store;
let library: OpenedLibrary;
let feeds: FeedRuntime;
let digests: DigestService;
let corpus: Awaited<ReturnType<typeof scratchDir>>;
let data: Awaited<ReturnType<typeof scratchDir>>;

const asModerator = { user: 'moderator', channel: 'general' };
const textOf = (outcome: InteractionOutcome): string =>
  outcome.messages.map((m) => [m.content, ...m.embeds.map((e) => JSON.stringify(e))].join('\n')).join('\n');

const list: TestItem[] = [
  { id: 'a', title: 'Pemerintah perbaiki jalan rusak di Bandung', link: '', published: '2025-01-05T02:00:00Z', category: 'Regional' },
  { id: 'b', title: 'Harga beras naik menjelang akhir pekan', link: '', published: '2025-01-05T03:00:00Z', category: 'Ekonomi' },
];
// Three different stories (the digest merges texts that tell one story, so generated look-alikes would read as one).
const stories: Record<string, string[]> = {
  a: [
    'Dinas Pekerjaan Umum Kota Bandung mulai menambal jalan berlubang di kawasan Gedebage dan Cibiru sejak Senin pagi.',
    'Kepala dinas mengatakan perbaikan ditargetkan selesai dalam dua pekan, sebelum musim hujan mencapai puncaknya.',
    'Warga berharap aspal baru tidak cepat rusak lagi karena truk bermuatan berat sering melintas pada malam hari.',
  ],
  b: [
    'Harga beras medium di Pasar Induk Cipinang naik menjadi Rp 14.500 per kilogram pada Jumat.',
    'Pedagang menyebut pasokan dari Karawang dan Demak berkurang setelah panen mundur akibat banjir.',
    'Badan Pangan Nasional berjanji menggelar operasi pasar di tiga puluh titik mulai pekan depan.',
  ],
  tangan: [
    'Tim sepak bola putri SMA Negeri 3 Malang menjuarai turnamen antarsekolah se-Jawa Timur.',
    'Pelatih tim menyebut latihan fisik setiap pagi selama tiga bulan menjadi kunci kemenangan di final.',
    'Sekolah akan mengirim tim itu ke kejuaraan nasional di Palembang pada bulan Maret.',
  ],
};

beforeAll(async () => {
  site = await startNewsSite();
  const items = list.map((item) => ({ ...item, link: site.url(`/read/${item.id}`) }));
  for (const item of items) site.page(`/read/${item.id}`, newsPage(item.title, stories[item.id] ?? newsParagraphs(item.id)));
  site.feed('/rss.xml', rssFeed(items));
  site.page('/home', '<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>Beranda</body></html>');
  site.page('/no-feed', newsPage('Halaman biasa tanpa umpan', newsParagraphs('biasa')));
  site.route('/broken.xml', (_request, response) => response.writeHead(500).end());
  corpus = await scratchDir();
  data = await scratchDir();
  await corpus.write('tangan.json', JSON.stringify({ title: 'Artikel yang ditaruh dengan tangan', paragraphs: stories.tangan }));
  server = await startDiscordServer({ rateLimits: false });
  const config = emulatorConfig(server, { CORPUS_DIR: corpus.dir, DATA_DIR: data.dir, ALLOW_PRIVATE_URLS: 'true', FEEDS_PER_GUILD: '3', FEED_HOST_DELAY_MS: '0' });
  library = await openLibrary(corpusFolder(config.corpusDir));
  store = openSqliteStore({ dataDir: data.dir, backups: false }).store;
  feeds = await startFeedRuntime({ config, library, store, log: silentLog });
  bot = await startTestBot(config, (client) => {
    digests = openDigestService({ config, ...discordDigestPorts(client.rest), library: feeds.library, log: silentLog, clock: new ManualClock(), routes: feeds.routes });
    return { library: feeds.library, config, log: silentLog, digests, feeds: feeds.feeds, links: feeds.links };
  });
  await digests.start();
}, 60_000);

afterAll(() => closeAll([data.cleanup, corpus.cleanup, () => site.close(), () => server.stop(), () => library.close(), () => store.close(), () => feeds.stop(), () => digests.stop(), () => bot.stop()]), 60_000);

describe('/feed', { timeout: 60_000 }, () => {
  it('is registered for Manage Server only, in servers, in English and Indonesian, beside the "Summarize link" message command', () => {
    const registered = server.registeredCommands(DEFAULT_IDS.guild);
    expect(registered.find((c) => c.name === 'feed')).toMatchObject({
      default_member_permissions: '32',
      contexts: [0],
      name_localizations: { 'en-US': 'feed', id: 'umpan-berita' },
    });
    expect(registered.find((c) => c.type === 3)).toMatchObject({ name: 'Summarize link', name_localizations: { 'en-US': 'Summarize link', id: 'Ringkas tautan' } });
  });

  it('refuses a member without Manage Server', async () => {
    const outcome = await server.runCommand('feed list', {}, { user: 'member', channel: 'general' });
    expect(outcome.ephemeral).toBe(true);
    expect(textOf(outcome)).toContain('Manage Server');
  });

  it('adds a feed for the digest channel; its items are fetched at once and taken into the library; /feed list shows it', async () => {
    await server.runCommand('digest set', { channel: DEFAULT_IDS.news, schedule: '07:00' }, asModerator);
    const outcome = await server.runCommand('feed add', { url: site.url('/rss.xml') }, asModerator);
    expect(outcome.status).toBe('answered');
    expect(outcome.ephemeral).toBe(true);
    expect(textOf(outcome)).toContain('Following **Berita Contoh**');
    expect(textOf(outcome)).toContain(`<#${DEFAULT_IDS.news}>`);
    const [feed] = await store.feeds.ofGuild(DEFAULT_IDS.guild);
    expect(feed).toMatchObject({ channelId: DEFAULT_IDS.news, url: site.url('/rss.xml') });
    await eventually(() => list.every((item) => library.current().articles.some((a) => a.title === item.title)), 30_000, 'the feed items in the library');
    const files = await readdir(join(corpus.dir, 'feeds', '127.0.0.1'));
    expect(files).toHaveLength(2);

    const shown = await server.runCommand('feed list', {}, asModerator);
    const text = textOf(shown);
    expect(text).toContain(`#${feed?.id} · ${site.url('/rss.xml')}`);
    expect(text).toContain('polled every 10 min');
    expect(text).toContain('Items: 2 read, 0 partial, 0 failed, 0 waiting');

    const again = await server.runCommand('feed add', { url: site.url('/rss.xml') }, asModerator);
    expect(textOf(again)).toContain('is already followed');
  });

  it('answers /summary about a feed article like any other', async () => {
    const outcome = await server.runCommand('summary', { article: 'Harga beras naik' }, asModerator);
    expect(outcome.messages[0]?.embeds[0]).toMatchObject({ title: 'Harga beras naik menjelang akhir pekan' });
  });

  it('posts a feed’s items in the digest of the channel the feed names, with their outlet and link; other channels’ digests leave them out', async () => {
    await server.runCommand('digest set', { channel: DEFAULT_IDS.general, schedule: '07:00' }, asModerator);
    // digests are posted to the channel, not as a reply to an interaction
    const digestsIn = (channel: string): string => JSON.stringify(server.channelMessages(channel).filter((m) => m.interaction_metadata === undefined));
    const now = await server.runCommand('digest now', { channel: DEFAULT_IDS.general }, asModerator);
    expect(textOf(now)).toContain('Posted 1 article');
    const elsewhere = digestsIn(DEFAULT_IDS.general);
    expect(elsewhere).toContain('Artikel yang ditaruh dengan tangan');
    for (const item of list) expect(elsewhere).not.toContain(item.title);
    await server.runCommand('digest now', { channel: DEFAULT_IDS.news }, asModerator);
    const posted = digestsIn(DEFAULT_IDS.news);
    for (const item of list) {
      expect(posted).toContain(item.title);
      expect(posted).toContain(site.url(`/read/${item.id}`));
    }
    expect(posted).toContain('Contoh News');
  });

  it('refuses what is not a feed, with the reason, and stores nothing; follows the feed a page declares', async () => {
    const page = await server.runCommand('feed add', { url: site.url('/no-feed'), channel: DEFAULT_IDS.general }, asModerator);
    expect(textOf(page)).toContain('I could not use');
    expect(textOf(page)).toContain('it is not an RSS, Atom or JSON feed. Nothing was added.');
    const scheme = await server.runCommand('feed add', { url: 'ftp://files.example/feed.xml' }, asModerator);
    expect(textOf(scheme)).toContain('only http and https links can be read');
    const missing = await server.runCommand('feed add', { url: site.url('/missing.xml') }, asModerator);
    expect(textOf(missing)).toContain('the site answered with an error (404)');
    const filter = await server.runCommand('feed add', { url: site.url('/rss.xml'), filter: '"unclosed' }, asModerator);
    expect(textOf(filter)).toContain('never closes it');
    expect(await store.feeds.ofGuild(DEFAULT_IDS.guild)).toHaveLength(1);

    const discovered = await server.runCommand('feed add', { url: site.url('/home'), channel: DEFAULT_IDS.general, filter: 'beras' }, asModerator);
    expect(textOf(discovered)).toContain(`The page you gave links this feed: ${site.url('/rss.xml')}`);
    expect(textOf(discovered)).toContain('Only items matching `beras`');
    expect((await store.feeds.ofGuild(DEFAULT_IDS.guild)).map((f) => [f.channelId, f.filter])).toEqual([
      [DEFAULT_IDS.news, null],
      [DEFAULT_IDS.general, 'beras'],
    ]);
  });

  it('shows a failing feed’s problem, a paused feed’s reason, and resumes it on /feed add of the same URL; stops at the server’s limit', async () => {
    // the page leads to a feed the server follows already
    expect(textOf(await server.runCommand('feed add', { url: site.url('/home') }, asModerator))).toContain('is already followed');
    // FEEDS_PER_GUILD=3: two are followed, one more fits
    site.feed('/third.xml', rssFeed([]));
    const third = await server.runCommand('feed add', { url: site.url('/third.xml'), channel: DEFAULT_IDS.general }, asModerator);
    expect(textOf(third)).toContain('Following');
    site.feed('/fourth.xml', rssFeed([]));
    const fourth = await server.runCommand('feed add', { url: site.url('/fourth.xml'), channel: DEFAULT_IDS.general }, asModerator);
    expect(textOf(fourth)).toContain('already follows 3 feeds');

    const target = (await store.feeds.ofGuild(DEFAULT_IDS.guild)).find((f) => f.url === site.url('/third.xml'));
    if (target === undefined) throw new Error('the third feed is missing');
    await feeds.poller.idle();
    // ten failed polls, as the poller records them (waiting for its backoff in real time would take days)
    for (let failure = 1; failure <= 10; failure++) {
      const claimed = await store.feeds.claimDue('test:0:x', Date.now() + 10 ** 12, 60_000, 100);
      for (const feed of claimed) {
        const error = 'the server answered 500 Internal Server Error';
        const result = feed.id === target.id ? { ok: false as const, error, nextPollAt: Date.now() + 3_600_000, ...(failure === 10 ? { pause: 'failures' as const } : {}) } : { ok: true as const, etag: feed.etag, lastModified: feed.lastModified, nextPollAt: feed.nextPollAt };
        await store.feeds.recordPoll(feed.id, 'test:0:x', result, Date.now());
      }
      if (failure === 3) {
        const failing = textOf(await server.runCommand('feed list', {}, asModerator));
        expect(failing).toContain('failing (3 in a row)');
        expect(failing).toContain('Last problem: the server answered 500 Internal Server Error');
      }
    }
    const paused = textOf(await server.runCommand('feed list', {}, asModerator));
    expect(paused).toContain('paused after 10 failures in a row');
    expect(paused).toContain('`/feed add` the same address to resume it.');
    const indonesian = textOf(await server.runCommand('feed list', {}, { ...asModerator, locale: 'id' }));
    expect(indonesian).toContain('dijeda setelah 10 kali gagal berturut-turut');

    const resumed = await server.runCommand('feed add', { url: site.url('/third.xml') }, asModerator);
    expect(textOf(resumed)).toContain('was paused; it is polled again now');
    expect(await store.feeds.get(target.id)).toMatchObject({ pausedReason: null, consecutiveFailures: 0 });
  });

  it('removes a feed picked by autocomplete; the articles it brought stay', async () => {
    const before = library.current().articles.length;
    const choices = await server.autocomplete('feed remove', { feed: 'third' }, 'feed', asModerator);
    expect(choices.choices).toHaveLength(1);
    const value = String(choices.choices?.[0]?.value);
    const removed = await server.runCommand('feed remove', { feed: value }, asModerator);
    expect(textOf(removed)).toContain(`Stopped following ${site.url('/third.xml')}`);
    expect((await store.feeds.ofGuild(DEFAULT_IDS.guild)).map((f) => f.url)).not.toContain(site.url('/third.xml'));
    const unknown = await server.runCommand('feed remove', { feed: '99999' }, asModerator);
    expect(textOf(unknown)).toContain('follows no feed “99999”');
    expect(library.current().articles.length).toBe(before);
  });

  it('previews a feed with /feed test: newest items, their text and summary, nothing stored', async () => {
    const feedsBefore = await store.feeds.ofGuild(DEFAULT_IDS.guild);
    const filesBefore = await readdir(join(corpus.dir, 'feeds', '127.0.0.1'));
    site.feed('/preview.xml', rssFeed([
      { id: 'p1', title: 'Gempa kecil guncang Sukabumi tanpa kerusakan', link: site.url('/read/p1'), published: '2025-01-06T01:00:00Z' },
      { id: 'p2', title: 'Banjir surut warga kembali ke rumah', link: site.url('/gone'), published: '2025-01-06T00:00:00Z', content: '<p>Banjir di Kampung Melayu mulai surut sejak Senin pagi dan warga mulai membersihkan rumah mereka dari lumpur, kata petugas.</p>' },
    ], 'Umpan Pratinjau'));
    site.page('/read/p1', newsPage('Gempa kecil guncang Sukabumi tanpa kerusakan', newsParagraphs('gempa', 5)));
    const outcome = await server.runCommand('feed test', { url: site.url('/preview.xml') }, asModerator);
    expect(outcome.ephemeral).toBe(true);
    const [head, first, second] = outcome.messages[0]?.embeds ?? [];
    expect(head).toMatchObject({ title: 'Feed preview: Umpan Pratinjau' });
    expect(String(head?.description)).toContain('RSS feed · 2 articles · the newest 2 below. Nothing was stored.');
    expect(first).toMatchObject({ title: 'Gempa kecil guncang Sukabumi tanpa kerusakan' });
    expect(JSON.stringify(first)).toContain('Summary');
    expect(JSON.stringify(second)).toContain("From the feed's own text (partial)");
    expect(await store.feeds.ofGuild(DEFAULT_IDS.guild)).toEqual(feedsBefore);
    expect(await readdir(join(corpus.dir, 'feeds', '127.0.0.1'))).toEqual(filesBefore);
  });
});
