import { Readability } from '@mozilla/readability';
import type { Dateline } from '../corpus/boilerplate.js';
import { cleanParagraphs } from '../corpus/formats/body.js';
import { withoutTracking } from '../fetch/tracking.js';
import { parseWithLinkedom, text, type DomDocument, type DomElement, type ParseHtml } from './dom.js';
import { flattenWrappers } from './depth.js';
import { removeFurniture } from './furniture.js';
import { jsonLdArticle } from './json-ld.js';
import { storyLines } from './page-lines.js';
import { paragraphsOf } from './paragraphs.js';
import { headerDateLine, metadataDate, reconcileDates } from './published.js';
import { findTitle, outletHints } from './title.js';

/** What the extractor finds in a news page; `extract --json` prints exactly these fields. */
export interface ExtractedArticle {
  /** Canonical URL (link rel=canonical, og:url, else the URL fetched), tracking parameters removed; null for a file with none. */
  readonly url: string | null;
  readonly title: string | null;
  /** ISO 8601 with an offset, or null. */
  readonly published: string | null;
  /** The outlet: og:site_name, JSON-LD publisher, or the dateline's outlet. */
  readonly source: string | null;
  /** The city of the dateline (`JAKARTA, KOMPAS.com -` → JAKARTA). */
  readonly city: string | null;
  readonly paragraphs: readonly string[];
  /** True when the text is not the full article (here: when no article body was found). */
  readonly partial: boolean;
}

export interface ExtractOptions {
  /** The URL the page was fetched from (after redirects): resolves relative canonical links. */
  readonly url?: string | null;
  /** The DOM to parse with (default linkedom); the benchmark passes jsdom. */
  readonly parse?: ParseHtml;
}

const meta = (document: DomDocument, selector: string): string | null => {
  const value = document.querySelector(selector)?.getAttribute('content')?.replace(/\s+/g, ' ').trim();
  return value === undefined || value === '' ? null : value;
};

function absolute(href: string | null | undefined, base: string | null): string | null {
  const value = href?.trim();
  if (value === undefined || value === '') return null;
  try {
    const url = new URL(value, base ?? undefined);
    return url.protocol === 'http:' || url.protocol === 'https:' ? withoutTracking(url.href) : null;
  } catch {
    return null;
  }
}

/** Less text than this is a teaser, a paywall or an index page, not the article. */
const SHORTEST_ARTICLE_CHARS = 200;
/** News pages have 1,000 to 10,000 elements; Readability's time grows faster than their number, so larger pages are not read. */
const MAX_ELEMENTS = 60_000;

/** Title, date, outlet, canonical URL, city and clean paragraphs of a news page. Never throws on bad HTML. */
export function extractArticle(html: string, options: ExtractOptions = {}): ExtractedArticle {
  const pageUrl = options.url ?? null;
  const document = (options.parse ?? parseWithLinkedom)(html);
  const ld = jsonLdArticle(document);
  const url =
    absolute(document.querySelector('link[rel="canonical"]')?.getAttribute('href'), pageUrl) ??
    absolute(meta(document, 'meta[property="og:url"]'), pageUrl) ??
    absolute(ld?.url, pageUrl) ??
    (pageUrl === null ? null : withoutTracking(pageUrl));
  const siteName = meta(document, 'meta[property="og:site_name"]') ?? ld?.publisher ?? null;
  const metadataTitles = [
    meta(document, 'meta[property="og:title"]'), ld?.headline ?? null, meta(document, 'meta[name="twitter:title"]'),
    meta(document, 'meta[name="title"]'), text(document.querySelector('title')),
  ].filter((t): t is string => t !== null && t !== '');
  const { title, heading } = findTitle(document, metadataTitles, outletHints(siteName, url ?? pageUrl));
  const published = reconcileDates(metadataDate(document, ld?.datePublished ?? null), headerDateLine(document, heading));

  removeFurniture(document);
  flattenWrappers(document);
  const oversized = document.querySelectorAll('*').length > MAX_ELEMENTS;
  let raw = oversized ? [] : storyText(document, title);
  // a photo story is its captions: when next to nothing is left without them, read the page as it came
  if (!oversized && charsOf(raw) < SHORTEST_ARTICLE_CHARS) {
    const again = (options.parse ?? parseWithLinkedom)(html);
    removeFurniture(again, { keepCaptions: true });
    flattenWrappers(again);
    const uncleaned = storyText(again, title, true);
    if (charsOf(uncleaned) > charsOf(raw)) raw = uncleaned;
  }
  const { paragraphs, dateline } = cleanParagraphs(raw);
  const place = cityAndOutlet(dateline);
  return {
    url,
    title,
    published,
    source: siteName ?? place.outlet,
    city: place.city,
    paragraphs,
    partial: charsOf(paragraphs) < SHORTEST_ARTICLE_CHARS,
  };
}

const charsOf = (lines: readonly string[]): number => lines.reduce((sum, line) => sum + line.length, 0);

function storyText(document: DomDocument, title: string | null, captions = false): string[] {
  let story: { content?: DomElement | null | undefined } | null = null;
  try {
    story = new Readability<DomElement>(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200, serializer: (node) => node as unknown as DomElement }).parse();
  } catch {
    // a page that breaks Readability has no story we can find: the caller sees a partial article
  }
  const blocks = story?.content ? paragraphsOf(story.content, { captions }) : [];
  return storyLines(blocks.filter((b) => b.text !== title));
}

const looksLikeOutlet = (name: string): boolean => /\.(?:com|co|id|net|tv)\b|\bnews\b|^antara$/i.test(name);

/** `Liputan6.com, Jakarta -` names the outlet first: the city is the other part. */
function cityAndOutlet(dateline: Dateline | null): { city: string | null; outlet: string | null } {
  const city = dateline?.city ?? null;
  const outlet = dateline?.outlet ?? null;
  if (city !== null && looksLikeOutlet(city) && (outlet === null || !looksLikeOutlet(outlet))) return { city: outlet, outlet: city };
  return { city, outlet };
}
