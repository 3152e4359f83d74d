import type { Quote } from './quote.js';

/** Who said a quote, in full, as a quote line ends: `Vladimir Putin, Presiden Rusia`; the name alone without a role; null when unknown. */
export function attributionLine(quote: Pick<Quote, 'speaker' | 'role'>): string | null {
  if (quote.speaker === null) return null;
  const role = quote.role?.trim() ?? '';
  return role === '' || role.toLowerCase() === quote.speaker.toLowerCase() ? quote.speaker : `${quote.speaker}, ${role}`;
}

/** A run of items from one article, in the order given. */
export interface ArticleGroup<T> {
  readonly articleId: string;
  readonly items: readonly T[];
}

/**
 * Groups items (quotes, or view items holding one) by article, keeping the given order of articles and of items within
 * each, so that a view shows an article's title once above its quotes. An article that comes back after another one
 * joins its first group: a speaker's quotes are one group per article however they were sorted.
 */
export function groupByArticle<T>(items: readonly T[], articleOf: (item: T) => string): ArticleGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const id = articleOf(item);
    const list = groups.get(id);
    if (list === undefined) groups.set(id, [item]);
    else list.push(item);
  }
  return [...groups].map(([articleId, list]) => ({ articleId, items: list }));
}
