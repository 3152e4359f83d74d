import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ArticleAnalysis } from '../analysis/article-analysis.js';
import type { Article } from '../corpus/article.js';
import { messageOf } from '../error-message.js';
import { stemCacheSize } from '../text/index.js';
import type { AnalysisStore } from './analysis-store.js';
import { saveStemCache } from './stem-cache-file.js';

/** Analyses written to the store per turn of the event loop, so saving never holds up answers for long. */
const WRITE_SLICE = 256;

/** After each build, in the background: keeps new stems and new analyses for the next start, and forgets what left the corpus. */
export class NextStartSaver {
  readonly #store: AnalysisStore;
  readonly #stemCacheFile: string | undefined;
  readonly #warn: (message: string) => void;
  #savedStems: number;
  #background: Promise<void> = Promise.resolve();
  #closing = false;

  /** `savedStems`: how many stems the stem cache file held at start. */
  constructor(store: AnalysisStore, stemCacheFile: string | undefined, savedStems: number, warn: (message: string) => void) {
    this.#store = store;
    this.#stemCacheFile = stemCacheFile;
    this.#savedStems = savedStems;
    this.#warn = warn;
  }

  /** Queues the saving of one build: `fresh` are its new analyses, `settled` resolves once its workers' stems are in. */
  after(articles: readonly Article[], fresh: readonly ArticleAnalysis[], settled: Promise<void>): void {
    this.#background = this.#background
      .then(() => this.#save(articles, fresh, settled))
      .catch((error: unknown) => this.#warn(`saving analyses failed: ${messageOf(error)}`));
  }

  /** Settles when everything queued so far is saved. */
  idle(): Promise<void> {
    return this.#background;
  }

  /** Stops after the slice in hand (what is not saved is only redone at the next start), then closes the store. */
  async close(): Promise<void> {
    this.#closing = true;
    await this.#background;
    this.#store.close();
  }

  async #save(articles: readonly Article[], fresh: readonly ArticleAnalysis[], settled: Promise<void>): Promise<void> {
    await settled;
    const stems = stemCacheSize();
    if (this.#stemCacheFile !== undefined && stems > this.#savedStems) {
      this.#savedStems = stems;
      await saveStemCache(this.#stemCacheFile);
    }
    for (let from = 0; from < fresh.length && this.#store.open && !this.#closing; from += WRITE_SLICE) {
      await nextTurn();
      this.#store.write(fresh.slice(from, from + WRITE_SLICE));
    }
    if (this.#closing) return;
    this.#store.retainOnly(new Set(articles.map((a) => a.contentHash)));
  }
}
