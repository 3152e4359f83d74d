import { loadArticles, loadCorpus, type LoadOptions, type LoadResult } from '../corpus/index.js';

/**
 * Where a library's articles come from, read whole when it opens and on every reload. `onFilesFound` is told how many files
 * are about to be read (the library starts its analysis threads then).
 */
export type CorpusSource = (onFilesFound: (count: number) => void) => Promise<LoadResult>;

/** The corpus folder (CORPUS_DIR): a folder that cannot be read fails the read, so a reload keeps the previous corpus. */
export function corpusFolder(dir: string, options: Omit<LoadOptions, 'onFilesFound'> = {}): CorpusSource {
  return (onFilesFound) => loadCorpus(dir, { ...options, onFilesFound });
}

/** Files and folders named on a command line: a missing path is a problem entry, not a failure. */
export function namedPaths(paths: readonly string[], options: Omit<LoadOptions, 'onFilesFound'> = {}): CorpusSource {
  return (onFilesFound) => loadArticles(paths, { ...options, onFilesFound });
}
