import { resolve } from 'node:path';
import { DEFAULT_MAX_ARTICLE_BYTES, loadArticles, loadCorpus, loadCorpusFiles, type CorpusSurvey, type EarlierReadings, type LoadOptions, type LoadResult } from '../corpus/index.js';

/**
 * Where a library's articles come from, read whole when it opens and on every reload. `onFilesFound` is told how many files
 * are about to be read (the library starts its analysis threads then). `files`, when the source has it, reads only some
 * of its files by name (new files taken in without a whole reload).
 */
export type CorpusSource = ((onFilesFound: (count: number) => void, earlier?: EarlierReadings, survey?: Promise<CorpusSurvey | undefined>) => Promise<LoadResult>) & {
  readonly files?: (names: readonly string[]) => Promise<LoadResult>;
  /** A corpus folder: what its restart snapshot is kept for (a source without it takes no `earlier` readings). */
  readonly folder?: { readonly dir: string; readonly maxBytes: number };
};

/** The corpus folder (CORPUS_DIR): a folder that cannot be read fails the read, so a reload keeps the previous corpus. */
export function corpusFolder(dir: string, options: Omit<LoadOptions, 'onFilesFound' | 'earlier' | 'survey'> = {}): CorpusSource {
  const read = (onFilesFound: (count: number) => void, earlier?: EarlierReadings, survey?: Promise<CorpusSurvey | undefined>): Promise<LoadResult> =>
    loadCorpus(dir, { ...options, onFilesFound, ...(earlier === undefined ? {} : { earlier }), ...(survey === undefined ? {} : { survey }) });
  return Object.assign(read, {
    files: (names: readonly string[]) => loadCorpusFiles(dir, names, options),
    folder: { dir: resolve(dir), maxBytes: options.maxBytes ?? DEFAULT_MAX_ARTICLE_BYTES },
  });
}

/** Files and folders named on a command line: a missing path is a problem entry, not a failure. */
export function namedPaths(paths: readonly string[], options: Omit<LoadOptions, 'onFilesFound' | 'survey'> = {}): CorpusSource {
  return (onFilesFound) => loadArticles(paths, { ...options, onFilesFound });
}
