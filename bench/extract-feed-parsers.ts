/**
 * Feed parsers side by side: feedsmith (ours), rss-parser, @extractus/feed-extractor, on real-looking feeds and on
 * hostile ones. The two others are not dependencies; install them without saving to run this:
 *   npm i --no-save rss-parser @extractus/feed-extractor && npx tsx bench/extract-feed-parsers.ts
 */
import { parseFeed as feedsmith } from 'feedsmith';
import { detokenizeParagraph, readIndoSum } from '../scripts/rouge-indosum.js';
import { INDOSUM_DEV_FOLDS } from './corpus.js';
import { ms, spreadOf, table } from './harness.js';

type Parse = (text: string) => Promise<{ items: number; firstTitle: string | null }>;

const moduleName = (name: string): string => name;
const rssParserModule = (await import(moduleName('rss-parser')).catch(() => null)) as { default: new () => { parseString(xml: string): Promise<{ items: Array<{ title?: string }> }> } } | null;
const extractusModule = (await import(moduleName('@extractus/feed-extractor')).catch(() => null)) as {
  extractFromXml(xml: string, options?: object): { entries?: Array<{ title?: string }> };
  extractFromJson(json: object, options?: object): { entries?: Array<{ title?: string }> };
} | null;
if (rssParserModule === null || extractusModule === null) {
  console.log('Install the parsers compared first: npm i --no-save rss-parser @extractus/feed-extractor');
  process.exit(2);
}
const RssParser = rssParserModule.default;
const extractus = extractusModule;

const parsers: ReadonlyArray<readonly [string, Parse]> = [
  ['feedsmith 3', async (text) => {
    const { feed } = feedsmith(text.trimStart().startsWith('{') ? (JSON.parse(text) as object) : text) as { feed: { items?: Array<{ title?: unknown }>; entries?: Array<{ title?: unknown }> } };
    const items = feed.items ?? feed.entries ?? [];
    const title = items[0]?.title;
    return { items: items.length, firstTitle: typeof title === 'string' ? title : typeof (title as { value?: unknown } | undefined)?.value === 'string' ? String((title as { value: string }).value) : null };
  }],
  ['rss-parser 3', async (text) => {
    const feed = await new RssParser().parseString(text);
    return { items: feed.items.length, firstTitle: feed.items[0]?.title ?? null };
  }],
  ['@extractus/feed-extractor 8', async (text) => {
    const feed = text.trimStart().startsWith('{') ? extractus.extractFromJson(JSON.parse(text) as object) : extractus.extractFromXml(text);
    return { items: feed.entries?.length ?? 0, firstTitle: feed.entries?.[0]?.title ?? null };
  }],
];

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const articles = (await readIndoSum(INDOSUM_DEV_FOLDS[0] ?? '')).slice(0, 10_000).map((r, i) => ({
  title: `Berita ${i}: ${r.paragraphs[0]?.[0]?.slice(0, 10).join(' ') ?? ''}`,
  body: r.paragraphs.map((p) => `<p>${esc(detokenizeParagraph(p).text)}</p>`).join(''),
}));
const item = (a: { title: string; body: string }, i: number): string =>
  `<item><title>${esc(a.title)}</title><link>https://berita.example/read/${i}?utm_source=rss</link><guid isPermaLink="false">b-${i}</guid><pubDate>Thu, 14 Sep 2023 20:22:00 +0700</pubDate><category>Nasional</category><dc:creator>Redaksi</dc:creator><description>${esc(a.body.slice(0, 300))}</description><content:encoded><![CDATA[${a.body}]]></content:encoded></item>`;
const rss = (n: number): string =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Berita</title><link>https://berita.example/</link>${Array.from({ length: n }, (_, i) => item(articles[i % articles.length] ?? { title: 'x', body: '' }, i)).join('')}</channel></rss>`;
const atom = (n: number): string =>
  `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Berita</title><id>urn:b</id><updated>2023-09-14T13:22:00Z</updated>${Array.from({ length: n }, (_, i) => `<entry><id>urn:b:${i}</id><title>${esc(articles[i]?.title ?? '')}</title><link href="https://b.example/${i}"/><updated>2023-09-14T13:22:00Z</updated><content type="html">${esc(articles[i]?.body ?? '')}</content></entry>`).join('')}</feed>`;
const rdf = (n: number): string =>
  `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://r.example/"><title>R</title><link>https://r.example/</link></channel>${Array.from({ length: n }, (_, i) => `<item rdf:about="https://r.example/${i}"><title>${esc(articles[i]?.title ?? '')}</title><link>https://r.example/${i}</link><dc:date>2023-09-14T20:22:00+07:00</dc:date></item>`).join('')}</rdf:RDF>`;
const jsonFeed = (n: number): string =>
  JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items: Array.from({ length: n }, (_, i) => ({ id: String(i), url: `https://j.example/${i}`, title: articles[i]?.title, content_html: articles[i]?.body })) });
const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('')}]><rss version="2.0"><channel><title>x</title><item><title>&lol9;</title><link>https://x.example/1</link></item></channel></rss>`;

async function outcome(parse: Parse, text: string): Promise<string> {
  const heapBefore = process.memoryUsage().heapUsed;
  const at = performance.now();
  try {
    const result = await parse(text);
    const grew = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    const title = result.firstTitle === null ? 'no title' : `"${result.firstTitle.slice(0, 13)}${result.firstTitle.length > 13 ? '…' : ''}"`;
    return `${result.items} items, ${title}, ${ms(performance.now() - at)}${grew > 50 ? `, +${grew.toFixed(0)} MiB heap` : ''}`;
  } catch (error) {
    return `refused: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 50)}`;
  }
}

async function speed(parse: Parse, text: string, runs: number): Promise<number> {
  await parse(text);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const at = performance.now();
    await parse(text);
    times.push(performance.now() - at);
  }
  return spreadOf(times).median;
}

const typical = rss(50);
console.log(`Typical feed: RSS 2.0, 50 items with content:encoded (IndoSum articles), ${(typical.length / 1024).toFixed(0)} KiB. Median of 20 parses.`);
const speedRows: string[][] = [];
for (const [name, parse] of parsers) {
  const rssMs = await speed(parse, typical, 20);
  const atomMs = await speed(parse, atom(50), 20);
  const big = rss(10_000);
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const at = performance.now();
  const parsed = await parse(big).catch(() => null);
  const bigMs = performance.now() - at;
  const heap = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  speedRows.push([name, ms(rssMs), ms(atomMs), `${parsed?.items ?? 'failed'} in ${ms(bigMs)}`, `${heap.toFixed(0)} MiB`]);
}
console.log(table(['parser', 'RSS 50 items', 'Atom 50 items', `RSS 10,000 items (${(rss(10_000).length / 2 ** 20).toFixed(0)} MiB)`, 'heap after 10,000'], speedRows));

const cases: ReadonlyArray<readonly [string, string]> = [
  ['RDF (RSS 1.0), 20 items', rdf(20)],
  ['JSON Feed 1.1, 20 items', jsonFeed(20)],
  ['HTML entity in title (&eacute;)', rss(1).replace('<title>Berita 0', '<title>Caf&eacute; Berita 0')],
  ['billion laughs (entity bomb)', laughs],
  ['not XML', 'hello, not a feed'],
  ['an HTML page', '<!doctype html><html><body><p>x</p></body></html>'],
  ['truncated in the middle', typical.slice(0, Math.floor(typical.length / 2))],
  ['items without link/date/title', '<rss version="2.0"><channel><title>x</title><item><description>only</description></item><item><guid>g</guid></item></channel></rss>'],
];
const rows: string[][] = [];
for (const [label, text] of cases) {
  const row = [label];
  for (const [, parse] of parsers) row.push(await outcome(parse, text));
  rows.push(row);
}
console.log(`\n${table(['input', ...parsers.map(([name]) => name)], rows)}`);
