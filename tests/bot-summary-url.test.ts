import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../src/discord/bot.js';
import { LinkReader } from '../src/feeds/index.js';
import { corpusFolder, openLibrary, type OpenedLibrary } from '../src/library/index.js';
import { startDiscordServer, type InteractionOutcome, type LocalDiscordServer } from '../discord-emulator/index.js';
import { closeAll, emulatorConfig, newsPage, silentLog, startNewsSite, startTestBot, type NewsSite } from './feeds-fixtures.js';
import { scratchDir, seedFile } from './helpers/tmp.js';
import { readFile } from 'node:fs/promises';

let site: NewsSite;
let server: LocalDiscordServer;
let bot: Bot;
let library: OpenedLibrary;
let corpus: Awaited<ReturnType<typeof scratchDir>>;

const TITLE = 'Pemerintah Tambah Anggaran Bantuan Sosial Tahun Depan';
const paragraphs = [
  'JAKARTA - Menteri Keuangan Sri Mulyani Indrawati mengatakan pemerintah akan menambah anggaran bantuan sosial tahun depan untuk menjaga daya beli keluarga miskin.',
  '“Kami akan memastikan bantuan sampai ke keluarga yang paling membutuhkan,” kata Sri Mulyani di Jakarta, Senin.',
  'Ia menambahkan bahwa data penerima bantuan akan diperbarui setiap tiga bulan bersama pemerintah daerah dan Badan Pusat Statistik.',
  '“Pendataan yang akurat adalah kunci agar bantuan tidak salah sasaran,” ujarnya.',
  'Anggota Komisi XI DPR menyambut baik rencana tersebut dan meminta pengawasan penyaluran diperketat di setiap daerah.',
];

const textOf = (outcome: InteractionOutcome): string =>
  outcome.messages.map((m) => [m.content, ...m.embeds.map((e) => JSON.stringify(e))].join('\n')).join('\n');

beforeAll(async () => {
  site = await startNewsSite();
  site.page('/berita/bansos', newsPage(TITLE, paragraphs));
  site.route('/lambat', (_request, response) => {
    setTimeout(() => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(newsPage('Halaman yang lambat sekali dimuat server', paragraphs)), 3_500);
  });
  site.route('/sangat-lambat', (_request, response) => {
    setTimeout(() => response.writeHead(200, { 'content-type': 'text/html' }).end(newsPage('Tidak pernah tepat waktu', paragraphs)), 8_000);
  });
  site.route('/foto.png', (_request, response) => response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0])));
  site.route('/besar', (_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body>${'<p>teks</p>'.repeat(30_000)}</body></html>`));
  site.page('/kosong', '<html><head><title>Kosong</title></head><body><nav><a href="/">Beranda</a></nav></body></html>');
  corpus = await scratchDir();
  await corpus.write('000_seed.txt', await readFile(seedFile, 'utf8'));
  server = await startDiscordServer({ rateLimits: false });
  const config = emulatorConfig(server, { CORPUS_DIR: corpus.dir, DATA_DIR: corpus.dir });
  library = await openLibrary(corpusFolder(config.corpusDir));
  // what a public deployment fetches: public addresses only (here: the test site's 127.0.0.1 stands for the public internet)
  const links = new LinkReader({ fetch: { addressAllowed: (address) => address === '127.0.0.1', timeoutMs: 6_000, maxBytes: 200_000 } });
  bot = await startTestBot(config, { library, config, log: silentLog, digests: null, links });
}, 60_000);

afterAll(() => closeAll([corpus.cleanup, () => site.close(), () => server.stop(), () => library.close(), () => bot.stop()]), 60_000);

describe('/summary url:', { timeout: 60_000 }, () => {
  it('defers, then summarises the linked article with its quote count and a button to its quotes; nothing enters the library', async () => {
    const before = library.current().articles.length;
    const outcome = await server.runCommand('summary', { url: site.url('/berita/bansos?utm_source=wa') });
    expect(outcome.status).toBe('answered');
    expect(outcome.deferred).toBe(true);
    expect(outcome.ephemeral).toBe(false);
    const [embed] = outcome.reply?.embeds ?? [];
    expect(embed).toMatchObject({ title: TITLE, url: site.url('/berita/bansos') });
    expect(JSON.stringify(embed)).toContain('"name":"Quotes","value":"2 quotes in this article"');
    expect(embed?.footer).toMatchObject({ text: expect.stringMatching(/^reduced by \d+% · read from the link, not stored$/) });
    const button = outcome.reply?.components[0] as { components: { label: string; custom_id: string }[] } | undefined;
    expect(button?.components[0]?.label).toBe('💬 See the quotes (2)');
    expect(library.current().articles.length).toBe(before);

    const quotes = await server.pressButton(outcome.reply?.id ?? '', button?.components[0]?.custom_id ?? '', 'member');
    expect(quotes.ephemeral).toBe(true);
    const text = textOf(quotes);
    expect(text).toContain(`Quotes in “${TITLE}”`);
    expect(text).toContain('Kami akan memastikan bantuan sampai ke keluarga yang paling membutuhkan');
    expect(text).toContain('Sri Mulyani');
  });

  it('answers again from its cache (by canonical URL), without fetching the page again', async () => {
    const hits = site.hits('/berita/bansos');
    const outcome = await server.runCommand('summary', { url: site.url('/berita/bansos?utm_campaign=x#top'), sentences: 1 }, { locale: 'id' });
    expect(outcome.reply?.embeds[0]).toMatchObject({ title: TITLE });
    expect(JSON.stringify(outcome.reply?.embeds)).toContain('dibaca dari tautan, tidak disimpan');
    expect(site.hits('/berita/bansos')).toBe(hits);
  });

  it('never misses Discord’s 3 s: a page that takes longer is answered after a deferral', async () => {
    const outcome = await server.runCommand('summary', { url: site.url('/lambat') });
    expect(outcome.status).toBe('answered');
    expect(outcome.callback?.type).toBe(5);
    expect(outcome.reply?.embeds[0]).toMatchObject({ title: 'Halaman yang lambat sekali dimuat server' });
    expect(server.missedInteractions).toEqual([]);
  });

  it.each([
    ['a 404', () => site.url('/hilang'), 'the site answered with an error (404)'],
    ['an image', () => site.url('/foto.png'), 'it is not a web page (an image, a PDF or another file)'],
    ['a cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/', 'it points to a private or local network address, which I do not fetch'],
    ['a page too large', () => site.url('/besar'), 'it is too large'],
    ['a page that times out', () => site.url('/sangat-lambat'), 'the site did not answer in time'],
    ['a page with no article', () => site.url('/kosong'), 'there is no article text on that page'],
    ['not http', () => 'javascript:alert(1)', 'only http and https links can be read'],
    ['credentials', () => 'https://user:secret@news.example/a', 'links with a user name or password in them are not fetched'],
  ])('explains %s privately, naming the link and the reason', async (_name, url, reason) => {
    const outcome = await server.runCommand('summary', { url: url() });
    expect(outcome.status).toBe('answered');
    // the public "thinking…" gives way to a message only the asker sees
    expect(outcome.messages.length).toBeGreaterThan(0);
    expect(outcome.messages.every((m) => (m.flags & 64) !== 0)).toBe(true);
    expect(outcome.events.some((e) => e.kind === 'delete')).toBe(true);
    expect(textOf(outcome)).toContain(`I could not summarise <`);
    expect(textOf(outcome)).toContain(reason);
    expect(textOf(outcome)).not.toContain('secret');
  });

  it('explains in Indonesian for an Indonesian reader', async () => {
    const outcome = await server.runCommand('summary', { url: site.url('/hilang') }, { locale: 'id' });
    expect(textOf(outcome)).toContain('tidak dapat saya ringkas: situsnya menjawab dengan galat (404)');
  });
});

describe('the "Summarize link" message command', { timeout: 60_000 }, () => {
  it('summarises the first link in a message', async () => {
    const message = server.postUserMessage('general', `Sudah baca ini? ${site.url('/berita/bansos')}, lalu https://other.example/b`, 'member');
    const outcome = await server.runMessageCommand('Summarize link', message, { user: 'member' });
    expect(outcome.status).toBe('answered');
    expect(outcome.reply?.embeds[0]).toMatchObject({ title: TITLE });
  });

  it('says so when the message has no link', async () => {
    const message = server.postUserMessage('general', 'tidak ada tautan di pesan ini', 'member');
    const outcome = await server.runMessageCommand('Summarize link', message, { user: 'member', locale: 'id' });
    expect(outcome.ephemeral).toBe(true);
    expect(textOf(outcome)).toContain('Pesan itu tidak berisi tautan untuk diringkas.');
  });
});
