import type { Article } from '../corpus/article.js';
import type { SpeakerQuote } from './types.js';

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/**
 * Case, punctuation and spacing do not make two quotes different: the lower-cased runs of letters and digits, joined by
 * one space. A loop over char codes (the Unicode test only for non-ASCII) is three to four times faster than the
 * equivalent `replace(/[^\p{L}\p{N}]+/gu, ' ')`, and a busy speaker's first answer computes thousands of these.
 */
export function quoteKey(text: string): string {
  const lower = text.toLowerCase();
  const runs: string[] = [];
  let runStart = -1;
  for (let i = 0; i < lower.length; ) {
    const code = lower.charCodeAt(i);
    let width = 1;
    let inWord: boolean;
    if (code < 128) inWord = (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
    else {
      const point = lower.codePointAt(i) as number;
      width = point > 0xffff ? 2 : 1;
      inWord = LETTER_OR_DIGIT.test(String.fromCodePoint(point));
    }
    if (inWord) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      runs.push(lower.slice(runStart, i));
      runStart = -1;
    }
    i += width;
  }
  if (runStart >= 0) runs.push(lower.slice(runStart));
  return runs.join(' ');
}

/** Two articles carrying nearly the same quotes (of everyone they quote) are one text: the same story re-titled or copied. */
const SAME_QUOTES = 0.8;
/** One shared quote is a statement two stories report; a copy shares them all. */
const MIN_SHARED = 2;
/** Holders of one quote compared pairwise at most (the rest are left as they are). */
const MAX_HOLDERS = 64;

/** The keys of every quote an article carries, computed once per article and kept by the caller for the library's life. */
export type ArticleQuoteKeys = (article: Article) => ReadonlySet<string>;

/** Keys of an article's quotes kept in a plain map owned by one library (a WeakMap per quote made every major GC walk them). */
export function articleQuoteKeys(quotesIn: (articleId: string) => readonly { readonly text: string }[]): ArticleQuoteKeys {
  const kept = new Map<string, ReadonlySet<string>>();
  return (article) => {
    let found = kept.get(article.id);
    if (found === undefined) kept.set(article.id, (found = new Set(quotesIn(article.id).map((quote) => quoteKey(quote.text)))));
    return found;
  };
}

/**
 * A speaker's quotes with the repeats of duplicated articles left out: when two articles carry nearly the same quotes
 * (at least two shared, and four in five of all their quotes alike), the later one's quotes that the earlier one already
 * has are dropped, so the same words count once. Only quotes and their keys are compared (no text analysis), so this
 * stays cheap for a speaker quoted in thousands of articles.
 */
export function withoutDuplicateQuotes(quotes: readonly SpeakerQuote[], keys: ArticleQuoteKeys): readonly SpeakerQuote[] {
  // each quote's key once, by position: the holders pass and the final filter read the same keys
  const quoteKeys = quotes.map((quote) => (quote.article === undefined ? '' : quoteKey(quote.text)));
  const holders = new Map<string, Article[]>();
  let shared = false;
  quotes.forEach((quote, i) => {
    if (quote.article === undefined) return;
    const key = quoteKeys[i] as string;
    const list = holders.get(key);
    if (list === undefined) holders.set(key, [quote.article]);
    else if (list[list.length - 1] !== quote.article && !list.includes(quote.article)) {
      list.push(quote.article);
      shared = true;
    }
  });
  if (!shared) return quotes;
  // Articles in the list's order (newest first): each duplicate points to the first article of its text.
  const order = new Map<Article, number>();
  quotes.forEach((quote) => quote.article !== undefined && !order.has(quote.article) && order.set(quote.article, order.size));
  const parent = new Map<Article, Article>();
  const root = (article: Article): Article => {
    let at = article;
    while (parent.has(at)) at = parent.get(at) as Article;
    return at;
  };
  for (const list of holders.values()) {
    if (list.length < 2) continue;
    // Each holder is compared with one article of each text met so far under this quote, not with every holder.
    const texts: Article[] = [];
    for (const article of list.slice(0, MAX_HOLDERS)) {
      const own = root(article);
      if (texts.includes(own)) continue;
      const same = texts.find((text) => sameQuotes(keys(text), keys(article)));
      if (same === undefined) {
        texts.push(own);
        continue;
      }
      const [first, later] = (order.get(same) ?? 0) <= (order.get(own) ?? 0) ? [same, own] : [own, same];
      parent.set(later, first);
      if (first !== same) texts[texts.indexOf(same)] = first;
    }
  }
  if (parent.size === 0) return quotes;
  const seen = new Set<string>();
  return quotes.filter((quote, i) => {
    if (quote.article === undefined) return true;
    const key = `${root(quote.article).id}\u0000${quoteKeys[i] as string}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sameQuotes(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  let shared = 0;
  for (const key of a) if (b.has(key)) shared++;
  return shared >= MIN_SHARED && shared / (a.size + b.size - shared) >= SAME_QUOTES;
}
