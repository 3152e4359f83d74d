import { loadArticles, loadCorpus, loadCorpusFiles, type LoadOptions, type LoadResult } from '../corpus/index.js';

/**
 * Where a library's articles come from, read whole when it opens and on every reload. `onFilesFound` is told how many files
 * are about to be read (the library starts its analysis threads then). `files`, when the source has it, reads only some
 * of its files by name (new files taken in without a whole reload).
 */
export type CorpusSource = ((onFilesFound: (count: number) => void) => Promise<LoadResult>) & {
  readonly files?: (names: readonly string[]) => Promise<LoadResult>;
};

/** The corpus folder (CORPUS_DIR): a folder that cannot be read fails the read, so a reload keeps the previous corpus. */
export function corpusFolder(dir: string, options: Omit<LoadOptions, 'onFilesFound'> = {}): CorpusSource {
  return Object.assign((onFilesFound: (count: number) => void) => loadCorpus(dir, { ...options, onFilesFound }), {
    files: (names: readonly string[]) => loadCorpusFiles(dir, names, options),
  });
}

/** Files and folders named on a command line: a missing path is a problem entry, not a failure. */
export function namedPaths(paths: readonly string[], options: Omit<LoadOptions, 'onFilesFound'> = {}): CorpusSource {
  return (onFilesFound) => loadArticles(paths, { ...options, onFilesFound });
}
