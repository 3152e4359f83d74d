/**
 * Loads one corpus folder in a fresh process the way the bot does (`openLibrary`: reading, analysis on worker threads,
 * indexes) and prints its figures as one JSON line, so peak RSS belongs to that size alone.
 * Usage: node --expose-gc --import tsx bench/load-child.ts <dir> [--code <built dir>] [--threads N] [--data-dir <dir>] [--answers <calls>]
 * --code loads the built JavaScript (what `npm start` runs) from that folder instead of the TypeScript sources.
 * --data-dir keeps stems and analyses there, as the bot does in DATA_DIR: a second load with it is a restart's load.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultAnalysisThreads } from '../src/analysis/threads.js';
import type { AnswerFigures } from './answers.js';

type LibraryOpen = typeof import('../src/library/index.js');

export interface LoadFigures {
  readonly articles: number;
  readonly problems: number;
  /** Reading and parsing the files. */
  readonly readMs: number;
  /** Analysis and quotes (or reading them from the cache), then indexes. */
  readonly buildMs: number;
  readonly analysisMs: number;
  readonly indexMs: number;
  readonly totalMs: number;
  /** CPU time (user + system, all threads) of the load: what the load costs when other processes share the cores. */
  readonly cpuMs: number;
  readonly articlesPerSecond: number;
  /** Peak resident set size of the whole process, and before the load began. */
  readonly peakRssBytes: number;
  readonly baselineRssBytes: number;
  /** Heap and external memory still held after the load and a full GC, over the baseline, per article. */
  readonly retainedBytesPerArticle: number;
  readonly peakRssBytesPerArticle: number;
  /** After the load, what the bot saves for its next start and a full GC: resident set and V8 heap in use (whole process). */
  readonly settledRssBytes: number;
  readonly heapUsedBytes: number;
  readonly quotes: number;
  readonly speakers: number;
  /** Worker threads that analysed beside the main thread. */
  readonly threads: number;
  /** Articles whose analysis came from the analysis cache (0 without --data-dir or on its first load). */
  readonly cachedAnalyses: number;
  /** Files taken from the restart snapshot in DATA_DIR instead of read (0 without --data-dir or on its first load). */
  readonly reusedFiles: number;
  /** Which code ran: the built JavaScript or the TypeScript sources through tsx. */
  readonly code: 'built' | 'source';
  readonly answers?: AnswerFigures;
}

const gc = (globalThis as { gc?: () => void }).gc;

function retainedBytes(): number {
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (dir === undefined) throw new Error('usage: load-child.ts <dir> [--code <built dir>] [--threads N] [--data-dir <dir>] [--answers <calls>]');
  const option = (name: string): string | undefined => {
    const at = process.argv.indexOf(name);
    return at > 0 ? process.argv[at + 1] : undefined;
  };
  const calls = Number(option('--answers') ?? 0);
  const built = option('--code');
  const dataDir = option('--data-dir');
  const threads = Number(option('--threads') ?? defaultAnalysisThreads());
  const { openLibrary } = (await import(
    built === undefined ? '../src/library/index.js' : pathToFileURL(join(built, 'src', 'library', 'index.js')).href
  )) as LibraryOpen;

  const baselineRetained = retainedBytes();
  const baselineRssBytes = process.memoryUsage().rss;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const holder = await openLibrary(dir, {
    analysisThreads: threads,
    ...(dataDir === undefined ? {} : { stemCacheFile: join(dataDir, 'stems.json'), analysisCacheDir: dataDir }),
    onWarning: (message) => process.stderr.write(`${message}\n`),
  });
  const totalMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  const library = holder.current();
  const build = holder.lastBuild();
  const articles = library.articles.length;
  // what the bot saves for its next start is written after it is ready, so outside the timing
  await holder.idle();
  const retained = retainedBytes() - baselineRetained;
  const settled = process.memoryUsage();

  const figures: LoadFigures = {
    articles,
    problems: library.problems.length,
    readMs: build.readMs,
    buildMs: build.analysisMs + build.indexMs,
    analysisMs: build.analysisMs,
    indexMs: build.indexMs,
    totalMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    articlesPerSecond: articles / (totalMs / 1000),
    peakRssBytes,
    baselineRssBytes,
    retainedBytesPerArticle: articles > 0 ? retained / articles : Number.NaN,
    peakRssBytesPerArticle: articles > 0 ? (peakRssBytes - baselineRssBytes) / articles : Number.NaN,
    settledRssBytes: settled.rss,
    heapUsedBytes: settled.heapUsed,
    quotes: library.stats.quotes,
    speakers: library.stats.speakers,
    threads: build.threads,
    cachedAnalyses: build.cached,
    reusedFiles: build.reusedFiles,
    code: built === undefined ? 'source' : 'built',
    // imported only when asked for: the views pull in discord.js, which would inflate the baseline of a bare load
    ...(calls > 0 ? { answers: await (await import('./answers.js')).measureAnswers(library, calls) } : {}),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  // analysis workers are gone by now; exit anyway so nothing left running can hold the figures back
  process.exit(0);
}

await main();
