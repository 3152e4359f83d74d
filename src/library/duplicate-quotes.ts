import type { Article } from '../corpus/article.js';
import type { SpeakerQuote } from './types.js';

/** Case, punctuation and spacing do not make two quotes different; computed once per quote object. */
const keyOf = new WeakMap<object, string>();
function quoteKey(quote: { readonly text: string }): string {
  let key = keyOf.get(quote);
  if (key === undefined) keyOf.set(quote, (key = quote.text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()));
  return key;
}

/** The keys of every quote an article carries, once per article. */
const articleKeys = new WeakMap<Article, ReadonlySet<string>>();

/** Two articles carrying nearly the same quotes (of everyone they quote) are one text: the same story re-titled or copied. */
const SAME_QUOTES = 0.8;
/** One shared quote is a statement two stories report; a copy shares them all. */
const MIN_SHARED = 2;
/** Holders of one quote compared pairwise at most (the rest are left as they are). */
const MAX_HOLDERS = 64;

/**
 * A speaker's quotes with the repeats of duplicated articles left out: when two articles carry nearly the same quotes
 * (at least two shared, and four in five of all their quotes alike), the later one's quotes that the earlier one already
 * has are dropped, so the same words count once. Only quotes and their keys are compared (no text analysis), so this
 * stays cheap for a speaker quoted in thousands of articles.
 */
export function withoutDuplicateQuotes(quotes: readonly SpeakerQuote[], quotesIn: (articleId: string) => readonly { readonly text: string }[]): readonly SpeakerQuote[] {
  const holders = new Map<string, Article[]>();
  for (const quote of quotes) {
    if (quote.article === undefined) continue;
    const key = quoteKey(quote);
    const list = holders.get(key);
    if (list === undefined) holders.set(key, [quote.article]);
    else if (list[list.length - 1] !== quote.article && !list.includes(quote.article)) list.push(quote.article);
  }
  if (![...holders.values()].some((list) => list.length > 1)) return quotes;
  const keys = (article: Article): ReadonlySet<string> => {
    let found = articleKeys.get(article);
    if (found === undefined) articleKeys.set(article, (found = new Set(quotesIn(article.id).map(quoteKey))));
    return found;
  };
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
  return quotes.filter((quote) => {
    if (quote.article === undefined) return true;
    const key = `${root(quote.article).id}\u0000${quoteKey(quote)}`;
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
