import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exportStemCache, importStemCache, stemCacheSize } from '../text/index.js';

const STEM_CACHE_FORMAT = 1;

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

/**
 * The stem cache file of DATA_DIR, read only when something is to be analysed: a restart that takes every analysis from
 * the restart snapshot needs no stems, and reading a few hundred thousand of them costs it a second.
 */
export class StemCacheFile {
  readonly #file: string | undefined;
  /** Stems the file held when read; undefined until then. */
  #held: number | undefined;

  constructor(file: string | undefined) {
    this.#file = file;
  }

  /** Seeds the stem cache from the file, once. */
  load(): void {
    if (this.#file !== undefined) this.#held ??= loadStemCache(this.#file);
  }

  /** Writes the cache when it holds more stems than the file did; never before the file was read, whose stems it would lose. */
  async saveIfGrown(): Promise<void> {
    if (this.#file === undefined || this.#held === undefined) return;
    const stems = stemCacheSize();
    if (stems <= this.#held) return;
    this.#held = stems;
    await saveStemCache(this.#file);
  }
}
