/**
 * The scale section (issue 15, opt-in: `BENCH_ONLY=scale npm run bench`): cold loads of the varied corpora from the base to
 * about 250,000 articles in one fresh process each, memory per article and its growth, vocabulary growth, the bot's restart to
 * ready from what the cold load saved in DATA_DIR at every size, and every handler's p99 at the largest.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnswerFigures } from './answers.js';
import { ensureBenchCorpus, REPO_ROOT, SCALE_SECTION_SCALES } from './corpus.js';
import { BOT_PROCESS_ENV, floor, mib, ms, runJsonChild, spreadOf, table, type Spread, type SectionOptions } from './harness.js';
import { tsxChild } from './load.js';
import type { LoadFigures } from './load-child.js';
import { buildOnce, STARTUP_COMMAND, timeToReady } from './startup.js';

export interface ScaleRow {
  readonly scale: number;
  readonly articles: number;
  readonly wordTypes: number;
  readonly load: LoadFigures;
  readonly rssPerArticle: number;
  readonly heapPerArticle: number;
  /** Peak RSS per article over the base's (1.00 = memory grows linearly with the corpus). */
  readonly rssPerArticleVsBase: number;
  readonly heapPerArticleVsBase: number;
  /** The bot's restart to ready with DATA_DIR filled by the cold load (two runs at the largest size, one below). */
  readonly restartToReady: Spread;
}

export interface ScaleFigures {
  readonly rows: readonly ScaleRow[];
  readonly restart: { readonly articles: number; readonly command: string; readonly toReady: Spread } | null;
  readonly answers: AnswerFigures | null;
  readonly failures: readonly ScaleFailure[];
}

/** A size whose load process died (the table says why instead of losing the sizes that loaded). */
export interface ScaleFailure {
  readonly scale: number;
  readonly articles: number;
  readonly cause: string;
}

/** BENCH_SCALES=1,10 measures fewer sizes (a smoke run); the largest listed gets the restart and the answers. */
function scalesWanted(): number[] {
  const listed = process.env.BENCH_SCALES?.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  return listed !== undefined && listed.length > 0 ? listed.sort((a, b) => a - b) : [...SCALE_SECTION_SCALES];
}

const LOAD_TIMEOUT_MS = 1_800_000;
const READY_TIMEOUT_MS = 300_000;

export async function benchScale({ quick, log, results, floors }: SectionOptions): Promise<void> {
  const scales = scalesWanted();
  const corpus = await ensureBenchCorpus({ varied: true, scales, log });
  await buildOnce();
  const code = join(REPO_ROOT, 'dist');
  const largest = scales[scales.length - 1] as number;
  const rows: ScaleRow[] = [];
  let restart: ScaleFigures['restart'] = null;
  let answers: AnswerFigures | null = null;
  const failures: ScaleFailure[] = [];
  for (const scale of scales) {
    const dir = corpus.dirs.get(scale) as string;
    const dataDir = await mkdtemp(join(tmpdir(), 'ringkas-bench-data-'));
    try {
      const answerArgs = scale === largest ? ['--answers', String(quick ? 300 : 1000)] : [];
      // a cold load that fills DATA_DIR as the bot's first start does, so the restart below reads what the bot would
      const [command, args] = tsxChild('load-child.ts', [dir, '--code', code, '--data-dir', dataDir, ...answerArgs]);
      const loaded = await runJsonChild<LoadFigures>(command, args, BOT_PROCESS_ENV, LOAD_TIMEOUT_MS).catch((error: unknown) => error as Error);
      if (loaded instanceof Error) {
        // a size the process cannot hold (out of heap) is a result: the sizes below it are still reported
        const cause = /heap out of memory/.test(loaded.message) ? 'JavaScript heap out of memory' : (loaded.message.split('\n')[0] ?? '');
        failures.push({ scale, articles: corpus.baseArticles * scale, cause });
        log(`  x${scale}: ${corpus.baseArticles * scale} articles NOT LOADED: ${cause}`);
        break;
      }
      const { value } = loaded;
      const times: number[] = [];
      for (let i = 0; i < (quick || scale !== largest ? 1 : 2); i++) {
        const ready = await timeToReady(dir, dataDir, READY_TIMEOUT_MS);
        times.push(ready.ms);
        log(`  x${scale}: restart to ready with the saved data in ${(ready.ms / 1000).toFixed(1)} s`);
      }
      const restartToReady = spreadOf(times);
      const rssPerArticle = value.peakRssBytesPerArticle;
      const heapPerArticle = value.retainedBytesPerArticle;
      const base = rows[0];
      rows.push({
        scale, articles: value.articles, wordTypes: corpus.wordTypes.get(scale) ?? Number.NaN, load: value, rssPerArticle, heapPerArticle,
        rssPerArticleVsBase: base === undefined ? 1 : rssPerArticle / base.rssPerArticle,
        heapPerArticleVsBase: base === undefined ? 1 : heapPerArticle / base.heapPerArticle,
        restartToReady,
      });
      log(
        `  x${scale}: ${value.articles} articles cold in ${(value.totalMs / 1000).toFixed(1)} s, peak RSS ${mib(value.peakRssBytes)}, ` +
          `after GC RSS ${mib(value.settledRssBytes)} heap ${mib(value.heapUsedBytes)}`,
      );
      if (value.answers !== undefined) answers = value.answers;
      if (scale === largest) restart = { articles: value.articles, command: STARTUP_COMMAND, toReady: restartToReady };
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  const figures: ScaleFigures = { rows, restart, answers, failures };
  results.scale = {
    ...figures,
    rows: rows.map(({ load: { answers: _answers, ...load }, ...row }) => ({ ...row, load })),
  };
  printScale(figures, log);
  const top = rows[rows.length - 1];
  const issue = 'issue 15';
  for (const failed of failures) floors.push(floor(`peak RSS at ${failed.articles} articles (varied corpus)`, Number.NaN, 'max', 3, 'GiB', `${issue}: ${failed.cause}`));
  if (top === undefined || failures.length > 0) return;
  floors.push(floor(`peak RSS at ${top.articles} articles (varied corpus)`, top.load.peakRssBytes / 2 ** 30, 'max', 3, 'GiB', issue));
  if (restart !== null) floors.push(floor(`restart to ready with ${restart.articles} articles' saved analyses`, restart.toReady.median / 1000, 'max', 15, 's', issue));
  if (answers !== null) {
    const handlers: Array<[string, number]> = [
      ['/summary', answers.summary.p99],
      ['/quotes', answers.speakers.quotes.p99],
      ['/search', answers.search.p99],
      ['title autocomplete', answers.titleAutocomplete.p99],
      ['speaker autocomplete', answers.speakers.autocomplete.p99],
    ];
    for (const [name, p99] of handlers) floors.push(floor(`${name} p99 at ${answers.articles} articles (varied corpus)`, p99, 'max', 20, 'ms', issue));
  }
}

const kib = (bytes: number): string => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)}` : 'n/a');
const count = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');

export function printScale({ rows, restart, answers, failures }: ScaleFigures, log: (line: string) => void): void {
  log(
    table(
      ['corpus', 'articles', 'word types', 'cold load', 'restart to ready', 'peak RSS', 'RSS after GC', 'heap after GC', 'KiB RSS/article', 'KiB heap/article', 'RSS/article vs x1', 'heap/article vs x1'],
      rows.map((r) => [
        `x${r.scale}`, count(r.articles), count(r.wordTypes), ms(r.load.totalMs), ms(r.restartToReady.median), mib(r.load.peakRssBytes), mib(r.load.settledRssBytes), mib(r.load.heapUsedBytes),
        kib(r.rssPerArticle), kib(r.heapPerArticle), `${r.rssPerArticleVsBase.toFixed(2)}×`, `${r.heapPerArticleVsBase.toFixed(2)}×`,
      ]).concat(failures.map((f) => [`x${f.scale}`, count(f.articles), 'n/a', `not loaded: ${f.cause}`])),
    ),
  );
  log('Varied corpora (bench/vocabulary.ts): copies rename a share of their words, so word types (distinct lower-case words of the files) grow with the corpus.');
  log('KiB RSS/article: (peak RSS − RSS before the load) / articles; heap/article: heap + external still held after the load, the save for the next start and a full GC.');
  log(`Restart to ready: ${STARTUP_COMMAND} in local mode to its ready line, DATA_DIR as the cold load above left it (analyses, stems, restart snapshot).`);
  if (restart !== null) log(`Restart to ready (${restart.command}, local mode, DATA_DIR with the saved analyses) at ${count(restart.articles)} articles: ${ms(restart.toReady.median)} [${ms(restart.toReady.min)}–${ms(restart.toReady.max)}] n=${restart.toReady.runs}`);
  if (answers === null) return;
  const line = (name: string, l: { p50: number; p99: number; calls: number }): string[] => [name, count(l.calls), ms(l.p50), ms(l.p99)];
  log(`\nHandlers at ${count(answers.articles)} articles (library call + view code, no Discord I/O):`);
  log(
    table(['handler', 'calls', 'p50', 'p99'], [
      line('/summary (first request)', answers.summary),
      line('/quotes', answers.speakers.quotes),
      line('/search', answers.search),
      line('title autocomplete', answers.titleAutocomplete),
      line('speaker autocomplete', answers.speakers.autocomplete),
    ]),
  );
}
