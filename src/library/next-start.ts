import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ArticleAnalysis } from '../analysis/article-analysis.js';
import type { CorpusSnapshot } from '../corpus/index.js';
import { messageOf } from '../error-message.js';
import type { AnalysisStore } from './analysis-store.js';
import type { StemCacheFile } from './stem-cache-file.js';
import type { Library } from './types.js';

/** Analyses written to the store per turn of the event loop, so saving never holds up answers for long. */
const WRITE_SLICE = 256;

/** Writes what a build produced for the next start to read instead of the corpus folder (src/library/restart-snapshot.ts). */
export type RestartWriter = (snapshot: CorpusSnapshot, analyses: readonly ArticleAnalysis[], stopped: () => boolean) => Promise<void>;
/** Writes the search indexes a build made for the next start to take (src/library/restart-indexes.ts). */
export type IndexWriter = (library: Library, stopped: () => boolean) => Promise<void>;

/**
 * After each build, in the background: keeps new stems and new analyses for the next start, forgets what left the corpus,
 * and after a whole read of the folder writes the restart snapshot.
 */
export class NextStartSaver {
  readonly #store: AnalysisStore;
  readonly #stems: StemCacheFile;
  readonly #warn: (message: string) => void;
  #background: Promise<void> = Promise.resolve();
  #closing = false;
  readonly #restart: RestartWriter | undefined;
  readonly #indexes: IndexWriter | undefined;

  constructor(
    store: AnalysisStore,
    stems: StemCacheFile,
    warn: (message: string) => void,
    restart?: RestartWriter,
    indexes?: IndexWriter,
  ) {
    this.#store = store;
    this.#restart = restart;
    this.#indexes = indexes;
    this.#stems = stems;
    this.#warn = warn;
  }

  /**
   * Queues the saving of one build: `analyses` are all of its analyses in the snapshot's order, `fresh` the new ones,
   * `settled` resolves once its workers' stems are in.
   */
  after(snapshot: CorpusSnapshot, analyses: readonly ArticleAnalysis[], fresh: readonly ArticleAnalysis[], settled: Promise<void>, library: Library): void {
    this.#background = this.#background
      // the indexes first: made after the other saves, their parts came on top of those saves' garbage (0.1-0.2 GB more at 249k)
      .then(() => this.#saveIndexes(snapshot, library))
      .catch((error: unknown) => this.#warn(`saving the search indexes failed: ${messageOf(error)}`))
      .then(() => this.#save(snapshot, fresh, settled))
      .catch((error: unknown) => this.#warn(`saving analyses failed: ${messageOf(error)}`))
      .then(() => this.#saveRestart(snapshot, analyses))
      .catch((error: unknown) => this.#warn(`saving the restart snapshot failed: ${messageOf(error)}`));
  }

  async #saveIndexes(snapshot: CorpusSnapshot, library: Library): Promise<void> {
    // only beside a restart snapshot: what a restart reads is one whole read of the folder
    if (this.#indexes === undefined || snapshot.stamps === undefined || this.#closing) return;
    await this.#indexes(library, () => this.#closing);
  }

  /** Settles when everything queued so far is saved. */
  idle(): Promise<void> {
    return this.#background;
  }

  /** Stops after the slice in hand (what is not saved is only redone at the next start, a snapshot not written is not used), then closes the store. */
  async close(): Promise<void> {
    this.#closing = true;
    await this.#background;
    this.#store.close();
  }

  async #saveRestart(snapshot: CorpusSnapshot, analyses: readonly ArticleAnalysis[]): Promise<void> {
    if (this.#restart === undefined || snapshot.stamps === undefined || this.#closing) return;
    await this.#restart(snapshot, analyses, () => this.#closing);
  }

  async #save(snapshot: CorpusSnapshot, fresh: readonly ArticleAnalysis[], settled: Promise<void>): Promise<void> {
    const articles = snapshot.articles;
    await settled;
    await this.#stems.saveIfGrown();
    for (let from = 0; from < fresh.length && this.#store.open && !this.#closing; from += WRITE_SLICE) {
      await nextTurn();
      this.#store.write(fresh.slice(from, from + WRITE_SLICE));
    }
    if (this.#closing) return;
    this.#store.retainOnly(new Set(articles.map((a) => a.contentHash)));
  }
}
