import { withoutTracking } from '../fetch/tracking.js';
import { normalizeInstant } from '../extract/instant.js';
import { identityKey, stableId } from './identity.js';
import type { FeedFormat, FeedItem } from './types.js';

/** A parsed feed as plain JSON-ish data: read through these narrow accessors, never trusted to have a shape. */
type Loose = unknown;

const field = (value: Loose, key: string): Loose => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, Loose>)[key] : undefined);
const list = (value: Loose): Loose[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

/** A string from a string, `{value}`, `{name}` or the first of an array. */
export function text(value: Loose): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return text(value[0]);
  if (value === null || typeof value !== 'object') return null;
  return text(field(value, 'value') ?? field(value, 'name') ?? field(value, 'term') ?? field(value, 'label'));
}

const first = (...values: Loose[]): string | null => {
  for (const value of values) {
    const found = text(value);
    if (found !== null) return found;
  }
  return null;
};

function httpLink(value: string | null, base: string | null): string | null {
  if (value === null) return null;
  try {
    const url = new URL(value, base ?? undefined);
    return url.protocol === 'http:' || url.protocol === 'https:' ? withoutTracking(url.href) : null;
  } catch {
    return null;
  }
}

function atomLink(entry: Loose): string | null {
  const links = list(field(entry, 'links'));
  const alternate = links.find((l) => (text(field(l, 'rel')) ?? 'alternate') === 'alternate') ?? links[0];
  return text(field(alternate, 'href'));
}

function categories(item: Loose, format: FeedFormat): string[] {
  const raw =
    format === 'json' ? list(field(item, 'tags'))
    : format === 'rdf' ? list(field(field(item, 'dc'), 'subjects'))
    : [...list(field(item, 'categories')), ...list(field(field(item, 'dc'), 'subjects'))];
  return [...new Set(raw.map((c) => (format === 'atom' ? first(field(c, 'label'), field(c, 'term')) : text(c))).filter((c): c is string => c !== null))];
}

/** One item of any format → FeedItem; null when nothing identifies it. */
export function normalizeItem(item: Loose, format: FeedFormat, base: string | null): FeedItem | null {
  const dc = field(item, 'dc');
  let guid: string | null;
  let rawLink: string | null;
  let dateText: string | null;
  let summary: string | null;
  let content: string | null;
  let author: string | null;
  switch (format) {
    case 'atom':
      guid = text(field(item, 'id'));
      rawLink = atomLink(item);
      dateText = first(field(item, 'published'), field(item, 'updated'), field(dc, 'dates'));
      summary = text(field(item, 'summary'));
      content = text(field(item, 'content'));
      author = first(field(item, 'authors'), field(dc, 'creators'));
      break;
    case 'json':
      guid = text(field(item, 'id'));
      rawLink = first(field(item, 'url'), field(item, 'external_url'));
      dateText = first(field(item, 'date_published'), field(item, 'date_modified'));
      summary = text(field(item, 'summary'));
      content = first(field(item, 'content_html'), field(item, 'content_text'));
      author = first(field(item, 'authors'), field(item, 'author'));
      break;
    default:
      guid = text(field(item, 'guid'));
      rawLink = first(field(item, 'link'), format === 'rdf' ? field(field(item, 'rdf'), 'about') : undefined);
      dateText = first(field(item, 'pubDate'), field(dc, 'dates'), field(field(item, 'dcterms'), 'issued'));
      summary = text(field(item, 'description'));
      content = text(field(field(item, 'content'), 'encoded'));
      author = first(field(dc, 'creators'), field(item, 'authors'));
  }
  const link = httpLink(rawLink, base) ?? (guid !== null && /^https?:\/\//i.test(guid) ? httpLink(guid, base) : null);
  const title = text(field(item, 'title'));
  const published = normalizeInstant(dateText);
  const key = identityKey({ guid, link, title, published });
  if (key === null) return null;
  return { id: stableId(key), guid, link, title, published, summary, content, categories: categories(item, format), author };
}

export function feedTitleAndLink(feed: Loose, format: FeedFormat): { title: string | null; link: string | null } {
  const link = format === 'atom' ? atomLink(feed) : format === 'json' ? text(field(feed, 'home_page_url')) : text(field(feed, 'link'));
  return { title: text(field(feed, 'title')), link: httpLink(link, null) };
}

export function rawItems(feed: Loose, format: FeedFormat): Loose[] {
  return list(field(feed, format === 'atom' ? 'entries' : 'items'));
}
