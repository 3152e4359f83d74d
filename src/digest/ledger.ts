import { hash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Article } from '../corpus/article.js';
import type { Ledger, RecordedArticle, StoryRef } from '../store/index.js';
import { IDENTITY_VERSION, identityKeys } from './identity.js';

interface Known {
  readonly contentHash: string;
  readonly url: string | null;
  readonly title: string;
  readonly ref: StoryRef;
}

/** What recording an article depends on (its keys and title), in a few characters: unchanged means nothing to record. */
export function articleFingerprint(article: Article): string {
  return hash('sha256', `${IDENTITY_VERSION}\n${article.contentHash}\n${article.url ?? ''}\n${article.title}`, 'base64url').slice(0, 27);
}

/** Keeps the corpus ledger in step with the library: when each story entered, under which keys. */
export class CorpusLedger {
  /** Articles of the last snapshot as recorded, so unchanged ones skip the database on the next swap. */
  private known = new Map<string, Known>();
  /**
   * What the store held for each article when this process first looked (read once, dropped after the first warm or sync):
   * an article whose fingerprint matches would be recorded under the same story, so a restart records only what changed.
   */
  private recorded: Map<string, RecordedArticle> | null = null;
  private learnt = false;
  /** One update at a time: a sync must not drop what a concurrent warm has just learnt. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: Ledger) {}

  /**
   * Records the articles not yet known a chunk at a time, yielding to the event loop in between, so a first
   * start or a reload of a large corpus does not stall the bot; `sync` afterwards finds them all known. An aborted
   * warm stops between chunks (what it recorded stays; the next warm or sync records the rest).
   */
  warm(articles: readonly Article[], now: () => number, chunkSize = 1_000, signal?: AbortSignal): Promise<void> {
    return this.serial(async () => {
      await this.learn();
      for (let start = 0; start < articles.length; start += chunkSize) {
        if (signal?.aborted === true) return;
        const fresh = articles.slice(start, start + chunkSize).filter((article) => !this.isKnown(article));
        if (fresh.length > 0) await this.remember(fresh, now());
        await nextTurn();
      }
      this.recorded = null;
    });
  }

  /** Records every article of the snapshot (idempotent) and returns each article's story by article id. */
  sync(articles: readonly Article[], now: number): Promise<Map<string, StoryRef>> {
    return this.serial(async () => {
      await this.learn();
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
      this.recorded = null;
      return refs;
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Reads, once per process, what the store recorded of each article (by this process's predecessors or peers). */
  private async learn(): Promise<void> {
    if (this.learnt) return;
    const rows = await this.store.articles();
    this.recorded = new Map(rows.map((row) => [row.articleId, row]));
    this.learnt = true;
  }

  private isKnown(article: Article): boolean {
    const known = this.known.get(article.id);
    if (known !== undefined && known.contentHash === article.contentHash && known.url === article.url && known.title === article.title) return true;
    const recorded = this.recorded?.get(article.id);
    if (recorded === undefined || recorded.fingerprint !== articleFingerprint(article)) return false;
    const ref = { storyId: recorded.storyId, firstSeenAt: recorded.firstSeenAt };
    this.known.set(article.id, { contentHash: article.contentHash, url: article.url, title: article.title, ref });
    return true;
  }

  private async remember(articles: readonly Article[], now: number): Promise<void> {
    const recorded = await this.store.record(
      articles.map((article) => ({ articleId: article.id, title: article.title, keys: identityKeys(article), fingerprint: articleFingerprint(article) })),
      now,
    );
    for (const article of articles) {
      const ref = recorded.get(article.id);
      if (ref !== undefined) this.known.set(article.id, { contentHash: article.contentHash, url: article.url, title: article.title, ref });
    }
  }
}
