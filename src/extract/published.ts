import { all, text, type DomDocument, type DomElement } from './dom.js';
import { dateLineIn, normalizeInstant } from './instant.js';

const metaSelectors = [
  'meta[property="article:published_time"]', 'meta[name="article:published_time"]', 'meta[property="og:published_time"]',
  'meta[itemprop="datePublished"]', 'meta[name="pubdate"]', 'meta[name="publishdate"]', 'meta[name="publish-date"]',
  'meta[name="publish_date"]', 'meta[name="content_PublishedDate"]', 'meta[name="dc.date.issued"]', 'meta[name="DC.date.issued"]',
  'meta[name="dc.date"]', 'meta[name="date"]', 'meta[name="parsely-pub-date"]', 'meta[name="sailthru.date"]',
];

/** The publication date the page's metadata states (meta tags, JSON-LD, `<time itemprop=datePublished>`), normalised. */
export function metadataDate(document: DomDocument, jsonLdDate: string | null): string | null {
  for (const selector of metaSelectors) {
    const iso = normalizeInstant(document.querySelector(selector)?.getAttribute('content'));
    if (iso !== null) return iso;
  }
  const fromJsonLd = normalizeInstant(jsonLdDate);
  if (fromJsonLd !== null) return fromJsonLd;
  for (const time of all(document, '[itemprop="datePublished"][datetime], time[pubdate][datetime]')) {
    const iso = normalizeInstant(time.getAttribute('datetime'));
    if (iso !== null) return iso;
  }
  return null;
}

const SCAN_AFTER_HEADING = 80;
const SCAN_BEFORE_HEADING = 15;
const dateNames = /date|time|tgl|tanggal|waktu|publish|posted|meta/i;

function dateLineOf(element: DomElement): string | null {
  const words = text(element);
  if (words.length > 160 || words.length < 8) return null;
  const found = dateLineIn(words);
  if (found?.hasTime === true) return found.iso;
  return element.tagName === 'TIME' ? normalizeInstant(element.getAttribute('datetime')) : null;
}

/**
 * The date line printed in the article header: the nearest element to the title heading (after it, else just
 * before it) whose short text holds an Indonesian date with a time (`Kamis, 05/11/2015 10:08 WIB`); lists of other
 * stories further down are never reached. Without a heading: the first date-named element that holds one.
 */
export function headerDateLine(document: DomDocument, heading: DomElement | null): string | null {
  const elements = all(document, 'body *');
  const at = heading === null ? -1 : elements.indexOf(heading);
  if (at >= 0) {
    const near = [...elements.slice(at, at + SCAN_AFTER_HEADING), ...elements.slice(Math.max(0, at - SCAN_BEFORE_HEADING), at).reverse()];
    for (const element of near) {
      const found = dateLineOf(element);
      if (found !== null) return found;
    }
  }
  for (const element of elements) {
    if (element.tagName !== 'TIME' && !dateNames.test(`${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`)) continue;
    const found = dateLineOf(element);
    if (found !== null) return found;
  }
  return null;
}

const wallClock = (iso: string): string => iso.slice(0, 16);
const instant = (iso: string): number => Date.parse(iso);

/**
 * Metadata wins (it has seconds), except where it contradicts the printed date line: a CMS that labels Jakarta
 * wall-clock time as UTC (`10:08:58Z` beside `10:08 WIB`) keeps its seconds and takes the printed zone.
 */
export function reconcileDates(fromMetadata: string | null, fromDateLine: string | null): string | null {
  if (fromMetadata === null || fromDateLine === null) return fromMetadata ?? fromDateLine;
  if (Math.abs(instant(fromMetadata) - instant(fromDateLine)) < 60_000) return fromMetadata;
  if (wallClock(fromMetadata) === wallClock(fromDateLine)) return `${fromMetadata.slice(0, 19)}${fromDateLine.slice(19)}`;
  return fromMetadata;
}
