import type { ExtractedArticle } from '../extract/index.js';
import { itemParagraphs } from './item-text.js';
import type { FeedItem } from './types.js';

/** An article file as the corpus reads it (`.json`: id, title, published, source, url, category, paragraphs). */
export interface ArticleRecord {
  readonly id: string;
  readonly url: string | null;
  readonly title: string | null;
  readonly published: string | null;
  readonly source: string | null;
  /** Not read by the corpus yet: the dateline is no longer in the paragraphs, so the city travels beside them. */
  readonly city: string | null;
  readonly category: string | null;
  readonly paragraphs: readonly string[];
  /** The feed item's own text stood in for a page that could not be fetched or held no article. */
  readonly partial: boolean;
  /** The feed that brought it (not read by the corpus: the feed table says which feeds brought a file). */
  readonly feed: string | null;
}

/** Where a feed item's file goes, known before its page is fetched (so a file another feed wrote is seen): `feeds/<host>/<item id>.json`. */
export function articlePathOf(item: FeedItem, feed: FeedSource): string {
  return `${FEEDS_FOLDER}/${safeHost(item.link) ?? safeHost(feed.link) ?? safeHost(feed.url ?? null) ?? 'unknown'}/${item.id}.json`;
}

/** The corpus subfolder feed items are written to. */
export const FEEDS_FOLDER = 'feeds';

/** What the file says of the feed an item came from. */
export interface FeedSource {
  readonly title: string | null;
  /** The site the feed belongs to. */
  readonly link: string | null;
  /** The feed's own URL. */
  readonly url?: string | null;
}

export interface ArticleFile {
  /** Relative to the corpus folder: `feeds/<host>/<item id>.json`. */
  readonly path: string;
  readonly record: ArticleRecord;
}

const safeHost = (url: string | null): string | null => {
  if (url === null) return null;
  try {
    const host = new URL(url).hostname.toLowerCase().replace(/^www\./, '').replace(/[^a-z0-9.-]/g, '');
    return host === '' || host.startsWith('.') ? null : host;
  } catch {
    return null;
  }
};

/**
 * The file a poller writes for a new feed item: the page's article when it was extracted whole, else the item's own
 * content (content:encoded / description), marked partial; null when neither has any text.
 */
export function articleFile(item: FeedItem, page: ExtractedArticle | null, feed: FeedSource): ArticleFile | null {
  const whole = page !== null && !page.partial && page.paragraphs.length > 0;
  const fallback = whole ? [] : itemParagraphs(item);
  // a teaser page is still better than nothing when the item carries no text of its own
  const paragraphs = whole ? page.paragraphs : fallback.length > 0 ? fallback : (page?.paragraphs ?? []);
  if (paragraphs.length === 0) return null;
  const url = page?.url ?? item.link;
  const record: ArticleRecord = {
    id: item.id,
    url,
    title: page?.title ?? item.title,
    published: page?.published ?? item.published,
    source: page?.source ?? feed.title,
    city: page?.city ?? null,
    category: item.categories[0] ?? null,
    paragraphs,
    partial: !whole,
    feed: feed.url ?? null,
  };
  return { path: articlePathOf(item, feed), record };
}
