import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { FetchOptions } from '../fetch/index.js';
import { withoutTracking } from '../fetch/tracking.js';
import { checkUrl } from '../fetch/url-policy.js';
import { readArticlePage, type PageFailureReason, type PageFetcher } from './page.js';
import { standaloneArticle, type StandaloneArticle } from './standalone.js';

/** A linked article, read and analysed once and kept for a while by its canonical URL. */
export interface LinkArticle extends StandaloneArticle {
  /** A short key naming it (for the quotes button's custom_id). */
  readonly ref: string;
  /** The page held less than a whole article (a teaser, a paywall). */
  readonly partial: boolean;
}

export type LinkResult =
  | { readonly ok: true; readonly link: LinkArticle; readonly cached: boolean }
  | { readonly ok: false; readonly reason: PageFailureReason; readonly message: string; readonly status: number | null };

export interface LinkReaderOptions {
  readonly fetch: FetchOptions;
  /** Articles kept (default 100). */
  readonly maxEntries?: number;
  /** How long one is kept (default 30 minutes). */
  readonly ttlMs?: number;
  readonly fetcher?: PageFetcher;
}

/** A fixed-length key for a URL. */
export function linkRef(url: string): string {
  return createHash('sha256').update(url).digest('base64url').slice(0, 16);
}

/** The URL as a cache key: tracking parameters and fragment dropped, host lower-cased. */
function requestKey(input: string): string | null {
  const checked = checkUrl(input.trim());
  return 'refusal' in checked ? null : withoutTracking(checked.url.href);
}

/**
 * Reads any article URL on demand (fetch, extract, analyse, summarize), nothing stored in the corpus; answers come from a
 * bounded cache (LRU with a time to live) keyed by the page's canonical URL, and one fetch serves concurrent asks.
 */
export class LinkReader {
  readonly #options: LinkReaderOptions;
  readonly #byRef: LRUCache<string, LinkArticle>;
  /** Requested URL → ref of its canonical article. */
  readonly #aliases: LRUCache<string, string>;
  readonly #reading = new Map<string, Promise<LinkResult>>();

  constructor(options: LinkReaderOptions) {
    this.#options = options;
    const max = options.maxEntries ?? 100;
    const ttl = options.ttlMs ?? 30 * 60_000;
    this.#byRef = new LRUCache({ max, ttl });
    this.#aliases = new LRUCache({ max: max * 4, ttl });
  }

  /** A cached article by its ref (the quotes button), or undefined once it has left the cache. */
  get(ref: string): LinkArticle | undefined {
    return this.#byRef.get(ref);
  }

  read(input: string): Promise<LinkResult> {
    const key = requestKey(input);
    if (key !== null) {
      const ref = this.#aliases.get(key);
      const cached = ref === undefined ? undefined : this.#byRef.get(ref);
      if (cached !== undefined) return Promise.resolve({ ok: true, link: cached, cached: true });
      const running = this.#reading.get(key);
      if (running !== undefined) return running;
    }
    const reading = this.#read(key ?? input.trim()).finally(() => {
      if (key !== null) this.#reading.delete(key);
    });
    if (key !== null) this.#reading.set(key, reading);
    return reading;
  }

  async #read(url: string): Promise<LinkResult> {
    const page = await readArticlePage(url, this.#options.fetch, this.#options.fetcher);
    if (!page.ok) return { ok: false, reason: page.reason, message: page.message, status: page.status };
    const canonical = page.article.url ?? withoutTracking(page.url);
    const ref = linkRef(canonical);
    const known = this.#byRef.get(ref);
    const link = known ?? { ref, partial: page.article.partial, ...standaloneArticle(`link-${ref}`, { ...page.article, url: canonical }) };
    this.#byRef.set(ref, link);
    this.#aliases.set(url, ref);
    return { ok: true, link, cached: known !== undefined };
  }
}

/** The first http(s) link in a message's text: bare, in <angle brackets> or in a [markdown](link); trailing punctuation is not part of it. */
export function firstLink(text: string): string | null {
  const match = /https?:\/\/[^\s<>"'`]+/i.exec(text);
  if (match === null) return null;
  let url = match[0];
  // a link closing a sentence or a parenthesis keeps its own brackets only when they are balanced
  for (;;) {
    const last = url.at(-1) ?? '';
    if (/[.,;:!?*_~|]/.test(last)) url = url.slice(0, -1);
    else if (last === ')' && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) url = url.slice(0, -1);
    else if (last === ']' && (url.match(/\[/g)?.length ?? 0) < (url.match(/\]/g)?.length ?? 0)) url = url.slice(0, -1);
    else break;
  }
  return url;
}
