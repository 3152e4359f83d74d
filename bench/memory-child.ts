/**
 * Opens a library over a corpus folder the way the bot does; with --remove, then removes those paths from the folder and
 * reloads (the corpus shrinks). Prints its memory as one JSON line: heap after a full GC, RSS before, at peak and at the end.
 * Usage: node --expose-gc --import tsx bench/memory-child.ts <dir> [--remove <path>,<path>] [--threads N] [--max-bytes B] [--data-dir <dir>]
 * --data-dir keeps stems and analyses there, as the bot does in DATA_DIR.
 * --idle-ms waits that long after the shrink without forcing a collection, as an idle bot would, and says when V8 let the
 * old library go by itself (no forced collection after the load either); a full collection is forced only after that.
 * --heap-snapshot <file> writes a V8 heap snapshot there at the end (after the full collection), to see what is held.
 * Run once with --remove and once on the folder that is left, the second is the fresh start the first is compared with.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { getHeapCodeStatistics, writeHeapSnapshot } from 'node:v8';
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
  /** With --idle-ms: the heap and RSS right after the shrinking reload, and what V8 gave back by itself while idle. */
  readonly idle?: IdleFigures;
}

export interface IdleFigures {
  readonly waitedMs: number;
  readonly heapAtSwapBytes: number;
  readonly rssAtSwapBytes: number;
  /** When the heap fell under a quarter of what it was at the swap, counted from the reload's return, or null if it did not within the wait. */
  readonly releasedAfterMs: number | null;
  readonly heapUsedBytes: number;
  readonly rssBytes: number;
}

/** Waits without touching the collector, polling the heap; stops a few seconds after it has fallen (V8 shrinks in steps). */
async function idleRelease(waitMs: number): Promise<IdleFigures> {
  const atSwap = process.memoryUsage();
  const started = performance.now();
  let releasedAfterMs: number | null = null;
  while (performance.now() - started < waitMs) {
    await sleep(500);
    const now = process.memoryUsage();
    if (releasedAfterMs === null && now.heapUsed < atSwap.heapUsed / 4) releasedAfterMs = performance.now() - started;
    if (releasedAfterMs !== null && performance.now() - started > releasedAfterMs + 3_000) break;
  }
  const end = process.memoryUsage();
  return {
    waitedMs: performance.now() - started,
    heapAtSwapBytes: atSwap.heapUsed,
    rssAtSwapBytes: atSwap.rss,
    releasedAfterMs,
    heapUsedBytes: end.heapUsed,
    rssBytes: end.rss,
  };
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Collects until the heap stops shrinking (weak maps and finalizers free more on a second and third pass); without --expose-gc, the memory as V8 left it. */
async function collect(): Promise<NodeJS.MemoryUsage> {
  if (gc === undefined) return process.memoryUsage();
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
  if (dir === undefined) throw new Error('usage: memory-child.ts <dir> [--remove <path>,<path>] [--threads N] [--max-bytes B] [--data-dir <dir>] [--idle-ms N] [--heap-snapshot <file>]');
  const option = (name: string): string | undefined => {
    const at = process.argv.indexOf(name);
    return at > 0 ? process.argv[at + 1] : undefined;
  };
  const remove = (option('--remove') ?? '').split(',').filter((path) => path !== '');
  const threads = Number(option('--threads') ?? 0);
  const maxBytes = option('--max-bytes');
  const dataDir = option('--data-dir');
  const idleMs = option('--idle-ms');
  const heapSnapshot = option('--heap-snapshot');

  const baseline = await collect();
  const library = await openLibrary(corpusFolder(dir, maxBytes === undefined ? {} : { maxBytes: Number(maxBytes) }), {
    analysisThreads: threads,
    ...(dataDir === undefined ? {} : { stemCacheFile: join(dataDir, 'stems.json'), analysisCacheDir: dataDir }),
  });
  await library.idle();
  const articlesLoaded = library.current().articles.length;
  const loaded = idleMs === undefined ? await collect() : process.memoryUsage();
  let reloadOk = true;
  let idle: IdleFigures | undefined;
  if (remove.length > 0) {
    for (const path of remove) await rm(path, { recursive: true, force: true });
    reloadOk = (await library.reload()).ok;
    await library.idle();
    if (idleMs !== undefined) idle = await idleRelease(Number(idleMs));
  }
  const end = await collect();
  if (heapSnapshot !== undefined) writeHeapSnapshot(heapSnapshot);
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
    ...(idle === undefined ? {} : { idle }),
  };
  await library.close();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

await main();
