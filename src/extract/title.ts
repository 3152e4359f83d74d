import { all, text, type DomDocument, type DomElement } from './dom.js';

const fold = (s: string): string => s.normalize('NFKC').replace(/[“”„‟"'‘’`]/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();
const letters = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const separators = /\s+(?:[-|–—•·»:]{1,2})\s+|\s*::\s*/;

/** Whether a title segment names the outlet (its site name, its domain, or a word of its host), not the story. */
function isOutletSegment(segment: string, outletHints: readonly string[]): boolean {
  const l = letters(segment);
  if (l === '') return true;
  if (/\.(?:com|co\.id|id|net|co|tv)\b/i.test(segment) && segment.split(/\s+/).length <= 4) return true;
  return outletHints.some((hint) => hint.length >= 4 && (l.includes(hint) || hint.includes(l)) && segment.split(/\s+/).length <= 5);
}

/** `Story - Kompas.com Regional`, `KapanLagi.com: Story`, `Story | Republika Online` → `Story`. */
export function stripOutletAffixes(title: string, outletHints: readonly string[]): string {
  const prefix = /^([\p{L}\p{N}.-]+\.(?:com|co\.id|id|net)):\s+/iu.exec(title);
  let rest = prefix ? title.slice(prefix[0].length) : title;
  for (;;) {
    const parts = rest.split(separators);
    if (parts.length < 2) break;
    const last = parts[parts.length - 1] ?? '';
    const first = parts[0] ?? '';
    if (isOutletSegment(last, outletHints)) rest = rest.slice(0, rest.lastIndexOf(last)).replace(/[\s\-|–—•·»:]+$/u, '');
    else if (isOutletSegment(first, outletHints)) rest = rest.slice(first.length).replace(/^[\s\-|–—•·»:]+/u, '');
    else break;
  }
  return rest.trim() || title.trim();
}

export interface TitleFound {
  readonly title: string | null;
  /** The heading that holds the title on the page: the article header starts there. */
  readonly heading: DomElement | null;
}

/**
 * The story's title: the page heading that a metadata title (og:title, JSON-LD headline, twitter:title, <title>)
 * contains, which is the title without outlet affixes; else the first metadata title with the affixes stripped.
 */
export function findTitle(document: DomDocument, metadataTitles: readonly string[], outletHints: readonly string[]): TitleFound {
  const candidates = metadataTitles.map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => t !== '');
  const headings = all(document, 'h1, h2, h3, [itemprop="headline"]');
  let best: TitleFound = { title: null, heading: null };
  for (const heading of headings) {
    const words = text(heading);
    if (words.split(' ').length < 2 || words.length > 300) continue;
    const folded = fold(words);
    if (!candidates.some((c) => fold(c).includes(folded))) continue;
    if (best.title === null || words.length > best.title.length) best = { title: words, heading };
  }
  if (best.title !== null) return best;
  const first = candidates[0];
  if (first !== undefined) {
    const title = stripOutletAffixes(first, outletHints);
    return { title, heading: titleAnchor(document, title) };
  }
  const h1 = document.querySelector('h1');
  return { title: h1 === null ? null : text(h1) || null, heading: h1 };
}

/** Where the title is printed when it is not a heading (`<div class="judul">`): the first element, not a link, that says exactly it. */
function titleAnchor(document: DomDocument, title: string): DomElement | null {
  const target = fold(title);
  for (const element of all(document, 'body *')) {
    if (element.tagName === 'A' || element.querySelector('a, p, div') !== null) continue;
    if (fold(text(element)) === target) return element;
  }
  return null;
}

/** Words that name the outlet: its site name and the labels of its host (`regional.kompas.com` → kompas). */
export function outletHints(siteName: string | null, url: string | null): string[] {
  const hints = new Set<string>();
  if (siteName !== null) hints.add(letters(siteName.replace(/\.(?:com|co\.id|id|net)$/i, '')));
  if (url !== null) {
    try {
      const labels = new URL(url).hostname.split('.').filter((l) => !['www', 'com', 'co', 'id', 'net', 'm', 'amp', 'or', 'go', 'ac'].includes(l));
      for (const label of labels) if (label.length >= 4) hints.add(letters(label));
    } catch {
      // a bad URL gives no hints
    }
  }
  return [...hints].filter((h) => h !== '');
}
