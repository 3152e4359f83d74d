/**
 * Loads one corpus folder in a fresh process and prints its figures as one JSON line, so peak RSS belongs to that size alone.
 * Usage: node --expose-gc --import tsx bench/load-child.ts <dir> [--answers <calls>] [--stem-cache <file>]
 * With --stem-cache the stems an earlier run saved there are read first (as the bot does from DATA_DIR), timed with the load.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { CorpusSnapshot, loadCorpus } from '../src/corpus/index.js';
import { buildLibrary } from '../src/library.js';
import { exportStemCache, importStemCache } from '../src/text/index.js';
import type { AnswerFigures } from './answers.js';

export interface LoadFigures {
  readonly articles: number;
  readonly problems: number;
  /** Reading and parsing the files. */
  readonly readMs: number;
  /** Sorting into a snapshot. */
  readonly snapshotMs: number;
  /** Analysis, quotes and indexes (`buildLibrary`). */
  readonly buildMs: number;
  readonly totalMs: number;
  /** CPU time (user + system) of the load: what the load costs when other processes share the cores. */
  readonly cpuMs: number;
  readonly articlesPerSecond: number;
  /** Peak resident set size of the whole process, and before the load began. */
  readonly peakRssBytes: number;
  readonly baselineRssBytes: number;
  /** Heap and external memory still held after the load and a full GC, over the baseline, per article. */
  readonly retainedBytesPerArticle: number;
  readonly peakRssBytesPerArticle: number;
  readonly quotes: number;
  readonly speakers: number;
  /** Stems read from the stem cache before the load (0 without one). */
  readonly cachedStems: number;
  readonly answers?: AnswerFigures;
}

const gc = (globalThis as { gc?: () => void }).gc;

function retainedBytes(): number {
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

async function readStems(file: string): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (dir === undefined) throw new Error('usage: load-child.ts <dir> [--answers <calls>] [--stem-cache <file>]');
  const option = (name: string): string | undefined => {
    const at = process.argv.indexOf(name);
    return at > 0 ? process.argv[at + 1] : undefined;
  };
  const calls = Number(option('--answers') ?? 0);
  const stemCache = option('--stem-cache');

  const baselineRetained = retainedBytes();
  const baselineRssBytes = process.memoryUsage().rss;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const cachedStems = stemCache === undefined ? 0 : importStemCache(await readStems(stemCache));
  const loaded = await loadCorpus(dir);
  const read = performance.now();
  const snapshot = new CorpusSnapshot(loaded.articles, loaded.problems);
  const sorted = performance.now();
  const library = buildLibrary(snapshot);
  const built = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  const articles = library.articles.length;
  const retained = retainedBytes() - baselineRetained;
  if (stemCache !== undefined && cachedStems === 0) await writeFile(stemCache, JSON.stringify(exportStemCache()));

  const figures: LoadFigures = {
    articles,
    problems: loaded.problems.length,
    readMs: read - started,
    snapshotMs: sorted - read,
    buildMs: built - sorted,
    totalMs: built - started,
    cpuMs: (cpu.user + cpu.system) / 1000,
    articlesPerSecond: articles / ((built - started) / 1000),
    peakRssBytes,
    baselineRssBytes,
    retainedBytesPerArticle: articles > 0 ? retained / articles : Number.NaN,
    peakRssBytesPerArticle: articles > 0 ? (peakRssBytes - baselineRssBytes) / articles : Number.NaN,
    quotes: library.stats.quotes,
    speakers: library.stats.speakers,
    cachedStems,
    // imported only when asked for: the views pull in discord.js, which would inflate the baseline of a bare load
    ...(calls > 0 ? { answers: await (await import('./answers.js')).measureAnswers(library, calls) } : {}),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

await main();
