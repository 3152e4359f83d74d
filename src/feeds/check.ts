import { parseWithLinkedom } from '../extract/index.js';
import { fetchUrl, type FetchFailureReason, type FetchOptions } from '../fetch/index.js';
import { parseFeed } from './parse.js';
import { FEED_ACCEPT } from './poller.js';
import type { ParsedFeed } from './types.js';

export type FeedCheckFailure = FetchFailureReason | 'not-a-feed' | 'malformed' | 'too-large';

export type FeedCheck =
  | {
      readonly ok: true;
      /** The feed's address: the one given, or the feed a web page at that address declares. */
      readonly url: string;
      /** Set when `url` was found in the page the moderator gave. */
      readonly discoveredFrom: string | null;
      readonly feed: ParsedFeed;
    }
  | { readonly ok: false; readonly reason: FeedCheckFailure; readonly message: string; readonly status: number | null };

const FEED_TYPES = /^application\/(?:rss|atom|feed|rdf)\+(?:xml|json)$|^application\/(?:x-)?rss\+xml$/i;

/** The first feed a web page declares (`<link rel="alternate" type="application/rss+xml" href>`), absolute, or null. */
export function declaredFeed(html: string, pageUrl: string): string | null {
  const document = parseWithLinkedom(html);
  for (const link of Array.from(document.querySelectorAll('link[rel~="alternate"][href]'))) {
    const type = link.getAttribute('type')?.trim() ?? '';
    if (!FEED_TYPES.test(type)) continue;
    try {
      const url = new URL(link.getAttribute('href') ?? '', pageUrl);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    } catch {
      // a broken href: look at the next one
    }
  }
  return null;
}

/** Fetches and parses a feed once, as /feed add and /feed test do; a web page that declares a feed leads to that feed. */
export async function checkFeed(url: string, options: FetchOptions): Promise<FeedCheck> {
  let target = url;
  let discoveredFrom: string | null = null;
  for (let hop = 0; hop < 2; hop++) {
    const fetched = await fetchUrl(target, { ...options, accept: FEED_ACCEPT });
    if (!fetched.ok) return { ok: false, reason: fetched.reason, message: fetched.message, status: fetched.status };
    if (fetched.kind === 'not-modified') return { ok: false, reason: 'http-error', message: 'the server answered 304 Not Modified to a plain GET', status: 304 };
    if (fetched.textKind === 'html') {
      const declared = discoveredFrom === null ? declaredFeed(fetched.text, fetched.url) : null;
      if (declared === null) return { ok: false, reason: 'not-a-feed', message: 'the address is a web page that declares no feed', status: fetched.status };
      discoveredFrom = target;
      target = declared;
      continue;
    }
    const parsed = parseFeed(fetched.text, { url: fetched.url });
    if (!parsed.ok) return { ok: false, reason: parsed.reason, message: parsed.message, status: fetched.status };
    return { ok: true, url: target, discoveredFrom, feed: parsed.feed };
  }
  return { ok: false, reason: 'not-a-feed', message: 'the feed a page declares is itself a web page', status: null };
}
