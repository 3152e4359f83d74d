import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import ipaddr from 'ipaddr.js';
import { messageOf } from '../error-message.js';
import { familyOf, ipLiteral, isPublicAddress } from './address-policy.js';
import { charsetOfContentType, decodeBody } from './charset.js';
import { refusedBytes, refusedContentType, textKind } from './sniff.js';
import type { FetchFailureReason, FetchOptions, FetchResult, Redirect, ResolvedAddress, Resolver } from './types.js';
import { checkUrl, withoutCredentials } from './url-policy.js';
import { userAgent } from './user-agent.js';

export const FETCH_DEFAULTS = { timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 } as const;

const DEFAULT_ACCEPT = 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,*/*;q=0.5';

/** A typed stop on the way; converted to a FetchFailure at the top, never seen by callers. */
class Stop extends Error {
  constructor(
    readonly reason: FetchFailureReason,
    message: string,
    readonly status: number | null = null,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

/** Races work against the deadline; the loser's later rejection is observed so it cannot surface as unhandled. */
function raced<T>(work: Promise<T>, aborted: Promise<never>): Promise<T> {
  work.catch(() => undefined);
  return Promise.race([work, aborted]);
}

const systemResolver: Resolver = async (hostname) => {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

const rangeOf = (address: string): string => (ipaddr.isValid(address) ? ipaddr.parse(address).range() : 'invalid');

async function resolveTarget(url: URL, options: FetchOptions, aborted: Promise<never>): Promise<ResolvedAddress> {
  const literal = ipLiteral(url.hostname);
  let addresses: readonly ResolvedAddress[];
  if (literal !== null) addresses = [{ address: literal, family: familyOf(literal) }];
  else {
    try {
      addresses = await raced((options.resolve ?? systemResolver)(url.hostname), aborted);
    } catch (error) {
      if (error instanceof Stop) throw error;
      throw new Stop('dns-failed', `cannot resolve ${url.hostname}: ${messageOf(error)}`);
    }
  }
  const first = addresses[0];
  if (first === undefined) throw new Stop('dns-failed', `${url.hostname} has no address`);
  const allowed = options.addressAllowed ?? (options.allowPrivate === true ? () => true : isPublicAddress);
  // a name with one non-public address among public ones is refused whole: that is how rebinding starts
  const blocked = addresses.find((a) => !allowed(a.address));
  if (blocked !== undefined) {
    throw new Stop(
      'blocked-address',
      `${url.hostname} resolves to ${blocked.address} (${rangeOf(blocked.address)}), not a public address; refused (ALLOW_PRIVATE_URLS=true allows it)`,
    );
  }
  return first;
}

/** Connects to the address that was checked, never to what a second DNS answer might say. */
function pinnedLookup(target: ResolvedAddress): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options.all === true) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  }) as unknown as LookupFunction;
}

function send(url: URL, target: ResolvedAddress, headers: Record<string, string>, signal: AbortSignal): Promise<http.IncomingMessage> {
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = lib.request(url, { method: 'GET', headers, lookup: pinnedLookup(target), signal, agent: false }, resolve);
    request.on('error', reject);
    request.end();
  });
}

function decoderFor(encoding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  // browsers show what a truncated compressed body holds; so do we
  const lenient = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (encoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip(lenient);
    case 'deflate':
      return zlib.createInflate(lenient);
    case 'br':
      return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    default:
      throw new Stop('bad-encoding', `the server compressed the body as "${encoding}", which is not supported`);
  }
}

/** Reads the body, stopping as soon as the DECODED size passes the cap (a compression bomb never inflates past it). */
async function readBody(response: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const encoding = String(response.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder = decoderFor(encoding);
  let stream: Readable = response;
  if (decoder !== null) {
    response.on('error', (error) => decoder.destroy(error));
    stream = response.pipe(decoder);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const bytes = chunk as Buffer;
      total += bytes.length;
      if (total > maxBytes) throw new Stop('too-large', `the body is larger than ${maxBytes} bytes${decoder === null ? '' : ' once decompressed'}`);
      chunks.push(bytes);
    }
  } finally {
    response.destroy();
    decoder?.destroy();
  }
  return Buffer.concat(chunks, total);
}

const header = (response: http.IncomingMessage, name: string): string | null => {
  const value = response.headers[name];
  return typeof value === 'string' ? value : Array.isArray(value) ? (value[0] ?? null) : null;
};

/** Retry-After as seconds to wait: delta-seconds or an HTTP date. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

function statusFailure(response: http.IncomingMessage): Stop {
  const status = response.statusCode ?? 0;
  const wait = retryAfterSeconds(header(response, 'retry-after'));
  const text = `${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`;
  if (status === 429) return new Stop('rate-limited', `the server says too many requests (429)${wait === null ? '' : `; retry after ${wait} s`}`, status, wait);
  if (status === 410) return new Stop('http-error', 'the server says the resource is gone for good (410)', status, null);
  const retry = status === 503 && wait !== null ? `; retry after ${wait} s` : '';
  return new Stop('http-error', `the server answered ${text}${retry}`, status, status === 503 ? wait : null);
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches a feed or a page safely: http(s) only, no credentials, public addresses only (checked on the resolved
 * address at every hop, connection pinned to it), at most `maxRedirects` redirects, a total time limit, a size
 * cap on decoded bytes, conditional GET, binary bodies refused, charset worked out. Never throws.
 */
export async function fetchUrl(input: string | URL, options: FetchOptions = {}): Promise<FetchResult> {
  const timeoutMs = options.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
  const maxBytes = options.maxBytes ?? FETCH_DEFAULTS.maxBytes;
  const maxRedirects = options.maxRedirects ?? FETCH_DEFAULTS.maxRedirects;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Stop('timeout', `no complete answer within ${timeoutMs / 1000} s`)), timeoutMs);
  const onCallerAbort = (): void => controller.abort(new Stop('aborted', 'the fetch was cancelled'));
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  if (options.signal?.aborted === true) onCallerAbort();
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error), { once: true });
  });
  aborted.catch(() => undefined);

  const redirects: Redirect[] = [];
  let current = String(input);
  try {
    const visited = new Set<string>();
    for (;;) {
      const checked = checkUrl(current);
      if ('refusal' in checked) throw new Stop(checked.refusal, checked.message);
      const url = checked.url;
      url.hash = '';
      current = url.href;
      if (visited.has(current)) throw new Stop('redirect-loop', `redirect loop: ${current} was visited already`);
      visited.add(current);
      const target = await resolveTarget(url, options, aborted);
      const headers: Record<string, string> = {
        'user-agent': options.userAgent ?? userAgent(null),
        accept: options.accept ?? DEFAULT_ACCEPT,
        'accept-encoding': 'gzip, deflate, br',
        'accept-language': 'id, en;q=0.7',
      };
      if (options.etag) headers['if-none-match'] = options.etag;
      if (options.lastModified) headers['if-modified-since'] = options.lastModified;
      const response = await raced(send(url, target, headers, controller.signal), aborted);
      const status = response.statusCode ?? 0;
      const location = header(response, 'location');
      if (REDIRECTS.has(status) && location !== null) {
        response.destroy();
        if (redirects.length >= maxRedirects) throw new Stop('too-many-redirects', `more than ${maxRedirects} redirects`, status);
        let next: string;
        try {
          next = new URL(location, url).href;
        } catch {
          throw new Stop('invalid-url', `the server redirected to an invalid URL: ${location.slice(0, 200)}`, status);
        }
        redirects.push({ status, from: current, to: withoutCredentials(next) });
        current = next;
        continue;
      }
      const validators = { etag: header(response, 'etag'), lastModified: header(response, 'last-modified') };
      if (status === 304) {
        response.destroy();
        return { ok: true, kind: 'not-modified', url: current, status, redirects, ...validators };
      }
      if (status < 200 || status >= 300) {
        response.destroy();
        throw statusFailure(response);
      }
      const contentType = header(response, 'content-type');
      const refused = refusedContentType(contentType);
      if (refused !== null) {
        response.destroy();
        throw new Stop('not-text', refused, status);
      }
      const length = Number(header(response, 'content-length') ?? NaN);
      if (!header(response, 'content-encoding') && length > maxBytes) {
        response.destroy();
        throw new Stop('too-large', `the body is ${length} bytes, more than ${maxBytes}`, status);
      }
      const body = await raced(readBody(response, maxBytes), aborted);
      const binary = refusedBytes(body);
      if (binary !== null) throw new Stop('not-text', binary, status);
      const decoded = decodeBody(body, charsetOfContentType(contentType));
      return {
        ok: true,
        kind: 'fetched',
        url: current,
        status,
        redirects,
        ...validators,
        contentType,
        textKind: textKind(contentType, decoded.text),
        text: decoded.text,
        charset: decoded.charset,
        charsetNote: decoded.note,
        bytes: body.length,
      };
    }
  } catch (error) {
    const stop =
      error instanceof Stop
        ? error
        : controller.signal.reason instanceof Stop
          ? controller.signal.reason
          : new Stop('connection-failed', `cannot reach ${safeHost(current)}: ${messageOf(error)}`);
    return { ok: false, reason: stop.reason, message: stop.message, url: withoutCredentials(current), status: stop.status, retryAfterSeconds: stop.retryAfterSeconds, redirects };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}
