import { DetectError, parseFeed as feedsmithParse } from 'feedsmith';
import { messageOf } from '../error-message.js';
import { feedTitleAndLink, normalizeItem, rawItems } from './normalize.js';
import type { FeedFormat, FeedItem, FeedParseResult } from './types.js';

export interface ParseFeedOptions {
  /** Items kept, in feed order (newest first in nearly every feed); the rest are counted in droppedItems. */
  readonly maxItems?: number;
  /** Longest text parsed (default 5 MB, the fetcher's cap). */
  readonly maxChars?: number;
  /** The feed's own URL: resolves relative item links. */
  readonly url?: string | null;
}

export const FEED_DEFAULTS = { maxItems: 1000, maxChars: 5 * 1024 * 1024 } as const;
const formats = new Set<FeedFormat>(['rss', 'atom', 'rdf', 'json']);

/**
 * RSS 2.0, RSS 1.0/RDF, Atom and JSON Feed through feedsmith (which never expands DTD entities), normalised to
 * FeedItems with a stable identity. Never throws: a text that is no feed gets a typed failure.
 */
export function parseFeed(text: string, options: ParseFeedOptions = {}): FeedParseResult {
  const maxChars = options.maxChars ?? FEED_DEFAULTS.maxChars;
  if (text.length > maxChars) return { ok: false, reason: 'too-large', message: `the feed is longer than ${maxChars} characters` };
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'not-a-feed', message: 'the feed is empty' };
  let input: string | object = trimmed;
  if (trimmed.startsWith('{')) {
    try {
      input = JSON.parse(trimmed) as object;
    } catch (error) {
      return { ok: false, reason: 'malformed', message: `not valid JSON: ${messageOf(error)}` };
    }
  }
  let parsed: { format: string; feed: unknown };
  try {
    parsed = feedsmithParse(input) as { format: string; feed: unknown };
  } catch (error) {
    if (error instanceof DetectError) return { ok: false, reason: 'not-a-feed', message: 'not an RSS, RDF, Atom or JSON feed' };
    return { ok: false, reason: 'malformed', message: `the feed cannot be read: ${messageOf(error)}` };
  }
  const format = parsed.format as FeedFormat;
  if (!formats.has(format)) return { ok: false, reason: 'not-a-feed', message: `unsupported feed format ${parsed.format}` };
  const { title, link } = feedTitleAndLink(parsed.feed, format);
  const raw = rawItems(parsed.feed, format);
  const maxItems = options.maxItems ?? FEED_DEFAULTS.maxItems;
  const items: FeedItem[] = [];
  const seen = new Set<string>();
  let skippedItems = 0;
  for (const entry of raw.slice(0, maxItems)) {
    const item = normalizeItem(entry, format, options.url ?? link);
    if (item === null) skippedItems++;
    else if (!seen.has(item.id)) {
      seen.add(item.id);
      items.push(item);
    }
  }
  return { ok: true, feed: { format, title, link, items, droppedItems: Math.max(0, raw.length - maxItems), skippedItems } };
}
