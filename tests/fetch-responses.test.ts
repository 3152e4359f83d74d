import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FETCH_DEFAULTS, fetchUrl, retryAfterSeconds, type FetchResult, type Fetched } from '../src/fetch/index.js';
import { html, startServer, type Route, type TestServer } from './fetch-server.js';

const MB = 1024 * 1024;
let server: TestServer;
const open = { allowPrivate: true } as const;

const redirectTo = (path: string, status = 302): Route => (_req, res) => res.writeHead(status, { location: path }).end();
const status = (code: number, headers: Record<string, string> = {}): Route => (_req, res) => res.writeHead(code, headers).end('x');

/** Streams zeros until the client goes away (a 50 MB body never sent whole). */
const endless = (total: number): Route => (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let sent = 0;
  const pump = (): void => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
};

/** A 1 GB gzip bomb (1,024 gzip members of 1 MB of spaces, about 1 MB on the wire) and a 64 MB brotli one. */
const bomb = (encoding: 'gzip' | 'br'): Route => {
  const packed =
    encoding === 'gzip'
      ? Buffer.concat(Array<Buffer>(1024).fill(zlib.gzipSync(Buffer.alloc(MB, 0x20))))
      : zlib.brotliCompressSync(Buffer.alloc(64 * MB, 0x20), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } });
  return (_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': encoding }).end(packed);
};

beforeAll(async () => {
  const chain: Record<string, Route> = {};
  for (let i = 0; i < 7; i++) chain[`/hop${i}`] = redirectTo(`/hop${i + 1}`);
  chain['/hop7'] = html('<p>end of chain</p>');
  server = await startServer({
    ...chain,
    '/page': html('<p>Halo</p>', { etag: '"v1"', 'last-modified': 'Thu, 14 Sep 2023 13:22:00 GMT' }),
    '/conditional': (req, res) => {
      if (req.headers['if-none-match'] === '"v1"' || req.headers['if-modified-since'] === 'Thu, 14 Sep 2023 13:22:00 GMT') res.writeHead(304, { etag: '"v1"' }).end();
      else res.writeHead(200, { etag: '"v1"', 'content-type': 'application/rss+xml' }).end('<rss/>');
    },
    '/moved': redirectTo('/page', 301),
    '/loop-a': redirectTo('/loop-b'),
    '/loop-b': redirectTo('/loop-a'),
    '/self': redirectTo('/self#again'),
    '/gone': status(410),
    '/missing': status(404),
    '/broken': status(500),
    '/bad-gateway': status(502),
    '/unavailable': status(503, { 'retry-after': new Date(Date.now() + 90_000).toUTCString() }),
    '/throttled': status(429, { 'retry-after': '120' }),
    '/huge': endless(50 * MB),
    '/huge-declared': (_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * MB) }).end(),
    '/gzip-bomb': bomb('gzip'),
    '/br-bomb': bomb('br'),
    '/gzip-page': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' }).end(zlib.gzipSync('<p>Berita dikompresi</p>')),
    '/br-page': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'br' }).end(zlib.brotliCompressSync('<p>Berita brotli</p>')),
    '/deflate-page': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'deflate' }).end(zlib.deflateSync('<p>Berita deflate</p>')),
    '/weird-encoding': (_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'zstd-ish' }).end('x'),
    '/slow': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('a')), 1000);
      res.on('close', () => clearInterval(timer));
    },
    '/silent': () => undefined,
    '/truncated': (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': '1000' });
      res.write('<html><body><p>Cut short');
      setTimeout(() => req.socket.destroy(), 20);
    },
    '/png': (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])),
    '/pdf': (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7\n...'),
    '/pdf-as-html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('%PDF-1.4\n%\xe2\xe3'),
    '/jpeg-unlabelled': (_req, res) => res.writeHead(200, {}).end(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])),
    '/not-html': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('just words, no markup'),
    '/ua': (req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(String(req.headers['user-agent'])),
  });
});
afterAll(() => server.close());

const fetched = (result: FetchResult): Fetched => {
  if (!result.ok || result.kind !== 'fetched') throw new Error(`expected a page, got ${result.ok ? result.kind : `${result.reason}: ${result.message}`}`);
  return result;
};
const failed = (result: FetchResult) => {
  if (result.ok) throw new Error(`expected a failure, got ${result.kind}`);
  return result;
};

describe('fetching', () => {
  it('has the stated defaults: 15 s, 5 MB, 5 redirects', () => {
    expect(FETCH_DEFAULTS).toEqual({ timeoutMs: 15_000, maxBytes: 5 * MB, maxRedirects: 5 });
  });

  it('names the bot in the User-Agent', async () => {
    expect(fetched(await fetchUrl(server.url('/ua'), open)).text).toMatch(/^Ringkas\/\d+\.\d+\.\d+/);
    const custom = fetched(await fetchUrl(server.url('/ua'), { ...open, userAgent: 'Ringkas/9.9.9 (+https://example.org/bot)' }));
    expect(custom.text).toBe('Ringkas/9.9.9 (+https://example.org/bot)');
  });

  it('returns validators and answers 304 as not-modified (ETag and If-Modified-Since)', async () => {
    const first = fetched(await fetchUrl(server.url('/page'), open));
    expect(first).toMatchObject({ etag: '"v1"', lastModified: 'Thu, 14 Sep 2023 13:22:00 GMT', textKind: 'html', charset: 'utf-8' });
    expect((await fetchUrl(server.url('/conditional'), { ...open, etag: '"v1"' })).ok && 'not-modified').toBe('not-modified');
    const byDate = await fetchUrl(server.url('/conditional'), { ...open, lastModified: 'Thu, 14 Sep 2023 13:22:00 GMT' });
    expect(byDate).toMatchObject({ ok: true, kind: 'not-modified', status: 304 });
    expect(fetched(await fetchUrl(server.url('/conditional'), open)).textKind).toBe('xml');
  });

  it('decodes gzip, br and deflate bodies', async () => {
    expect(fetched(await fetchUrl(server.url('/gzip-page'), open)).text).toBe('<p>Berita dikompresi</p>');
    expect(fetched(await fetchUrl(server.url('/br-page'), open)).text).toBe('<p>Berita brotli</p>');
    expect(fetched(await fetchUrl(server.url('/deflate-page'), open)).text).toBe('<p>Berita deflate</p>');
    expect(failed(await fetchUrl(server.url('/weird-encoding'), open)).reason).toBe('bad-encoding');
  });
});

describe('redirects', () => {
  it('follows a 301 and reports it (a poller can update the feed URL)', async () => {
    const result = fetched(await fetchUrl(server.url('/moved'), open));
    expect(result.url).toBe(server.url('/page'));
    expect(result.redirects).toEqual([{ status: 301, from: server.url('/moved'), to: server.url('/page') }]);
  });

  it('follows up to 5 redirects and refuses the sixth', async () => {
    expect(fetched(await fetchUrl(server.url('/hop2'), open)).redirects).toHaveLength(5);
    const tooMany = failed(await fetchUrl(server.url('/hop1'), open));
    expect(tooMany.reason).toBe('too-many-redirects');
    expect(tooMany.redirects).toHaveLength(5);
  });

  it('detects loops', async () => {
    expect(failed(await fetchUrl(server.url('/loop-a'), open)).reason).toBe('redirect-loop');
    expect(failed(await fetchUrl(server.url('/self'), open)).reason).toBe('redirect-loop');
  });
});

describe('statuses are data, not crashes', () => {
  it.each([
    ['/missing', 'http-error', 404],
    ['/gone', 'http-error', 410],
    ['/broken', 'http-error', 500],
    ['/bad-gateway', 'http-error', 502],
  ])('%s → %s %i', async (path, reason, code) => {
    expect(failed(await fetchUrl(server.url(path), open))).toMatchObject({ reason, status: code });
  });

  it('surfaces 429 and 503 Retry-After (seconds or a date)', async () => {
    expect(failed(await fetchUrl(server.url('/throttled'), open))).toMatchObject({ reason: 'rate-limited', status: 429, retryAfterSeconds: 120 });
    const unavailable = failed(await fetchUrl(server.url('/unavailable'), open));
    expect(unavailable.status).toBe(503);
    expect(unavailable.retryAfterSeconds).toBeGreaterThan(80);
    expect(unavailable.retryAfterSeconds).toBeLessThanOrEqual(90);
    expect(retryAfterSeconds('soon')).toBeNull();
  });

  it('refuses a server that is not there', async () => {
    const closed = await startServer({});
    const url = closed.url('/');
    await closed.close();
    expect(failed(await fetchUrl(url, open)).reason).toBe('connection-failed');
  });
});

describe('hostile bodies', () => {
  it('stops a 50 MB body at the 5 MB cap, and a declared 50 MB one before reading', async () => {
    const huge = failed(await fetchUrl(server.url('/huge'), open));
    expect(huge.reason).toBe('too-large');
    expect(failed(await fetchUrl(server.url('/huge-declared'), open)).reason).toBe('too-large');
  });

  it('stops a 1 GB gzip bomb and a 64 MB brotli bomb at the cap on DECODED bytes', async () => {
    for (const path of ['/gzip-bomb', '/br-bomb']) {
      const before = process.memoryUsage().rss;
      const result = failed(await fetchUrl(server.url(path), open));
      expect(result.reason, path).toBe('too-large');
      expect(result.message).toContain('decompressed');
      expect(process.memoryUsage().rss - before).toBeLessThan(100 * MB);
    }
  });

  it('gives up on a server trickling one byte a second at the total time limit', async () => {
    const started = Date.now();
    const result = failed(await fetchUrl(server.url('/slow'), { ...open, timeoutMs: 1500 }));
    expect(result.reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(failed(await fetchUrl(server.url('/silent'), { ...open, timeoutMs: 500 })).reason).toBe('timeout');
  }, 15_000);

  it('reports a body cut short', async () => {
    expect(failed(await fetchUrl(server.url('/truncated'), open)).reason).toBe('connection-failed');
  });

  it('refuses images and PDFs as not an article, by header and by their bytes', async () => {
    for (const path of ['/png', '/pdf', '/pdf-as-html', '/jpeg-unlabelled']) {
      const result = failed(await fetchUrl(server.url(path), open));
      expect(result.reason, path).toBe('not-text');
      expect(result.message).toMatch(/^not an article or feed/);
    }
  });

  it('passes text that is not HTML through, labelled as such (the parser says what it is)', async () => {
    expect(fetched(await fetchUrl(server.url('/not-html'), open)).textKind).toBe('text');
  });

  it('stops when the caller cancels', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    expect(failed(await fetchUrl(server.url('/slow'), { ...open, signal: controller.signal })).reason).toBe('aborted');
  });
});
