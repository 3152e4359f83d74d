import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BOT_PROCESS_ENV, runJsonChild, spreadOf, type Spread } from './harness.js';
import type { LoadFigures } from './load-child.js';
import type { StageFigures } from './stages-child.js';
import { REPO_ROOT } from './corpus.js';

/** Node with tsx as the bot runs, and --expose-gc so retained memory is measured after a full collection. */
export function tsxChild(script: string, args: readonly string[]): [string, string[]] {
  return [process.execPath, ['--expose-gc', '--import', 'tsx', join(REPO_ROOT, 'bench', script), ...args]];
}

export interface LoadSize {
  readonly scale: number;
  readonly dir: string;
  readonly fileBytes: number;
  readonly runs: readonly LoadFigures[];
  /** Loads with the stems and analyses an earlier load saved, as on a restart (absent when not measured). */
  readonly restart?: Spread;
  readonly articles: number;
  readonly total: Spread;
  readonly cpu: Spread;
  readonly read: Spread;
  readonly build: Spread;
  readonly peakRss: Spread;
  readonly articlesPerSecond: number;
  readonly retainedBytesPerArticle: number;
  readonly peakRssBytesPerArticle: number;
  /** Load time per added article from the previous size to this one: the cost of growth without one-off start costs. */
  readonly marginalMsPerArticle: number;
  /** Time per article and memory per article relative to the smallest size (1.0 = perfectly linear growth). */
  readonly timePerArticleVsBase: number;
  readonly retainedPerArticleVsBase: number;
}

export interface LoadPlan {
  readonly scale: number;
  readonly dir: string;
  readonly fileBytes: number;
  readonly runs: number;
  /** Answers measured (this many calls each) after the first load of this size. */
  readonly answerCalls: number;
  /** Further runs are skipped once the runs so far took this long (keeps `npm run bench` within its 10 minutes). */
  readonly budgetMs?: number;
  /** Extra runs with the stems and analyses an earlier run saved, as a restarted bot has them in DATA_DIR. */
  readonly restartRuns?: number;
  /** The built JavaScript to load (what `npm start` runs); the TypeScript sources through tsx without it. */
  readonly code?: string;
  /** Analysis worker threads (the bot's default without it). */
  readonly threads?: number;
}

function codeArgs(plan: LoadPlan): string[] {
  return [...(plan.code === undefined ? [] : ['--code', plan.code]), ...(plan.threads === undefined ? [] : ['--threads', String(plan.threads)])];
}

/** One fresh process per load, so each peak RSS belongs to its size alone. */
export async function measureLoads(plans: readonly LoadPlan[], log: (line: string) => void): Promise<LoadSize[]> {
  const sizes: LoadSize[] = [];
  for (const plan of plans) {
    const runs: LoadFigures[] = [];
    let spentMs = 0;
    for (let i = 0; i < plan.runs; i++) {
      if (i > 0 && plan.budgetMs !== undefined && spentMs > plan.budgetMs) {
        log(`  x${plan.scale}: ${plan.runs - i} more run(s) skipped, ${(spentMs / 1000).toFixed(0)} s spent (budget ${(plan.budgetMs / 1000).toFixed(0)} s)`);
        break;
      }
      const answers = i === 0 && plan.answerCalls > 0 ? ['--answers', String(plan.answerCalls)] : [];
      const [command, args] = tsxChild('load-child.ts', [plan.dir, ...codeArgs(plan), ...answers]);
      const { value, wallMs } = await runJsonChild<LoadFigures>(command, args, BOT_PROCESS_ENV, 900_000);
      spentMs += wallMs;
      log(
        `  x${plan.scale} run ${i + 1}/${plan.runs}: ${value.articles} articles in ${(value.totalMs / 1000).toFixed(2)} s ` +
          `(${value.threads} worker thread(s)), CPU ${(value.cpuMs / 1000).toFixed(2)} s, peak RSS ${(value.peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
      );
      runs.push(value);
    }
    let restart: Spread | undefined;
    if ((plan.restartRuns ?? 0) > 0) {
      const dataDir = await mkdtemp(join(tmpdir(), 'ringkas-bench-data-'));
      try {
        const times: number[] = [];
        for (let i = 0; i <= (plan.restartRuns ?? 0); i++) {
          const [command, args] = tsxChild('load-child.ts', [plan.dir, ...codeArgs(plan), '--data-dir', dataDir]);
          const { value } = await runJsonChild<LoadFigures>(command, args, BOT_PROCESS_ENV, 900_000);
          // the first run fills the data folder
          if (i === 0) continue;
          times.push(value.totalMs);
          log(`  x${plan.scale} restart with ${value.cachedAnalyses} cached analyses: ${(value.totalMs / 1000).toFixed(2)} s`);
        }
        restart = spreadOf(times);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    }
    const median = (pick: (f: LoadFigures) => number): number => spreadOf(runs.map(pick)).median;
    const base = sizes[0];
    const previous = sizes[sizes.length - 1];
    const timePerArticle = median((f) => f.totalMs) / (runs[0]?.articles ?? 1);
    const retained = median((f) => f.retainedBytesPerArticle);
    sizes.push({
      scale: plan.scale,
      dir: plan.dir,
      fileBytes: plan.fileBytes,
      runs,
      ...(restart === undefined ? {} : { restart }),
      articles: runs[0]?.articles ?? 0,
      total: spreadOf(runs.map((f) => f.totalMs)),
      cpu: spreadOf(runs.map((f) => f.cpuMs)),
      read: spreadOf(runs.map((f) => f.readMs)),
      build: spreadOf(runs.map((f) => f.buildMs)),
      peakRss: spreadOf(runs.map((f) => f.peakRssBytes)),
      articlesPerSecond: median((f) => f.articlesPerSecond),
      retainedBytesPerArticle: retained,
      peakRssBytesPerArticle: median((f) => f.peakRssBytesPerArticle),
      marginalMsPerArticle:
        previous === undefined ? timePerArticle : (median((f) => f.totalMs) - previous.total.median) / ((runs[0]?.articles ?? 0) - previous.articles),
      timePerArticleVsBase: base === undefined ? 1 : timePerArticle / (base.total.median / base.articles),
      retainedPerArticleVsBase: base === undefined ? 1 : retained / base.retainedBytesPerArticle,
    });
  }
  return sizes;
}

/** The load-time stages one by one (cold analysis, quotes per article, summary per article) in a fresh process. */
export async function measureStages(dir: string, warmRuns: number): Promise<StageFigures> {
  const [command, args] = tsxChild('stages-child.ts', [dir, String(warmRuns)]);
  return (await runJsonChild<StageFigures>(command, args)).value;
}
