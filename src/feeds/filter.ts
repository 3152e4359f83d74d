import { normalizeText } from '../digest/identity.js';

/**
 * Which of a feed's articles a channel wants, as MonitoRSS users write it: words (any of them, in the title or text),
 * `-word` (none of these), `category:Nasional`, `outlet:kompas` (any of each kind); "quoted phrases" keep their spaces.
 * Every kind given must match.
 */
export interface FeedFilter {
  readonly keywords: readonly string[];
  readonly excluded: readonly string[];
  readonly categories: readonly string[];
  readonly outlets: readonly string[];
}

export type FilterError = 'too_long' | 'unclosed_quote' | 'empty_term' | 'too_many_terms';

export type FilterParse = { readonly ok: true; readonly filter: FeedFilter | null } | { readonly ok: false; readonly error: FilterError; readonly term: string };

export const MAX_FILTER_CHARS = 200;
const MAX_TERMS = 20;

const KINDS: Readonly<Record<string, 'categories' | 'outlets'>> = {
  category: 'categories',
  kategori: 'categories',
  outlet: 'outlets',
  source: 'outlets',
  media: 'outlets',
  sumber: 'outlets',
};

/** Splits on spaces and commas, keeping "quoted phrases" (also after `category:` or `-`) whole. */
function terms(text: string): string[] | null {
  const found: string[] = [];
  const pattern = /([^\s,"]*)"([^"]*)"|([^\s,"]+)|(")/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[4] !== undefined) return null;
    found.push(match[3] ?? `${match[1] ?? ''}${match[2] ?? ''}`);
  }
  return found;
}

/** Reads a filter as typed; null when the text is empty (every item passes). */
export function parseFilter(input: string | null | undefined): FilterParse {
  const text = (input ?? '').trim();
  if (text === '') return { ok: true, filter: null };
  if (text.length > MAX_FILTER_CHARS) return { ok: false, error: 'too_long', term: text.slice(0, 40) };
  const split = terms(text);
  if (split === null) return { ok: false, error: 'unclosed_quote', term: text.slice(0, 40) };
  if (split.length > MAX_TERMS) return { ok: false, error: 'too_many_terms', term: String(split.length) };
  const filter = { keywords: [] as string[], excluded: [] as string[], categories: [] as string[], outlets: [] as string[] };
  for (const term of split) {
    const colon = /^([a-z]+):(.*)$/i.exec(term);
    const kind = colon === null ? undefined : KINDS[(colon[1] ?? '').toLowerCase()];
    const [list, value] =
      kind !== undefined ? [filter[kind], colon?.[2] ?? ''] : term.startsWith('-') ? [filter.excluded, term.slice(1)] : [filter.keywords, term];
    const normalized = normalizeText(value);
    if (normalized === '') return { ok: false, error: 'empty_term', term };
    if (!list.includes(normalized)) list.push(normalized);
  }
  return { ok: true, filter };
}

/** The filter as a moderator would type it again (for /feed list). */
export function filterText(filter: FeedFilter): string {
  const quoted = (value: string): string => (value.includes(' ') ? `"${value}"` : value);
  return [
    ...filter.keywords.map(quoted),
    ...filter.excluded.map((w) => `-${quoted(w)}`),
    ...filter.categories.map((c) => `category:${quoted(c)}`),
    ...filter.outlets.map((o) => `outlet:${quoted(o)}`),
  ].join(' ');
}

/** What a filter looks at in an article (an Article fits). */
export interface FilterableArticle {
  readonly title: string;
  readonly paragraphs: readonly string[];
  readonly category: string | null;
  readonly source: string | null;
  readonly url: string | null;
}

const padded = (text: string): string => ` ${normalizeText(text)} `;
const hasPhrase = (haystack: string, phrase: string): boolean => haystack.includes(` ${phrase} `);

function hostOf(url: string | null): string {
  if (url === null) return '';
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

export function matchesFilter(filter: FeedFilter | null, article: FilterableArticle): boolean {
  if (filter === null) return true;
  if (filter.categories.length > 0) {
    const category = normalizeText(article.category ?? '');
    if (!filter.categories.includes(category)) return false;
  }
  if (filter.outlets.length > 0) {
    const outlet = padded(`${article.source ?? ''} ${hostOf(article.url).replace(/\./g, ' ')}`);
    if (!filter.outlets.some((o) => hasPhrase(outlet, o))) return false;
  }
  if (filter.keywords.length === 0 && filter.excluded.length === 0) return true;
  const text = padded(`${article.title}\n${article.paragraphs.join('\n')}`);
  if (filter.excluded.some((w) => hasPhrase(text, w))) return false;
  return filter.keywords.length === 0 || filter.keywords.some((w) => hasPhrase(text, w));
}
