/** The news sites of the feeds benchmark: 500 RSS feeds on 50 host names and the pages of their items, on 127.0.0.1. */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const BENCH_FEEDS = 500;
export const BENCH_HOSTS = 50;
export const KNOWN_ITEMS = 20;
/** Feeds 0…49 carry one new item each. */
export const NEW_ITEM_FEEDS = 50;

export const benchFeedUrl = (port: number, n: number): string => `http://site-${n % BENCH_HOSTS}.bench:${port}/f/${n}.xml`;

function feedXml(host: string, n: number): string {
  const items: string[] = [];
  const item = (guid: string, path: string, minutesAgo: number): string =>
    `<item><title>Berita ${guid} tentang pembangunan daerah dan harga pangan</title><link>http://${host}/p/${path}</link><guid isPermaLink="false">${guid}</guid>` +
    `<pubDate>${new Date(Date.parse('2025-01-06T00:00:00Z') - minutesAgo * 60_000).toUTCString()}</pubDate><description>Ringkasan berita ${guid}.</description></item>`;
  if (n < NEW_ITEM_FEEDS) items.push(item(`f${n}-new`, `${n}/new`, 1));
  for (let k = 0; k < KNOWN_ITEMS; k++) items.push(item(`f${n}-i${k}`, `${n}/${k}`, 60 * (k + 1)));
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Situs ${n % BENCH_HOSTS} umpan ${n}</title><link>http://${host}/</link>${items.join('')}</channel></rss>`;
}

export interface BenchSite {
  readonly port: number;
  /** Feed requests answered 304. */
  notModified(): number;
  close(): Promise<void>;
}

/** Serves every feed (with an ETag, 304 when it matches) and, for each new item, one of `pages` (the real saved news pages). */
export async function startBenchSite(pages: readonly string[]): Promise<BenchSite> {
  let notModified = 0;
  const server: Server = createServer((request, response) => {
    const host = String(request.headers.host ?? '');
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const feed = /^\/f\/(\d+)\.xml$/.exec(path);
    if (feed !== null) {
      const body = feedXml(host, Number(feed[1]));
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
      if (request.headers['if-none-match'] === etag) {
        notModified++;
        response.writeHead(304, { etag }).end();
      } else response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(body);
      return;
    }
    const page = /^\/p\/(\d+)\/new$/.exec(path);
    if (page !== null) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages[Number(page[1]) % pages.length]);
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    notModified: () => notModified,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
