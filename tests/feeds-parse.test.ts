import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl } from '../src/fetch/index.js';
import { identityKey, itemParagraphs, parseFeed, stableId, type FeedItem, type FeedParseResult, type ParsedFeed } from '../src/feeds/index.js';
import { startServer, type TestServer } from './fetch-server.js';

const feedOf = (result: FeedParseResult): ParsedFeed => {
  if (!result.ok) throw new Error(`expected a feed: ${result.reason} ${result.message}`);
  return result.feed;
};
const only = (feed: ParsedFeed): FeedItem => {
  expect(feed.items).toHaveLength(1);
  return feed.items[0] as FeedItem;
};

const rss = (items: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"${extra}>
<channel><title>Berita Terkini</title><link>https://berita.example/</link><description>x</description>${items}</channel></rss>`;
const rssItem = `<item><title>Harga &amp; Pasokan Beras Stabil</title><link>https://berita.example/read/1?utm_source=rss&amp;utm_medium=feed&amp;id=7</link>
<guid isPermaLink="false">berita-1</guid><pubDate>Thu, 14 Sep 2023 20:22:00 +0700</pubDate><dc:creator>Budi Santoso</dc:creator>
<category>Ekonomi</category><category><![CDATA[Nasional]]></category><description>&lt;p&gt;Ringkasan singkat.&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>JAKARTA, Berita.example - Harga beras stabil pekan ini, kata pedagang.</p><p>Baca juga: <a href="/2">Lain</a></p><p>Pasokan cukup hingga akhir bulan.</p>]]></content:encoded></item>`;

describe('feed formats, normalised', () => {
  it('RSS 2.0: guid, link without tracking, title, date with offset, content:encoded, categories, author', () => {
    const feed = feedOf(parseFeed(rss(rssItem)));
    expect(feed).toMatchObject({ format: 'rss', title: 'Berita Terkini', link: 'https://berita.example/', droppedItems: 0, skippedItems: 0 });
    expect(only(feed)).toMatchObject({
      guid: 'berita-1', link: 'https://berita.example/read/1?id=7', title: 'Harga & Pasokan Beras Stabil', published: '2023-09-14T20:22:00+07:00',
      summary: '<p>Ringkasan singkat.</p>', categories: ['Ekonomi', 'Nasional'], author: 'Budi Santoso', id: stableId('guid:berita-1'),
    });
    expect(only(feed).content).toContain('Pasokan cukup');
  });

  it("turns an item's own content into clean paragraphs (the fallback when its page yields nothing)", () => {
    expect(itemParagraphs(only(feedOf(parseFeed(rss(rssItem)))))).toEqual(['Harga beras stabil pekan ini, kata pedagang.', 'Pasokan cukup hingga akhir bulan.']);
  });

  it('RSS 1.0 / RDF', () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://r.example/"><title>RDF</title><link>https://r.example/</link></channel>
<item rdf:about="https://r.example/a"><title>Judul RDF</title><link>https://r.example/a?fbclid=1</link><description>Isi</description><dc:date>2023-09-14T20:22:00+07:00</dc:date><dc:creator>Ani</dc:creator><dc:subject>Politik</dc:subject></item></rdf:RDF>`;
    expect(only(feedOf(parseFeed(rdf)))).toMatchObject({ guid: null, link: 'https://r.example/a', title: 'Judul RDF', published: '2023-09-14T20:22:00+07:00', summary: 'Isi', categories: ['Politik'], author: 'Ani' });
  });

  it('Atom: the alternate link, published (else updated), summary and content, category labels, authors', () => {
    const atom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title><link href="https://a.example/"/><id>urn:a</id><updated>2023-09-15T00:00:00Z</updated>
<entry><id>tag:a.example,2023:1</id><title type="html">Judul &lt;i&gt;Atom&lt;/i&gt;</title><link rel="enclosure" href="https://a.example/1.mp3"/><link rel="alternate" href="https://a.example/1?utm_campaign=x"/>
<updated>2023-09-14T13:22:00Z</updated><summary>Ringkas</summary><content type="html">&lt;p&gt;Isi&lt;/p&gt;</content><category term="nas" label="Nasional"/><author><name>Citra</name></author></entry></feed>`;
    expect(only(feedOf(parseFeed(atom)))).toMatchObject({
      guid: 'tag:a.example,2023:1', link: 'https://a.example/1', published: '2023-09-14T13:22:00+00:00', summary: 'Ringkas', content: '<p>Isi</p>', categories: ['Nasional'], author: 'Citra',
    });
  });

  it('JSON Feed 1.1', () => {
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', home_page_url: 'https://j.example/', items: [{ id: 'j1', url: 'https://j.example/1?gclid=z', title: 'Judul', content_html: '<p>x</p>', summary: 's', date_published: '2023-09-14T20:22:00+07:00', tags: ['a', 'b'], authors: [{ name: 'N' }] }] });
    const feed = feedOf(parseFeed(json));
    expect(feed).toMatchObject({ format: 'json', title: 'J', link: 'https://j.example/' });
    expect(only(feed)).toMatchObject({ guid: 'j1', link: 'https://j.example/1', content: '<p>x</p>', categories: ['a', 'b'], author: 'N', published: '2023-09-14T20:22:00+07:00' });
  });
});

describe('item identity', () => {
  it('is the guid, else the link without tracking parameters, else title and date', () => {
    expect(identityKey({ guid: ' g ', link: 'https://x/1', title: 't', published: null })).toBe('guid:g');
    expect(identityKey({ guid: null, link: 'https://x/1?utm_source=a#c', title: 't', published: null })).toBe('link:https://x/1');
    expect(identityKey({ guid: '', link: null, title: ' Judul  baru ', published: '2023-09-14T20:22:00+07:00' })).toBe('title:Judul baru|2023-09-14T20:22:00+07:00');
    expect(identityKey({ guid: null, link: null, title: null, published: '2023-09-14T20:22:00+07:00' })).toBeNull();
  });

  it('is stable across polls and across tracking parameters', () => {
    const a = parseFeed(rss('<item><title>T</title><link>https://x.example/1?utm_source=a</link></item>'));
    const b = parseFeed(rss('<item><title>T (diperbarui)</title><link>https://x.example/1?utm_source=b&amp;fbclid=q</link></item>'));
    expect(only(feedOf(a)).id).toBe(only(feedOf(b)).id);
    expect(stableId('guid:x')).toMatch(/^[0-9a-f]{20}$/);
  });
});

describe('hostile feeds: a typed status, never a crash', () => {
  it.each([
    ['not XML', 'hello, this is not a feed', 'not-a-feed'],
    ['HTML', '<!doctype html><html><body><p>page</p></body></html>', 'not-a-feed'],
    ['empty', '   ', 'not-a-feed'],
    ['broken JSON', '{"version": "https://jsonfeed.org/version/1.1", "items": [', 'malformed'],
    ['truncated RSS', rss(rssItem).slice(0, 400), 'malformed'],
  ])('%s → %s', (_name, text, reason) => {
    const result = parseFeed(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe(reason);
  });

  it('refuses a 50 MB text before parsing it', () => {
    const huge = rss(`<item><title>${'x'.repeat(50 * 1024 * 1024)}</title></item>`);
    expect(parseFeed(huge)).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('does not expand an entity-expansion bomb (billion laughs)', () => {
    const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${entities}]>${rss('<item><title>&lol9;</title><link>https://x.example/1</link></item>').replace(/^<\?xml[^>]*>/, '')}`;
    const before = process.memoryUsage().heapUsed;
    const result = parseFeed(bomb);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
    if (result.ok) for (const item of result.feed.items) expect((item.title ?? '').length).toBeLessThan(100);
  });

  it('takes 10,000 items, keeping the first 1,000 and counting the rest', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => `<item><title>Berita ${i}</title><link>https://x.example/${i}</link><pubDate>Thu, 14 Sep 2023 20:22:00 +0700</pubDate></item>`).join('');
    const feed = feedOf(parseFeed(rss(items)));
    expect(feed.items).toHaveLength(1000);
    expect(feed.droppedItems).toBe(9000);
    expect(feedOf(parseFeed(rss(items), { maxItems: 10_000 })).items).toHaveLength(10_000);
  }, 30_000);

  it('keeps items lacking links, dates or titles when something identifies them, and counts those with nothing', () => {
    const items = [
      '<item><title>Tanpa tautan</title><pubDate>Thu, 14 Sep 2023 20:22:00 +0700</pubDate></item>',
      '<item><link>https://x.example/tanpa-judul</link></item>',
      '<item><guid>only-guid</guid></item>',
      '<item><description>only a description</description></item>',
      '<item><title>Tanggal rusak</title><pubDate>kemarin sore</pubDate></item>',
      '<item><guid isPermaLink="true">https://x.example/permalink</guid><title>Permalink</title></item>',
    ].join('');
    const feed = feedOf(parseFeed(rss(items)));
    expect(feed.skippedItems).toBe(1);
    expect(feed.items.map((i) => [i.title, i.link, i.published])).toEqual([
      ['Tanpa tautan', null, '2023-09-14T20:22:00+07:00'],
      [null, 'https://x.example/tanpa-judul', null],
      [null, null, null],
      ['Tanggal rusak', null, null],
      ['Permalink', 'https://x.example/permalink', null],
    ]);
  });

  it('refuses item links that are not http(s)', () => {
    const item = only(feedOf(parseFeed(rss('<item><title>t</title><link>javascript:alert(1)</link></item>'))));
    expect(item.link).toBeNull();
  });

  describe('over HTTP, with the fetcher', () => {
    let server: TestServer;
    beforeAll(async () => {
      const latin1Feed = Buffer.from(rss('<item><title>Caf\u00e9 \u0093Jakarta\u0094</title><link>https://x.example/c</link></item>').replace('encoding="UTF-8"', 'encoding="windows-1252"'), 'latin1');
      const many = rss(Array.from({ length: 10_000 }, (_, i) => `<item><title>B ${i}</title><link>https://x.example/${i}</link></item>`).join(''));
      server = await startServer({
        '/latin1.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(latin1Feed),
        '/lying.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(latin1Feed),
        '/many.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(zlib.gzipSync(many)),
      });
    });
    afterAll(() => server.close());

    it('decodes a windows-1252 feed by its XML declaration, and one whose header lies', async () => {
      for (const path of ['/latin1.xml', '/lying.xml']) {
        const fetched = await fetchUrl(server.url(path), { allowPrivate: true });
        if (!fetched.ok || fetched.kind !== 'fetched') throw new Error('fetch failed');
        expect(only(feedOf(parseFeed(fetched.text))).title, path).toBe('Café “Jakarta”');
      }
    });

    it('fetches and parses a gzipped feed of 10,000 items', async () => {
      const fetched = await fetchUrl(server.url('/many.xml'), { allowPrivate: true });
      if (!fetched.ok || fetched.kind !== 'fetched') throw new Error('fetch failed');
      const feed = feedOf(parseFeed(fetched.text, { url: fetched.url }));
      expect(feed.items).toHaveLength(1000);
      expect(feed.droppedItems).toBe(9000);
    }, 30_000);
  });
});
