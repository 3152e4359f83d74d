export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

/** One feed entry, the same whatever the format. */
export interface FeedItem {
  /** Stable identity (see itemIdentity): a poller's key for "seen before". */
  readonly id: string;
  readonly guid: string | null;
  /** The article link, tracking parameters removed. */
  readonly link: string | null;
  readonly title: string | null;
  /** ISO 8601 with an offset, or null. */
  readonly published: string | null;
  /** description / summary, as the feed gives it (may be HTML). */
  readonly summary: string | null;
  /** content:encoded / content / content_html (HTML). */
  readonly content: string | null;
  readonly categories: readonly string[];
  readonly author: string | null;
}

export interface ParsedFeed {
  readonly format: FeedFormat;
  readonly title: string | null;
  /** The site the feed belongs to. */
  readonly link: string | null;
  readonly items: readonly FeedItem[];
  /** Items past `maxItems`, not returned. */
  readonly droppedItems: number;
  /** Items without link, guid, title or date, skipped: nothing identifies them. */
  readonly skippedItems: number;
}

export type FeedFailureReason = 'not-a-feed' | 'malformed' | 'too-large';

export type FeedParseResult = { readonly ok: true; readonly feed: ParsedFeed } | { readonly ok: false; readonly reason: FeedFailureReason; readonly message: string };
