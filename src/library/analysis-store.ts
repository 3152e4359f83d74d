import type { ArticleAnalysis } from '../analysis/article-analysis.js';
import { deserializeAnalysis, serializeAnalysis } from '../analysis/encoded.js';
import { analysisFingerprint } from '../analysis/fingerprint.js';
import type { Article } from '../corpus/article.js';
import { messageOf } from '../error-message.js';
import type { AnalysisCache } from '../store/analysis-cache.js';

/** Analyses read from the cache and decoded before the next are read. */
const READ_BATCH = 2_000;

/**
 * The analyses kept in DATA_DIR so a restart reads them instead of redoing them. It only ever saves time: when it cannot be
 * opened or fails later, it turns itself off with a warning and every article is analysed as if it were new.
 */
export class AnalysisStore {
  #cache: AnalysisCache | null;
  readonly #warn: (message: string) => void;

  private constructor(cache: AnalysisCache | null, warn: (message: string) => void) {
    this.#cache = cache;
    this.#warn = warn;
  }

  /** Without a folder, a store that holds nothing. */
  static async open(dir: string | undefined, warn: (message: string) => void): Promise<AnalysisStore> {
    if (dir === undefined) return new AnalysisStore(null, warn);
    try {
      const { openAnalysisCache } = await import('../store/analysis-cache.js');
      const opened = openAnalysisCache(dir, analysisFingerprint());
      if (opened.ok) return new AnalysisStore(opened.cache, warn);
      warn(`analysis cache off: ${opened.reason}`);
    } catch (error) {
      warn(`analysis cache off: ${messageOf(error)}`);
    }
    return new AnalysisStore(null, warn);
  }

  get open(): boolean {
    return this.#cache !== null;
  }

  size(): number {
    try {
      return this.#cache?.size() ?? 0;
    } catch {
      return 0;
    }
  }

  /** The stored analysis of each article, or undefined where none is stored or it does not fit the article (it is analysed again). */
  read(articles: readonly Article[]): (ArticleAnalysis | undefined)[] {
    const found = articles.map((): ArticleAnalysis | undefined => undefined);
    const cache = this.#cache;
    if (cache === null) return found;
    const intern = new Map<string, string>();
    // a batch's payloads at a time: all of a large corpus's at once are a gigabyte held until the last is decoded
    for (let from = 0; from < articles.length; from += READ_BATCH) {
      const batch = articles.slice(from, from + READ_BATCH);
      let stored: Map<string, Buffer>;
      try {
        stored = cache.getMany(batch.map((a) => a.contentHash));
      } catch (error) {
        this.#drop(error);
        return found;
      }
      batch.forEach((article, k) => {
        const bytes = stored.get(article.contentHash);
        if (bytes === undefined) return;
        try {
          found[from + k] = deserializeAnalysis(article, bytes, intern);
        } catch {
          // does not fit the article: analysed again
        }
      });
    }
    return found;
  }

  write(analyses: readonly ArticleAnalysis[]): void {
    try {
      this.#cache?.putMany(analyses.map((a) => [a.analyzed.article.contentHash, serializeAnalysis(a)] as const));
    } catch (error) {
      this.#drop(error);
    }
  }

  /** Forgets the analyses of contents no longer in the corpus. */
  retainOnly(contentHashes: ReadonlySet<string>): void {
    try {
      this.#cache?.retainOnly(contentHashes);
    } catch (error) {
      this.#drop(error);
    }
  }

  close(): void {
    this.#cache?.close();
    this.#cache = null;
  }

  #drop(error: unknown): void {
    this.#warn(`analysis cache off: ${messageOf(error)}`);
    try {
      this.#cache?.close();
    } catch {
      // already unusable
    }
    this.#cache = null;
  }
}
