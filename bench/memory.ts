/**
 * Section "memory after the corpus shrinks" of `npm run bench` (issue 16.9): a library opened over a 250,000-article JSON
 * file, a 20,000-file folder and 5 more articles, then the file and folder removed and the corpus reloaded; RSS before, at
 * peak, after the shrink, and of a fresh process on the 5 articles, as ratios. One process per run, with --expose-gc.
 * Also: `node --import tsx bench/memory.ts [jsonArticles files]` runs this section alone.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultAnalysisThreads } from '../src/analysis/threads.js';
import { floor, mib, runJsonChild, table, type SectionOptions } from './harness.js';
import { tsxChild } from './load.js';
import type { MemoryFigures } from './memory-child.js';
import { writeShrinkCorpus, type ShrinkCorpusPlan } from './memory-corpus.js';

export interface ShrinkFigures {
  readonly plan: ShrinkCorpusPlan;
  readonly threads: number;
  readonly jsonBytes: number;
  readonly shrunk: MemoryFigures;
  readonly fresh: MemoryFigures;
  readonly shrunkWallMs: number;
  readonly ratios: {
    /** RSS after the shrink over a fresh process's RSS with the same 5 articles: 1.0 is all given back. */
    readonly rssAfterVsFresh: number;
    readonly rssPeakVsFresh: number;
    readonly rssAfterVsBaseline: number;
    readonly heapAfterVsFresh: number;
    /** The heap without compiled code and bytecode (which grow with the code that ran, not the corpus). */
    readonly dataHeapAfterVsFresh: number;
  };
}

/** Writes the corpus, loads and shrinks it in one process, loads what is left in another; removes the corpus after. */
export async function measureShrink(plan: ShrinkCorpusPlan, threads: number, log: (line: string) => void): Promise<ShrinkFigures> {
  const root = await mkdtemp(join(tmpdir(), 'ringkas-bench-memory-'));
  try {
    const started = performance.now();
    const corpus = await writeShrinkCorpus(join(root, 'corpus'), plan);
    log(`  wrote ${plan.jsonArticles} articles in one JSON file (${mib(corpus.jsonBytes)}), ${plan.files} files and ${plan.kept} kept in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const common = ['--max-bytes', String(corpus.jsonBytes * 2), '--threads', String(threads)];
    // Idle a while after the swap without forcing a collection, as the bot would, before the forced one.
    const [command, shrinkArgs] = tsxChild('memory-child.ts', [corpus.dir, '--remove', corpus.remove.join(','), '--data-dir', join(root, 'data-shrunk'), '--idle-ms', '20000', ...common]);
    const shrunk = await runJsonChild<MemoryFigures>(command, shrinkArgs, process.env, 1_500_000);
    log(`  load of ${shrunk.value.articlesLoaded} then reload with ${shrunk.value.articlesAfter}: ${(shrunk.wallMs / 1000).toFixed(1)} s`);
    const [, freshArgs] = tsxChild('memory-child.ts', [corpus.dir, '--data-dir', join(root, 'data-fresh'), ...common]);
    const fresh = await runJsonChild<MemoryFigures>(command, freshArgs, process.env, 300_000);
    const after = shrunk.value;
    const data = (figures: MemoryFigures): number => figures.heapUsedBytes - figures.codeBytes;
    return {
      plan,
      threads,
      jsonBytes: corpus.jsonBytes,
      shrunk: after,
      fresh: fresh.value,
      shrunkWallMs: shrunk.wallMs,
      ratios: {
        rssAfterVsFresh: after.rssBytes / fresh.value.rssBytes,
        rssPeakVsFresh: after.rssPeakBytes / fresh.value.rssBytes,
        rssAfterVsBaseline: after.rssBytes / after.rssBaselineBytes,
        heapAfterVsFresh: after.heapUsedBytes / fresh.value.heapUsedBytes,
        dataHeapAfterVsFresh: data(after) / data(fresh.value),
      },
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export function printShrink(figures: ShrinkFigures, log: (line: string) => void): void {
  const { shrunk, fresh, ratios } = figures;
  const x = (ratio: number): string => `${ratio.toFixed(2)}×`;
  log(
    table(
      ['', 'RSS', 'heap after GC', 'of it code', 'vs fresh (RSS)'],
      [
        ['before the load', mib(shrunk.rssBaselineBytes), '', '', x(shrunk.rssBaselineBytes / fresh.rssBytes)],
        [`peak (${shrunk.articlesLoaded} articles)`, mib(shrunk.rssPeakBytes), '', '', x(ratios.rssPeakVsFresh)],
        [`loaded (${shrunk.articlesLoaded} articles)`, mib(shrunk.rssLoadedBytes), mib(shrunk.heapUsedLoadedBytes), '', x(shrunk.rssLoadedBytes / fresh.rssBytes)],
        [`after the shrink (${shrunk.articlesAfter} articles)`, mib(shrunk.rssBytes), mib(shrunk.heapUsedBytes), mib(shrunk.codeBytes), x(ratios.rssAfterVsFresh)],
        [`fresh start (${fresh.articlesAfter} articles)`, mib(fresh.rssBytes), mib(fresh.heapUsedBytes), mib(fresh.codeBytes), x(1)],
      ],
    ),
  );
  const idle = shrunk.idle;
  if (idle !== undefined) {
    const when = idle.releasedAfterMs === null ? `not let go within ${(idle.waitedMs / 1000).toFixed(0)} s` : `let go ${(idle.releasedAfterMs / 1000).toFixed(1)} s after the reload returned`;
    log(`  without a forced collection: heap ${mib(idle.heapAtSwapBytes)} at the swap, ${when}: heap ${mib(idle.heapUsedBytes)}, RSS ${mib(idle.rssBytes)} (${x(idle.rssBytes / fresh.rssBytes)} fresh)`);
  }
  log(`  heap after the shrink ${x(ratios.heapAfterVsFresh)} a fresh start's (${x(ratios.dataHeapAfterVsFresh)} without compiled code); RSS after the shrink ${x(ratios.rssAfterVsBaseline)} the RSS before the load`);
}

/** The plan of issue 16.9 (the quick run: a tenth of it). */
export function shrinkPlan(quick: boolean): ShrinkCorpusPlan {
  return quick ? { jsonArticles: 25_000, files: 2_000, kept: 5, paragraphs: 2 } : { jsonArticles: 250_000, files: 20_000, kept: 5, paragraphs: 2 };
}

export async function benchMemory({ quick, log, results, floors }: SectionOptions): Promise<void> {
  const figures = await measureShrink(shrinkPlan(quick), defaultAnalysisThreads(), log);
  results.memoryAfterShrink = figures;
  printShrink(figures, log);
  const size = `${figures.shrunk.articlesLoaded} → ${figures.shrunk.articlesAfter} articles`;
  floors.push(floor(`heap after the corpus shrank (${size}) vs a fresh start, without compiled code`, figures.ratios.dataHeapAfterVsFresh, 'max', 1.2, '×', 'issue 16.9: within 20%'));
  floors.push(floor(`RSS after the corpus shrank (${size}) vs a fresh start`, figures.ratios.rssAfterVsFresh, 'max', 3, '×', 'issue 16.9 gives no figure; 1.19 GB against 120 MB (about 10×) before'));
  const released = figures.shrunk.idle?.releasedAfterMs ?? Number.POSITIVE_INFINITY;
  floors.push(floor(`old library let go after the swap, no forced collection (${size})`, released / 1000, 'max', 10, 's', 'issue 16.9: V8 alone held it a minute or more'));
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [json, files] = process.argv.slice(2).map(Number);
  const plan = json === undefined || files === undefined ? shrinkPlan(false) : { jsonArticles: json, files, kept: 5, paragraphs: 2 };
  const figures = await measureShrink(plan, defaultAnalysisThreads(), (line) => console.log(line));
  printShrink(figures, (line) => console.log(line));
  console.log(JSON.stringify(figures.ratios));
}
