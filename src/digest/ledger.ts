import type { Article } from '../corpus/article.js';
import type { LedgerStore, StoryRef } from '../store/index.js';
import { identityKeys } from './identity.js';

/** Keeps the corpus ledger in step with the library: when each story entered, under which keys. */
export class CorpusLedger {
  /** Articles of the last snapshot by what could change their keys, so unchanged ones skip the database. */
  private known = new Map<string, StoryRef>();

  constructor(private readonly store: LedgerStore) {}

  /** Records every article of the snapshot (idempotent) and returns each article's story by article id. */
  sync(articles: readonly Article[], now: number): Map<string, StoryRef> {
    const refs = new Map<string, StoryRef>();
    const next = new Map<string, StoryRef>();
    const fresh: Article[] = [];
    for (const article of articles) {
      const known = this.known.get(memoKey(article));
      if (known === undefined) {
        fresh.push(article);
        continue;
      }
      refs.set(article.id, known);
      next.set(memoKey(article), known);
    }
    if (fresh.length > 0) {
      const recorded = this.store.record(
        fresh.map((article) => ({ articleId: article.id, title: article.title, keys: identityKeys(article) })),
        now,
      );
      for (const article of fresh) {
        const ref = recorded.get(article.id);
        if (ref === undefined) continue;
        refs.set(article.id, ref);
        next.set(memoKey(article), ref);
      }
    }
    this.known = next;
    return refs;
  }
}

function memoKey(article: Article): string {
  return `${article.id}\u0000${article.contentHash}\u0000${article.url ?? ''}`;
}
