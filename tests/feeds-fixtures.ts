import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseConfig, type Config } from '../src/config.js';
import { startBot, type Bot, type BotOptions } from '../src/discord/bot.js';
import { loadBotCommands } from '../src/discord/registry.js';
import type { Resolver } from '../src/fetch/index.js';
import { createLogger, type Logger } from '../src/log.js';
import type { LocalDiscordServer } from '../discord-emulator/index.js';
import { RELAXED_COOLDOWN } from './bot-harness.js';

export type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export interface RecordedRequest {
  readonly path: string;
  readonly host: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly start: number;
  end: number;
}

/** A news site on 127.0.0.1 whose feeds and pages a test changes as it goes, recording when each request started and ended. */
export interface NewsSite {
  readonly port: number;
  /** `http://<host>:<port><path>`; other host names than 127.0.0.1 need `resolver`. */
  url(path: string, host?: string): string;
  route(path: string, handler: Handler): void;
  /** A feed answered with an ETag and 304 to a matching If-None-Match. */
  feed(path: string, body: string, type?: string): void;
  page(path: string, html: string): void;
  hits(path: string): number;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Host names the tests use for "other sites", all on 127.0.0.1. */
export const resolver: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];

export async function startNewsSite(): Promise<NewsSite> {
  const routes = new Map<string, Handler>();
  const requests: RecordedRequest[] = [];
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const record: RecordedRequest = { path, host: String(request.headers.host ?? '').replace(/:\d+$/, ''), headers: request.headers, start: Date.now(), end: 0 };
    requests.push(record);
    response.on('close', () => {
      record.end = Date.now();
    });
    const handler = routes.get(path);
    if (handler === undefined) response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    else handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path, host = '127.0.0.1') => `http://${host}:${port}${path}`,
    route: (path, handler) => routes.set(path, handler),
    feed(path, body, type = 'application/rss+xml; charset=utf-8') {
      const etag = `"${body.length}-${[...body].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7)}"`;
      routes.set(path, (request, response) => {
        if (request.headers['if-none-match'] === etag) response.writeHead(304, { etag }).end();
        else response.writeHead(200, { 'content-type': type, etag }).end(body);
      });
    },
    page(path, html) {
      routes.set(path, (_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
    },
    hits: (path) => requests.filter((r) => r.path === path).length,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface TestItem {
  readonly id: string;
  readonly title: string;
  readonly link: string | null;
  readonly published?: string;
  readonly content?: string;
  readonly category?: string;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rssFeed(items: readonly TestItem[], title = 'Berita Contoh'): string {
  const entries = items.map(
    (item) => `<item><title>${esc(item.title)}</title>${item.link === null ? '' : `<link>${esc(item.link)}</link>`}<guid isPermaLink="false">${esc(item.id)}</guid>` +
      `${item.published === undefined ? '' : `<pubDate>${new Date(item.published).toUTCString()}</pubDate>`}` +
      `${item.category === undefined ? '' : `<category>${esc(item.category)}</category>`}` +
      `${item.content === undefined ? '' : `<content:encoded><![CDATA[${item.content}]]></content:encoded>`}</item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${esc(title)}</title><link>https://contoh.example/</link>${entries.join('')}</channel></rss>`;
}

/** Sentences of plausible Indonesian news prose, distinct per seed. */
export function newsParagraphs(seed: string, count = 4): string[] {
  const subjects = ['Pemerintah daerah', 'Warga setempat', 'Kepala dinas', 'Para pedagang', 'Petugas kepolisian', 'Tim gabungan'];
  const verbs = ['menyatakan', 'memastikan', 'melaporkan', 'mengumumkan', 'menjelaskan', 'menegaskan'];
  const objects = ['rencana perbaikan jalan', 'harga bahan pokok', 'jadwal distribusi bantuan', 'hasil pemeriksaan', 'program vaksinasi', 'penutupan jembatan'];
  let state = [...seed].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 11);
  const pick = <T>(list: readonly T[]): T => {
    state = (state * 1103515245 + 12345) >>> 0;
    // the high bits: the low bits of this generator repeat within a few steps, and every seed's text came out alike
    return list[(state >>> 16) % list.length] as T;
  };
  return Array.from({ length: count }, (_, i) =>
    `${pick(subjects)} ${pick(verbs)} ${pick(objects)} di kawasan ${seed} pada pekan ke-${i + 1}, dan ${pick(subjects).toLowerCase()} ${pick(verbs)} ${pick(objects)} akan dibahas lagi dalam rapat berikutnya bersama perwakilan masyarakat.`,
  );
}

/** A news page: a headline, a date, an article of paragraphs and some furniture around it. */
export function newsPage(title: string, paragraphs: readonly string[], published = '2025-01-06T08:00:00+07:00'): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${esc(title)} - Contoh</title>
<meta property="og:title" content="${esc(title)}"><meta property="og:site_name" content="Contoh News"><meta property="article:published_time" content="${published}"></head>
<body><nav><a href="/">Beranda</a><a href="/nasional">Nasional</a></nav><main><article><h1>${esc(title)}</h1><div class="share">Bagikan</div>
${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}</article></main><footer>Copyright Contoh News</footer></body></html>`;
}

export const silentLog: Logger = createLogger({ level: 'silent' });

/** Resolves once `check` holds, polling every 20 ms; rejects after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = 'the condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The configuration of a bot talking to an emulator server, with `env` on top. */
export function emulatorConfig(server: LocalDiscordServer, env: Record<string, string>): Config {
  return parseConfig({ DISCORD_TOKEN: server.token, DISCORD_API_BASE: server.apiUrl, DISCORD_GUILD_ID: server.guild.id, LOG_LEVEL: 'silent', ...env });
}

/** The real bot (every command in commands/, message commands too) on an emulator server, with the context a test gives it. */
export async function startTestBot(config: Config, context: BotOptions['context']): Promise<Bot> {
  return startBot({ config, log: silentLog, commands: await loadBotCommands(), rememberRegistration: false, router: RELAXED_COOLDOWN, context });
}

/** Runs each closer in turn, last opened first. */
export async function closeAll(closers: readonly (() => Promise<unknown> | unknown)[]): Promise<void> {
  for (const close of [...closers].reverse()) await close();
}
