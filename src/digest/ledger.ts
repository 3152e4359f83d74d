import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Article } from '../corpus/article.js';
import type { Ledger, StoryRef } from '../store/index.js';
import { identityKeys } from './identity.js';

interface Known {
  readonly contentHash: string;
  readonly url: string | null;
  readonly title: string;
  readonly ref: StoryRef;
}

/** Keeps the corpus ledger in step with the library: when each story entered, under which keys. */
export class CorpusLedger {
  /** Articles of the last snapshot as recorded, so unchanged ones skip the database on the next swap. */
  private known = new Map<string, Known>();
  /** One update at a time: a sync must not drop what a concurrent warm has just learnt. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: Ledger) {}

  /**
   * Records the articles not yet known a chunk at a time, yielding to the event loop in between, so a first
   * start or a reload of a large corpus does not stall the bot; `sync` afterwards finds them all known.
   */
  warm(articles: readonly Article[], now: () => number, chunkSize = 1_000): Promise<void> {
    return this.serial(async () => {
      for (let start = 0; start < articles.length; start += chunkSize) {
        const fresh = articles.slice(start, start + chunkSize).filter((article) => !this.isKnown(article));
        if (fresh.length > 0) await this.remember(fresh, now());
        await nextTurn();
      }
    });
  }

  /** Records every article of the snapshot (idempotent) and returns each article's story by article id. */
  sync(articles: readonly Article[], now: number): Promise<Map<string, StoryRef>> {
    return this.serial(async () => {
      const fresh = articles.filter((article) => !this.isKnown(article));
      if (fresh.length > 0) await this.remember(fresh, now);
      const refs = new Map<string, StoryRef>();
      const current = new Map<string, Known>();
      for (const article of articles) {
        const known = this.known.get(article.id);
        if (known === undefined) continue;
        refs.set(article.id, known.ref);
        current.set(article.id, known);
      }
      this.known = current;
      return refs;
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private isKnown(article: Article): boolean {
    const known = this.known.get(article.id);
    return known !== undefined && known.contentHash === article.contentHash && known.url === article.url && known.title === article.title;
  }

  private async remember(articles: readonly Article[], now: number): Promise<void> {
    const recorded = await this.store.record(
      articles.map((article) => ({ articleId: article.id, title: article.title, keys: identityKeys(article) })),
      now,
    );
    for (const article of articles) {
      const ref = recorded.get(article.id);
      if (ref !== undefined) this.known.set(article.id, { contentHash: article.contentHash, url: article.url, title: article.title, ref });
    }
  }
}
