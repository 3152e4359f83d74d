import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Article } from '../corpus/article.js';
import { loadCorpus } from '../corpus/index.js';
import { esc, sindonewsPage, slugOf } from './sample-page.js';

/** The repository's seeds/ folder (found upwards from this file, from the sources and from dist/ alike): the sample feed is made from its articles. */
export function seedsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++, dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'seeds'))) return join(dir, 'seeds');
  }
  return resolve('seeds');
}

export interface SampleFeed {
  /** The RSS feed: `http://127.0.0.1:<port>/feed.xml`. */
  readonly url: string;
  /** How many items it holds. */
  readonly items: number;
  close(): Promise<void>;
}

interface Entry {
  readonly article: Article;
  readonly path: string;
}

const rfc822 = (iso: string | null): string => new Date(iso === null ? 0 : Date.parse(iso)).toUTCString();

function rss(base: string, entries: readonly Entry[]): string {
  const items = entries.map(
    ({ article, path }) => `<item>
<title>${esc(article.title)}</title>
<link>${base}${path}</link>
<guid isPermaLink="true">${base}${path}</guid>
<pubDate>${rfc822(article.published)}</pubDate>
<category>${esc(article.category ?? 'Internasional')}</category>
<description>${esc(article.paragraphs[0] ?? '')}</description>
</item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>SINDOnews (contoh lokal)</title>
<link>${base}/</link>
<description>Umpan contoh Ringkas: artikel dari folder seeds/ dalam tata letak SINDOnews</description>
<language>id</language>
${items.join('\n')}
</channel></rss>
`;
}

/** Answers with a validator, 304 when the client has it, and gzip when the client takes it: what a polite poller meets on real sites. */
function send(request: IncomingMessage, response: ServerResponse, type: string, body: string): void {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, { etag }).end();
    return;
  }
  const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  const bytes = gzip ? gzipSync(body) : Buffer.from(body);
  response.writeHead(200, { 'content-type': `${type}; charset=utf-8`, etag, ...(gzip ? { 'content-encoding': 'gzip' } : {}) }).end(bytes);
}

/**
 * A small news site on 127.0.0.1 for local mode: an RSS feed of the articles in `seedsDir`, each with its page in a
 * SINDOnews layout, so that `/feed add` works without the internet.
 */
export async function startSampleFeed(from: string = seedsDir()): Promise<SampleFeed> {
  const { articles } = await loadCorpus(from).catch(() => ({ articles: [] as Article[] }));
  const entries: Entry[] = articles.map((article) => ({ article, path: `/read/${slugOf(article.title) || 'artikel'}-${article.contentHash.slice(0, 8)}` }));
  let base = '';
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/feed.xml') {
      send(request, response, 'application/rss+xml', rss(base, entries));
      return;
    }
    const entry = entries.find((e) => e.path === path);
    if (entry === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const related = entries.map((e) => ({ title: e.article.title, url: `${base}${e.path}` }));
    send(request, response, 'text/html', sindonewsPage(entry.article, `${base}${entry.path}`, related));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/feed.xml`,
    items: entries.length,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
