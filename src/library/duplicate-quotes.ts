import type { Article } from '../corpus/article.js';
import type { SpeakerQuote } from './types.js';

/** Groups of articles telling the same story (the library's near-duplicate detection), each in the given order. */
export type ArticleGroups = (articles: readonly Article[]) => readonly (readonly Article[])[];

/** Case, punctuation and spacing do not make two quotes different. */
function quoteKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * A speaker's quotes with the repeats of duplicated articles left out: when two articles tell the same story (the same
 * text under two titles, or another outlet's copy), the later one's quotes that the earlier one already has are dropped,
 * so the same words count once. Only articles sharing a quote are compared, so a speaker without repeats costs nothing.
 */
export function withoutDuplicateQuotes(quotes: readonly SpeakerQuote[], groups: ArticleGroups): readonly SpeakerQuote[] {
  const articlesByQuote = new Map<string, Set<Article>>();
  for (const quote of quotes) {
    if (quote.article === undefined) continue;
    const key = quoteKey(quote.text);
    const holders = articlesByQuote.get(key) ?? new Set<Article>();
    holders.add(quote.article);
    articlesByQuote.set(key, holders);
  }
  const sharing = new Set<Article>();
  for (const holders of articlesByQuote.values()) if (holders.size > 1) for (const article of holders) sharing.add(article);
  if (sharing.size === 0) return quotes;
  const inOrder = [...new Set(quotes.map((q) => q.article))].filter((a): a is Article => a !== undefined && sharing.has(a));
  const first = new Map<Article, Article>();
  for (const group of groups(inOrder)) for (const article of group) first.set(article, group[0] as Article);
  const seen = new Set<string>();
  const kept: SpeakerQuote[] = [];
  for (const quote of quotes) {
    const story = quote.article === undefined ? undefined : first.get(quote.article);
    if (story === undefined) {
      kept.push(quote);
      continue;
    }
    const key = `${story.id}\u0000${quoteKey(quote.text)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(quote);
  }
  return kept;
}
