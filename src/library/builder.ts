import { reuseAnalysis, type ArticleAnalysis } from '../analysis/article-analysis.js';
import { underOneDictionary } from '../analysis/compact.js';
import { analyzeArticles, minimumFor, startAnalysisWorkers, type PrestartedWorkers } from '../analysis/pool.js';
import type { Article } from '../corpus/article.js';
import type { CorpusSnapshot } from '../corpus/index.js';
import type { AnalysisStore } from './analysis-store.js';
import { assembleLibrary } from './library.js';
import type { SavedIndexes } from './restart-indexes.js';
import type { NextStartSaver } from './next-start.js';
import type { StemCacheFile } from './stem-cache-file.js';
import type { Library } from './types.js';
import { clearWordMemos, ShrinkWatch } from './word-memos.js';

/** Where the analyses of a build came from, and how long its stages took. */
export interface BuildCounts {
  /** Same content as in the previous build of this process. */
  readonly reused: number;
  /** Read from DATA_DIR: the analysis store, or at start the restart snapshot. */
  readonly cached: number;
  readonly analyzed: number;
  readonly threads: number;
  readonly analysisMs: number;
  readonly indexMs: number;
}

export interface BuilderOptions {
  /** Worker threads that analyse beside this one. */
  readonly threads: number;
  /** Fewer articles to analyse than this and no worker starts (MIN_ARTICLES_FOR_WORKERS by default: more at start-up than on reload). */
  readonly minArticlesForWorkers?: { readonly startUp?: number; readonly reload?: number };
  readonly store: AnalysisStore;
  readonly saver: NextStartSaver;
  /** Read before the first analysis (and before workers start, which take its stems). */
  readonly stems?: StemCacheFile;
  readonly warn: (message: string) => void;
}

/**
 * Turns a snapshot into a library, analysing only what it has not seen: contents of its previous build are reused, contents in the
 * store are read, the rest is analysed on worker threads and this one.
 */
export class LibraryBuilder {
  readonly #options: BuilderOptions;
  #previous: ReadonlyMap<string, ArticleAnalysis> = new Map();
  #prestarted: PrestartedWorkers | null = null;
  readonly #shrinks = new ShrinkWatch();
  #builds = 0;
  #seededFiles = 0;
  #savedIndexes: (() => SavedIndexes | undefined) | undefined;
  #counts: BuildCounts = { reused: 0, cached: 0, analyzed: 0, threads: 0, analysisMs: 0, indexMs: 0 };

  constructor(options: BuilderOptions) {
    this.#options = options;
  }

  lastBuild(): BuildCounts {
    return this.#counts;
  }

  /**
   * Analyses a restart snapshot of `files` files kept, by content hash: the first build takes them as it takes a previous
   * build's, and the search indexes saved with them when its articles are the same (read while it builds, `SavedIndexUse`).
   */
  seed(analyses: ReadonlyMap<string, ArticleAnalysis>, files: number, indexes?: () => SavedIndexes | undefined): void {
    if (this.#builds > 0) return;
    // the snapshot's own table, not a copy: nothing changes it, and the first build replaces it
    this.#previous = analyses;
    this.#seededFiles = files;
    this.#savedIndexes = indexes;
  }

  /** Told how many files are about to be read: before the first build nothing can be reused, so workers start while they are read. */
  filesFound(count: number): void {
    const { threads, store } = this.#options;
    // files a restart snapshot holds need no analysis (the store counts contents, fewer than files where copies repeat one);
    // counting the store costs a scan of it, so only when the snapshot leaves enough files to matter
    const least = this.#plan(true).minArticlesForWorkers;
    const worthWorkers = (): boolean => count - this.#seededFiles >= least && count - Math.max(store.size(), this.#seededFiles) >= least;
    if (threads > 0 && this.#builds === 0 && this.#prestarted === null && worthWorkers()) {
      this.#options.stems?.load();
      this.#prestarted = startAnalysisWorkers(threads);
    }
  }

  async build(snapshot: CorpusSnapshot): Promise<Library> {
    const started = performance.now();
    const firstBuild = this.#builds++ === 0;
    const articles = snapshot.articles;
    const analyses = new Array<ArticleAnalysis>(articles.length);
    const { missing, reused, cached } = this.#known(articles, analyses, firstBuild);
    if (missing.length > 0) this.#options.stems?.load();
    const workers: number | PrestartedWorkers = this.#prestarted ?? this.#options.threads;
    this.#prestarted = null;
    const run = await analyzeArticles(
      missing.map((i) => articles[i] as Article),
      { workers, ...this.#plan(firstBuild), onWarning: this.#options.warn },
    );
    missing.forEach((i, k) => {
      analyses[i] = run.analyses[k] as ArticleAnalysis;
    });
    const shrank = this.#shrinks.shrank(articles.length);
    // the index numbers terms by one dictionary; after a shrink, a new one lets the terms of articles gone go with them
    underOneDictionary(analyses.map((analysis) => analysis.analyzed), shrank).forEach((analyzed, i) => {
      const analysis = analyses[i] as ArticleAnalysis;
      if (analyzed !== analysis.analyzed) analyses[i] = { analyzed, quotes: analysis.quotes };
    });
    const analyzedAt = performance.now();
    const read = this.#savedIndexes;
    this.#savedIndexes = undefined;
    const library = assembleLibrary(snapshot, analyses, read === undefined ? undefined : { read, warn: this.#options.warn });
    this.#counts = {
      reused, cached, analyzed: missing.length, threads: run.threads, analysisMs: analyzedAt - started, indexMs: performance.now() - analyzedAt,
    };
    this.#previous = new Map(articles.map((article, i) => [article.contentHash, analyses[i] as ArticleAnalysis]));
    // After the workers' stems are in, or those stems would fill the memos again.
    if (shrank) void run.settled.then(clearWordMemos);
    this.#options.saver.after(snapshot, analyses, run.analyses, run.settled, library);
    return library;
  }

  /** At start-up this thread has nothing else to do; on reload it keeps answering while workers analyse. */
  #plan(firstBuild: boolean): { useThisThread: boolean; minArticlesForWorkers: number } {
    const useThisThread = firstBuild || this.#options.threads === 0;
    const minimum = this.#options.minArticlesForWorkers;
    const chosen = firstBuild ? minimum?.startUp : minimum?.reload;
    return { useThisThread, minArticlesForWorkers: chosen ?? minimumFor({ useThisThread }) };
  }

  /** Fills in the analyses from the previous build and from the store; returns the indexes of the articles still to analyse. */
  #known(articles: readonly Article[], analyses: ArticleAnalysis[], firstBuild: boolean): { missing: number[]; reused: number; cached: number } {
    const unseen: number[] = [];
    articles.forEach((article, i) => {
      const before = this.#previous.get(article.contentHash);
      if (before === undefined) unseen.push(i);
      // a restart's articles are the very objects its snapshot's analyses were made for: nothing to relabel or copy
      // (here, not in reuseAnalysis: a change to src/analysis makes every stored analysis be made again)
      else analyses[i] = before.analyzed.article === article ? before : reuseAnalysis(article, before);
    });
    const stored = this.#options.store.read(unseen.map((i) => articles[i] as Article));
    const missing = unseen.filter((i, k) => {
      const analysis = stored[k];
      if (analysis !== undefined) analyses[i] = analysis;
      return analysis === undefined;
    });
    const known = articles.length - unseen.length;
    // before the first build, what is known came from DATA_DIR (the restart snapshot), as the store's analyses do
    return firstBuild
      ? { missing, reused: 0, cached: known + unseen.length - missing.length }
      : { missing, reused: known, cached: unseen.length - missing.length };
  }
}
