/**
 * Opens a library over a corpus folder the way the bot does; with --remove, then removes those paths from the folder and
 * reloads (the corpus shrinks). Prints its memory as one JSON line: heap after a full GC, RSS before, at peak and at the end.
 * Usage: node --expose-gc --import tsx bench/memory-child.ts <dir> [--remove <path>,<path>] [--threads N] [--max-bytes B] [--data-dir <dir>]
 * --data-dir keeps stems and analyses there, as the bot does in DATA_DIR.
 * Run once with --remove and once on the folder that is left, the second is the fresh start the first is compared with.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { getHeapCodeStatistics } from 'node:v8';
import { corpusFolder, openLibrary } from '../src/library/index.js';

export interface MemoryFigures {
  /** Articles after the open, and after the reload (the same when nothing was removed). */
  readonly articlesLoaded: number;
  readonly articlesAfter: number;
  readonly reloadOk: boolean;
  /** Heap in use after a full GC, once the library is open (and reloaded when --remove was given). */
  readonly heapUsedBytes: number;
  /**
   * Of that heap, compiled code and bytecode (V8's own count): it grows with the functions that have run and how hot they
   * got, not with the corpus, so a process that analysed many articles holds more of it than a fresh one.
   */
  readonly codeBytes: number;
  /** The same after opening: the heap of the whole corpus. */
  readonly heapUsedLoadedBytes: number;
  readonly externalBytes: number;
  readonly arrayBuffersBytes: number;
  /** Resident set size before the library opened, at its peak, after the open (and GC), and at the end (after GC). */
  readonly rssBaselineBytes: number;
  readonly rssPeakBytes: number;
  readonly rssLoadedBytes: number;
  readonly rssBytes: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Collects until the heap stops shrinking: weak maps and finalizers free more on a second and third pass. */
async function collect(): Promise<NodeJS.MemoryUsage> {
  if (gc === undefined) throw new Error('run with node --expose-gc');
  let previous = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 6; pass++) {
    gc();
    await sleep(20);
    const heap = process.memoryUsage().heapUsed;
    if (heap >= previous * 0.995) break;
    previous = heap;
  }
  return process.memoryUsage();
}

function codeBytes(): number {
  const code = getHeapCodeStatistics();
  return code.code_and_metadata_size + code.bytecode_and_metadata_size;
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (dir === undefined) throw new Error('usage: memory-child.ts <dir> [--remove <path>,<path>] [--threads N] [--max-bytes B]');
  const option = (name: string): string | undefined => {
    const at = process.argv.indexOf(name);
    return at > 0 ? process.argv[at + 1] : undefined;
  };
  const remove = (option('--remove') ?? '').split(',').filter((path) => path !== '');
  const threads = Number(option('--threads') ?? 0);
  const maxBytes = option('--max-bytes');
  const dataDir = option('--data-dir');

  const baseline = await collect();
  const library = await openLibrary(corpusFolder(dir, maxBytes === undefined ? {} : { maxBytes: Number(maxBytes) }), {
    analysisThreads: threads,
    ...(dataDir === undefined ? {} : { stemCacheFile: join(dataDir, 'stems.json'), analysisCacheDir: dataDir }),
  });
  await library.idle();
  const articlesLoaded = library.current().articles.length;
  const loaded = await collect();
  let reloadOk = true;
  if (remove.length > 0) {
    for (const path of remove) await rm(path, { recursive: true, force: true });
    reloadOk = (await library.reload()).ok;
    await library.idle();
  }
  const end = await collect();
  const figures: MemoryFigures = {
    articlesLoaded,
    articlesAfter: library.current().articles.length,
    reloadOk,
    heapUsedBytes: end.heapUsed,
    codeBytes: codeBytes(),
    heapUsedLoadedBytes: loaded.heapUsed,
    externalBytes: end.external,
    arrayBuffersBytes: end.arrayBuffers,
    rssBaselineBytes: baseline.rss,
    rssPeakBytes: process.resourceUsage().maxRSS * 1024,
    rssLoadedBytes: loaded.rss,
    rssBytes: end.rss,
  };
  await library.close();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

await main();
