import { writeFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArticles } from '../src/corpus/index.js';
import { extractArticle } from '../src/extract/index.js';
import { articleFile, parseFeed, type ArticleFile } from '../src/feeds/index.js';
import { fetchUrl, type FetchOptions } from '../src/fetch/index.js';
import { html, startServer, type TestServer } from './fetch-server.js';
import { scratchDir } from './helpers/tmp.js';

const paragraphs = [
  'Pemerintah Kota Bandung memperbaiki 40 ruas jalan yang rusak akibat hujan deras sepanjang pekan lalu.',
  '"Kami targetkan selesai sebelum akhir bulan," kata Kepala Dinas Pekerjaan Umum kepada wartawan, Kamis.',
  'Perbaikan dilakukan bertahap mulai dari ruas dengan lalu lintas terpadat di pusat kota.',
];
const page = `<!doctype html><html><head><meta charset="utf-8"><meta property="og:title" content="Bandung Perbaiki 40 Ruas Jalan - Contoh.com">
<meta property="og:site_name" content="Contoh.com"><meta property="article:published_time" content="2023-09-14T20:22:00+07:00"></head>
<body><nav><a href="/">Beranda</a></nav><article><h1>Bandung Perbaiki 40 Ruas Jalan</h1><div class="share">Bagikan</div>
<p>BANDUNG, Contoh.com - ${paragraphs[0]}</p><p><strong>Baca juga:</strong> <a href="/lain">Berita lain</a></p><p>${paragraphs[1]}</p><p>${paragraphs[2]}</p></article></body></html>`;

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    '/feed.xml': (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"f1"' }).end(`<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Contoh</title><link>${server.url('/')}</link>
<item><title>Bandung Perbaiki 40 Ruas Jalan</title><link>${server.url('/jalan?utm_source=rss')}</link><guid>jalan-1</guid><category>Regional</category></item>
<item><title>Halaman hilang</title><link>${server.url('/hilang')}</link><guid>hilang-1</guid><pubDate>Thu, 14 Sep 2023 21:00:00 +0700</pubDate><content:encoded><![CDATA[<p>Isi dari feed: jembatan ditutup sementara untuk perbaikan.</p>]]></content:encoded></item>
<item><title>Tanpa isi</title><link>${server.url('/hilang-juga')}</link></item></channel></rss>`),
    '/jalan': html(page),
  });
});
afterAll(() => server.close());

describe('the seams a poller composes: fetch → parseFeed → fetch each page → extractArticle → articleFile → the corpus', () => {
  it('turns a feed into article files the corpus loader reads, with the feed text standing in for a missing page', async () => {
    const options: FetchOptions = { allowPrivate: true };
    const fetchedFeed = await fetchUrl(server.url('/feed.xml'), options);
    if (!fetchedFeed.ok || fetchedFeed.kind !== 'fetched') throw new Error('feed not fetched');
    const parsed = parseFeed(fetchedFeed.text, { url: fetchedFeed.url });
    if (!parsed.ok) throw new Error(parsed.message);
    const files: ArticleFile[] = [];
    for (const item of parsed.feed.items) {
      const fetchedPage = item.link === null ? null : await fetchUrl(item.link, options);
      const extracted = fetchedPage?.ok === true && fetchedPage.kind === 'fetched' ? extractArticle(fetchedPage.text, { url: fetchedPage.url }) : null;
      const file = articleFile(item, extracted, parsed.feed);
      if (file !== null) files.push(file);
    }
    expect(files.map((f) => [f.record.title, f.record.partial])).toEqual([
      ['Bandung Perbaiki 40 Ruas Jalan', false],
      ['Halaman hilang', true],
    ]);
    expect(files[0]?.path).toBe(`feeds/127.0.0.1/${parsed.feed.items[0]?.id}.json`);
    expect(files[0]?.record).toMatchObject({ url: server.url('/jalan'), source: 'Contoh.com', city: 'BANDUNG', category: 'Regional', published: '2023-09-14T20:22:00+07:00', paragraphs });

    const scratch = await scratchDir();
    try {
      for (const file of files) {
        const path = join(scratch.dir, file.path);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, JSON.stringify(file.record, null, 2));
      }
      const { articles, problems } = await loadArticles([scratch.dir]);
      expect(problems).toEqual([]);
      expect(articles.map((a) => a.title).sort()).toEqual(['Bandung Perbaiki 40 Ruas Jalan', 'Halaman hilang']);
      const jalan = articles.find((a) => a.title === 'Bandung Perbaiki 40 Ruas Jalan');
      expect(jalan?.paragraphs).toEqual(paragraphs);
      expect(jalan?.published).toBe('2023-09-14T20:22:00+07:00');
    } finally {
      await scratch.cleanup();
    }
  });
});
