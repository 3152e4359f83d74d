import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CorpusSnapshot } from '../corpus/index.js';
import { messageOf } from '../error-message.js';
import { AnalysisStore } from './analysis-store.js';
import { collectAside } from './collect-soon.js';
import { LibraryBuilder, type BuildCounts } from './builder.js';
import { indexesToSave } from './library.js';
import { NextStartSaver, type IndexWriter, type RestartWriter } from './next-start.js';
import { indexesFingerprint, RESTART_INDEXES_FILE, writeRestartIndexes, type SavedIndexes } from './restart-indexes.js';
import { CorpusReloader } from './reloader.js';
import { readRestartSnapshot, RESTART_SNAPSHOT_FILE, snapshotFingerprint, writeRestartSnapshot, type RestartState, type SnapshotKey } from './restart-snapshot.js';
import { checkSectionsAside, readIndexesAside, readSectionAside, surveyAside } from './restart-aside.js';
import { corpusFolder, type CorpusSource } from './source.js';
import { StemCacheFile } from './stem-cache-file.js';
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
  /** Reading and parsing the files (and the restart snapshot, when there is one). */
  readonly readMs: number;
  /** Files of the last read taken from the restart snapshot instead of read (unchanged since it was written). */
  readonly reusedFiles: number;
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
  const restart = restartSnapshotOf(source, options.analysisCacheDir);
  // the saved indexes are read, and the folder's files stamped, on worker threads while this one decodes the snapshot
  const restarting = restart !== undefined && existsSync(restart.file);
  const savedIndexes = restarting && existsSync(restart.indexFile) ? readIndexes(restart, warn) : undefined;
  let survey = restarting && source.folder !== undefined ? surveyAside(source.folder.dir, warn) : undefined;
  const stems = new StemCacheFile(options.stemCacheFile);
  const store = await AnalysisStore.open(options.analysisCacheDir, warn);
  const earlier = restart === undefined ? undefined : await readRestart(restart, warn);
  const indexes = earlier === undefined ? undefined : await savedIndexes;
  // the stamps of a read that took every file from the snapshot: it would be written again as it is
  let unchangedStamps: CorpusSnapshot['stamps'];
  const writeRestart: RestartWriter | undefined =
    restart === undefined
      ? undefined
      : async (snapshot, analyses, stopped) => {
          if (snapshot.stamps === unchangedStamps) return;
          await collectAside();
          await restart.write(snapshot, analyses, stopped);
        };
  const writeIndexes: IndexWriter | undefined =
    restart === undefined
      ? undefined
      : async (library, stopped) => {
          const indexes = indexesToSave(library);
          if (indexes === undefined) return;
          // at 249k, the build's garbage and the file's sections together took the first start past 3 GiB
          await collectAside();
          await writeRestartIndexes(restart.indexFile, restart.indexFingerprint, indexes, stopped);
        };
  const saver = new NextStartSaver(store, stems, warn, writeRestart, writeIndexes);
  const builder = new LibraryBuilder({
    threads: Math.max(0, Math.trunc(options.analysisThreads ?? 0)),
    ...(options.minArticlesForWorkers === undefined ? {} : { minArticlesForWorkers: options.minArticlesForWorkers }),
    store,
    saver,
    stems,
    warn,
  });
  // saved indexes number terms as the snapshot's dictionary does: without the snapshot they cannot be valid
  if (earlier !== undefined) builder.seed(earlier.state.analyses, earlier.state.files, () => indexes);
  let readMs = earlier?.ms ?? 0;
  let reusedFiles = 0;
  let unread = earlier?.state.readings;
  const read = async (): ReturnType<CorpusSource> => {
    const started = performance.now();
    const readings = unread;
    const surveyed = survey;
    // only the first read: later ones reuse nothing from the start, and the readings are let go
    unread = undefined;
    survey = undefined;
    const result = await source((count) => builder.filesFound(count), readings, surveyed);
    readMs = performance.now() - started + (readings === undefined ? 0 : readMs);
    reusedFiles = result.reusedFiles ?? 0;
    unchangedStamps = readings !== undefined && result.stamps?.length === reusedFiles ? result.stamps : undefined;
    return result;
  };
  const reloader = await CorpusReloader.open(read, (snapshot): Promise<Library> => builder.build(snapshot), source.files);
  // the articles of the snapshot read their text from it when asked: text found damaged then is read again from the folder
  earlier?.state.whenTextDamaged((reason) => {
    warn(`restart snapshot ${restart?.file ?? ''}: ${reason}; reading the corpus folder again`);
    reloader.reload().catch((error: unknown) => warn(`reading the corpus folder again failed: ${messageOf(error)}`));
  });
  return {
    current: () => reloader.current(),
    snapshot: () => reloader.snapshot(),
    reload: () => reloader.reload(),
    takeIn: (files) => reloader.takeIn(files),
    onSwap: (listener) => reloader.onSwap(listener),
    lastBuild: () => ({ readMs, reusedFiles, ...builder.lastBuild() }),
    idle: () => saver.idle(),
    close: () => saver.close(),
  };
}

/** Where the restart snapshot of a corpus folder is kept, and how it is written: none without DATA_DIR or for other sources. */
interface RestartFiles {
  readonly file: string;
  readonly key: SnapshotKey;
  readonly write: RestartWriter;
  readonly indexFile: string;
  readonly indexFingerprint: string;
}

function restartSnapshotOf(source: CorpusSource, dataDir: string | undefined): RestartFiles | undefined {
  if (dataDir === undefined || source.folder === undefined) return undefined;
  const file = join(dataDir, RESTART_SNAPSHOT_FILE);
  const key: SnapshotKey = { fingerprint: snapshotFingerprint(), dir: source.folder.dir, maxBytes: source.folder.maxBytes };
  return {
    file,
    key,
    write: (snapshot, analyses, stopped) => writeRestartSnapshot(file, key, snapshot, analyses, stopped),
    indexFile: join(dataDir, RESTART_INDEXES_FILE),
    // the folder is in the snapshot's key; indexes are only read beside a snapshot of this folder
    indexFingerprint: indexesFingerprint(key.fingerprint),
  };
}

/** The search indexes saved beside the restart snapshot, or undefined with a warning naming why they cannot be used: they are then built. */
async function readIndexes(restart: RestartFiles, warn: (message: string) => void): Promise<SavedIndexes | undefined> {
  try {
    return await readIndexesAside(restart.indexFile, restart.indexFingerprint, warn);
  } catch (error) {
    warn(`saved search indexes ${restart.indexFile} not used (${messageOf(error)}); building them`);
    return undefined;
  }
}

/**
 * The restart snapshot (its checksums checked on a worker thread while this one decodes it), or undefined with a warning
 * naming why it cannot be used: the folder is then read as on a first start.
 */
async function readRestart(restart: { file: string; key: SnapshotKey }, warn: (message: string) => void): Promise<{ state: RestartState; ms: number } | undefined> {
  const started = performance.now();
  let checked: Promise<string | null> = Promise.resolve(null);
  let state: RestartState | undefined;
  let failure: unknown;
  try {
    state = await readRestartSnapshot(restart.file, restart.key, {
      checkAside: (sections) => (checked = checkSectionsAside(restart.file, sections, warn)),
      readAside: (place) => readSectionAside(restart.file, place, warn),
    });
  } catch (error) {
    failure = error;
  }
  // damage the checksums find is the cause of whatever decoding it made fail
  const damage = await checked;
  if (damage !== null || failure !== undefined) {
    warn(`restart snapshot ${restart.file} not used (${damage ?? messageOf(failure)}); reading the corpus folder`);
    return undefined;
  }
  return state === undefined ? undefined : { state, ms: performance.now() - started };
}
