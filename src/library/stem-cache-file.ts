import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exportStemCache, importStemCache } from '../text/index.js';

const STEM_CACHE_FORMAT = 1;

/** Seeds the stem cache from a file written by `saveStemCache`; a missing or corrupt file just means a cold start. */
export function loadStemCache(file: string): number {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; stems?: unknown };
    if (saved.format !== STEM_CACHE_FORMAT || typeof saved.stems !== 'object' || saved.stems === null) return 0;
    return importStemCache(saved.stems as Record<string, unknown>);
  } catch {
    return 0;
  }
}

/** Writes the stem cache beside the data, atomically (temporary file, then rename); failures only cost the next start its warm cache. */
export async function saveStemCache(file: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(temporary, JSON.stringify({ format: STEM_CACHE_FORMAT, stems: exportStemCache() }));
    await rename(temporary, file);
  } catch {
    // A read-only or full disk must not stop the bot from answering.
  }
}
