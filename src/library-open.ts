import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { reuseAnalysis, type ArticleAnalysis } from './analysis/article-analysis.js';
import { deserializeAnalysis, serializeAnalysis } from './analysis/encoded.js';
import { analysisFingerprint } from './analysis/fingerprint.js';
import { analyzeArticles, minimumFor, startAnalysisWorkers, type PrestartedWorkers } from './analysis/pool.js';
import { CorpusReloader, loadCorpus, type Article, type CorpusSnapshot, type LoadOptions, type LoadResult } from './corpus/index.js';
import { assembleLibrary } from './library.js';
import type { Library, LibraryHolder } from './library-types.js';
import type { AnalysisCache } from './store/analysis-cache.js';
import { exportStemCache, importStemCache, stemCacheSize } from './text/index.js';
import { messageOf } from './error-message.js';

export interface LibraryOptions extends Omit<LoadOptions, 'onFilesFound'> {
  /** Where stems computed by earlier runs are kept, so a restart does not stem the same words again. */
  readonly stemCacheFile?: string;
  /** Folder of the analysis cache (DATA_DIR): a restart reads unchanged articles' analyses instead of redoing them. */
  readonly analysisCacheDir?: string;
  /** Worker threads that analyse beside this one (default 0). */
  readonly analysisThreads?: number;
  /** Fewer articles to analyse than this and no worker starts (MIN_ARTICLES_FOR_WORKERS by default: more at start-up than on reload). */
  readonly minArticlesForWorkers?: { readonly startUp?: number; readonly reload?: number };
  /** Something went wrong that cost only speed (a worker died, the cache could not be used); the corpus still loads. */
  readonly onWarning?: (message: string) => void;
}

/** Where the analyses of the last build came from, and how long its stages took. */
export interface BuildCounts {
  readonly readMs: number;
  /** Same content as in the previous build of this process. */
  readonly reused: number;
  /** Read from the analysis cache. */
  readonly cached: number;
  readonly analyzed: number;
  readonly threads: number;
  readonly analysisMs: number;
  readonly indexMs: number;
}

export type OpenedLibrary = LibraryHolder & {
  readonly reloader: CorpusReloader<Library>;
  lastBuild(): BuildCounts;
  /** Settles when the work left after the last build (saving stems and analyses) is done. */
  idle(): Promise<void>;
  /** Finishes that work and closes the analysis cache. */
  close(): Promise<void>;
};

const STEM_CACHE_FORMAT = 1;
/** Analyses written to the cache per turn of the event loop, so saving never holds up answers for long. */
const CACHE_WRITE_SLICE = 256;

/** Seeds the stem cache from a file written by `saveStemCache`; a missing or corrupt file just means a cold start. */
function loadStemCache(file: string): number {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; stems?: unknown };
    if (saved.format !== STEM_CACHE_FORMAT || typeof saved.stems !== 'object' || saved.stems === null) return 0;
    return importStemCache(saved.stems as Record<string, unknown>);
  } catch {
    return 0;
  }
}

/** Writes the stem cache beside the data, atomically (temporary file, then rename); failures only cost the next start its warm cache. */
async function saveStemCache(file: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(temporary, JSON.stringify({ format: STEM_CACHE_FORMAT, stems: exportStemCache() }));
    await rename(temporary, file);
  } catch {
    // A read-only or full disk must not stop the bot from answering.
  }
}

function cacheSize(cache: AnalysisCache): number {
  try {
    return cache.size();
  } catch {
    return 0;
  }
}


/** The analysis cache, or null (with a warning) when it cannot be opened; the bot then analyses every article at start. */
async function openCache(dir: string, warn: (message: string) => void): Promise<AnalysisCache | null> {
  try {
    const { openAnalysisCache } = await import('./store/analysis-cache.js');
    const opened = openAnalysisCache(dir, analysisFingerprint());
    if (opened.ok) return opened.cache;
    warn(`analysis cache off: ${opened.reason}`);
  } catch (error) {
    warn(`analysis cache off: ${messageOf(error)}`);
  }
  return null;
}

/** Loads the corpus folder and keeps the current library, rebuilt aside on every reload. */
export async function openLibrary(dir: string, options: LibraryOptions = {}): Promise<OpenedLibrary> {
  const { stemCacheFile, analysisCacheDir, analysisThreads = 0, minArticlesForWorkers, onWarning, ...loadOptions } = options;
  const warn = onWarning ?? ((): void => undefined);
  const threads = Math.max(0, Math.trunc(analysisThreads));
  // at start-up this thread has nothing else to do; on reload it keeps answering while workers analyse
  const plan = (firstBuild: boolean): { useThisThread: boolean; minArticlesForWorkers: number } => {
    const useThisThread = firstBuild || threads === 0;
    const chosen = firstBuild ? minArticlesForWorkers?.startUp : minArticlesForWorkers?.reload;
    return { useThisThread, minArticlesForWorkers: chosen ?? minimumFor({ useThisThread }) };
  };
  let savedStems = stemCacheFile === undefined ? 0 : loadStemCache(stemCacheFile);
  let cache = analysisCacheDir === undefined ? null : await openCache(analysisCacheDir, warn);
  let previous = new Map<string, ArticleAnalysis>();
  let prestarted: PrestartedWorkers | null = null;
  let counts: BuildCounts = { readMs: 0, reused: 0, cached: 0, analyzed: 0, threads: 0, analysisMs: 0, indexMs: 0 };
  let background: Promise<void> = Promise.resolve();
  let builds = 0;
  let closing = false;

  const dropCache = (error: unknown): void => {
    warn(`analysis cache off: ${messageOf(error)}`);
    try {
      cache?.close();
    } catch {
      // already unusable
    }
    cache = null;
  };

  /** Analyses from this process's last build or from the cache; the indexes of the articles still to analyse. */
  const known = (articles: readonly Article[], analyses: ArticleAnalysis[]): { missing: number[]; reused: number; cached: number } => {
    const missing: number[] = [];
    let reused = 0;
    articles.forEach((article, i) => {
      const before = previous.get(article.contentHash);
      if (before === undefined) missing.push(i);
      else {
        analyses[i] = reuseAnalysis(article, before);
        reused++;
      }
    });
    if (cache === null || missing.length === 0) return { missing, reused, cached: 0 };
    let stored: Map<string, Buffer>;
    try {
      stored = cache.getMany(missing.map((i) => (articles[i] as Article).contentHash));
    } catch (error) {
      dropCache(error);
      return { missing, reused, cached: 0 };
    }
    const intern = new Map<string, string>();
    const stillMissing = missing.filter((i) => {
      const article = articles[i] as Article;
      const bytes = stored.get(article.contentHash);
      if (bytes === undefined) return true;
      try {
        analyses[i] = deserializeAnalysis(article, bytes, intern);
        return false;
      } catch {
        return true;
      }
    });
    return { missing: stillMissing, reused, cached: missing.length - stillMissing.length };
  };

  /** After a build: keep new stems and the new analyses for the next start, a slice at a time; forget what left the corpus. */
  const saveForNextStart = async (articles: readonly Article[], fresh: readonly ArticleAnalysis[], settled: Promise<void>): Promise<void> => {
    await settled;
    const stems = stemCacheSize();
    if (stemCacheFile !== undefined && stems > savedStems) {
      savedStems = stems;
      await saveStemCache(stemCacheFile);
    }
    for (let from = 0; from < fresh.length && cache !== null && !closing; from += CACHE_WRITE_SLICE) {
      await nextTurn();
      try {
        cache?.putMany(fresh.slice(from, from + CACHE_WRITE_SLICE).map((a) => [a.analyzed.article.contentHash, serializeAnalysis(a)] as const));
      } catch (error) {
        dropCache(error);
      }
    }
    if (closing) return;
    try {
      cache?.retainOnly(new Set(articles.map((a) => a.contentHash)));
    } catch (error) {
      dropCache(error);
    }
  };

  let readMs = 0;
  const load = async (): Promise<LoadResult> => {
    const started = performance.now();
    const result = await loadCorpus(dir, {
      ...loadOptions,
      // on the first load nothing can be reused, so the workers start while the files are read
      onFilesFound: (count) => {
        const uncached = count - (cache === null ? 0 : cacheSize(cache));
        if (threads > 0 && builds === 0 && uncached >= plan(true).minArticlesForWorkers && prestarted === null) {
          prestarted = startAnalysisWorkers(threads);
        }
      },
    });
    readMs = performance.now() - started;
    return result;
  };

  const build = async (snapshot: CorpusSnapshot): Promise<Library> => {
    const started = performance.now();
    const firstBuild = builds++ === 0;
    const articles = snapshot.articles;
    const analyses = new Array<ArticleAnalysis>(articles.length);
    const { missing, reused, cached } = known(articles, analyses);
    const workers: number | PrestartedWorkers = prestarted ?? threads;
    prestarted = null;
    const run = await analyzeArticles(missing.map((i) => articles[i] as Article), { workers, ...plan(firstBuild), onWarning: warn });
    missing.forEach((i, k) => {
      analyses[i] = run.analyses[k] as ArticleAnalysis;
    });
    const analyzedAt = performance.now();
    const library = assembleLibrary(snapshot, analyses);
    counts = {
      readMs, reused, cached, analyzed: missing.length, threads: run.threads,
      analysisMs: analyzedAt - started, indexMs: performance.now() - analyzedAt,
    };
    previous = new Map(articles.map((article, i) => [article.contentHash, analyses[i] as ArticleAnalysis]));
    const fresh = run.analyses;
    background = background.then(() => saveForNextStart(articles, fresh, run.settled)).catch((error: unknown) => warn(`saving analyses failed: ${messageOf(error)}`));
    return library;
  };

  const reloader = await CorpusReloader.open(load, build);
  return {
    reloader,
    current: () => reloader.current(),
    reload: () => reloader.reload(),
    onSwap: (listener) => reloader.onSwap(listener),
    lastBuild: () => counts,
    idle: () => background,
    close: async () => {
      // analyses not saved yet are only redone at the next start; shutting down should not wait for them
      closing = true;
      await background;
      cache?.close();
      cache = null;
    },
  };
}
