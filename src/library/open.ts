import type { CorpusSnapshot } from '../corpus/index.js';
import { AnalysisStore } from './analysis-store.js';
import { LibraryBuilder, type BuildCounts } from './builder.js';
import { NextStartSaver } from './next-start.js';
import { CorpusReloader } from './reloader.js';
import { corpusFolder, type CorpusSource } from './source.js';
import { loadStemCache } from './stem-cache-file.js';
import type { Library, LibraryHolder } from './types.js';

export interface LibraryOptions {
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
export interface LoadCounts extends BuildCounts {
  /** Reading and parsing the files. */
  readonly readMs: number;
}

export type OpenedLibrary = LibraryHolder & {
  /** The snapshot the current library was built from. */
  snapshot(): CorpusSnapshot;
  lastBuild(): LoadCounts;
  /** Settles when the work left after the last build (saving stems and analyses) is done. */
  idle(): Promise<void>;
  /** Finishes that work and closes the analysis cache. */
  close(): Promise<void>;
};

/** Reads the corpus (a folder path, or any source) and keeps the current library, rebuilt aside on every reload. */
export async function openLibrary(corpus: string | CorpusSource, options: LibraryOptions = {}): Promise<OpenedLibrary> {
  const warn = options.onWarning ?? ((): void => undefined);
  const source = typeof corpus === 'string' ? corpusFolder(corpus) : corpus;
  const savedStems = options.stemCacheFile === undefined ? 0 : loadStemCache(options.stemCacheFile);
  const store = await AnalysisStore.open(options.analysisCacheDir, warn);
  const saver = new NextStartSaver(store, options.stemCacheFile, savedStems, warn);
  const builder = new LibraryBuilder({
    threads: Math.max(0, Math.trunc(options.analysisThreads ?? 0)),
    ...(options.minArticlesForWorkers === undefined ? {} : { minArticlesForWorkers: options.minArticlesForWorkers }),
    store,
    saver,
    warn,
  });
  let readMs = 0;
  const read = async (): ReturnType<CorpusSource> => {
    const started = performance.now();
    const result = await source((count) => builder.filesFound(count));
    readMs = performance.now() - started;
    return result;
  };
  const reloader = await CorpusReloader.open(read, (snapshot): Promise<Library> => builder.build(snapshot), source.files);
  return {
    current: () => reloader.current(),
    snapshot: () => reloader.snapshot(),
    reload: () => reloader.reload(),
    takeIn: (files) => reloader.takeIn(files),
    onSwap: (listener) => reloader.onSwap(listener),
    lastBuild: () => ({ readMs, ...builder.lastBuild() }),
    idle: () => saver.idle(),
    close: () => saver.close(),
  };
}
