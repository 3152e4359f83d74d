/**
 * `npm run bench`: every benchmark, a readable table on stdout, the same figures in bench/results.json.
 * BENCH_QUICK=1 runs a small smoke version (no ×30 corpus, fewer runs).
 * BENCH_ONLY=load,startup runs only the sections named (load, stages, startup, e2e, alternatives, extraction, feeds, hog,
 * memory, scale);
 * the scale section (issue 15: up to about 250,000 articles, several minutes) runs only when named.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { sideBySideArticles, summarizerSideBySide, termWeightSideBySide } from './alternatives.js';
import { ensureBenchCorpus, INDOSUM_DEV_FOLDS, REPO_ROOT } from './corpus.js';
import { measureEndToEnd } from './e2e.js';
import { floor, ms, type Floor } from './harness.js';
import { measureLoads, measureStages } from './load.js';
import { endToEndPlan } from './e2e-plan.js';
import { printAlternatives, printAnswers, printEndToEnd, printFloors, printLoads, printStages, printStartup } from './report.js';
import { buildOnce, measureStartup } from './startup.js';

const quick = process.env.BENCH_QUICK === '1';
const started = performance.now();
const log = (line: string): void => console.log(line);
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  quick,
  machine: {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryBytes: totalmem(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  },
};
const floors: Floor[] = [];
const skipped: Record<string, string> = {};

/** Runs one benchmark; a piece that is missing or fails is reported as not measured, and the others still run. */
const loadAverages: Record<string, number[]> = {};

const only = new Set((process.env.BENCH_ONLY ?? '').split(',').map((key) => key.trim()).filter((key) => key !== ''));
/** Sections that take long run only when BENCH_ONLY names them. */
const OPT_IN = new Set(['scale']);
const wanted = (key: string): boolean => (only.size === 0 ? !OPT_IN.has(key) : only.has(key));

async function section(key: string, name: string, run: () => Promise<void>): Promise<void> {
  if (!wanted(key)) return;
  const at = performance.now();
  log(`\n== ${name}  (load average ${loadavg()[0]?.toFixed(2)} on ${cpus().length} cores)`);
  loadAverages[name] = [loadavg()[0] ?? Number.NaN];
  try {
    await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const first = message.split('\n')[0] ?? message;
    const reason = first.length > 300 ? `${first.slice(0, 300)}…` : first;
    skipped[name] = reason;
    log(`NOT MEASURED: ${reason}${message.includes('\n') ? `\n  ${message.split('\n').slice(1, 8).join('\n  ')}` : ''}`);
  }
  loadAverages[name]?.push(loadavg()[0] ?? Number.NaN);
  log(`(${((performance.now() - at) / 1000).toFixed(1)} s; load average now ${loadavg()[0]?.toFixed(2)})`);
}

log(`Ringkas benchmarks${quick ? ' (quick)' : ''} — ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}`);
const onBaseCorpus = ['load', 'stages', 'startup', 'e2e', 'hog'].some(wanted);
const corpus = onBaseCorpus
  ? await ensureBenchCorpus({ scales: quick ? [1, 10] : [1, 10, 30], log })
  : { dirs: new Map<number, string>(), baseArticles: 0, bytes: new Map<number, number>(), wordTypes: new Map<number, number>() };
const dirOf = (scale: number): string => corpus.dirs.get(scale) ?? '';
if (onBaseCorpus) log(`corpus: ${corpus.baseArticles} IndoSum dev articles as scraped-text files, scaled ×${[...corpus.dirs.keys()].join(', ×')} (${[...corpus.dirs.values()][0] ?? ''}…)`);
const answerCalls = quick ? 300 : 1000;

await section('load', '1. Corpus load (parse + analyze + quotes + indexes) as the bot loads, one fresh process per load', async () => {
  await buildOnce();
  const code = join(REPO_ROOT, 'dist');
  const sizes = await measureLoads(
    [
      { scale: 1, dir: dirOf(1), fileBytes: corpus.bytes.get(1) ?? 0, runs: quick ? 1 : 3, answerCalls, restartRuns: quick ? 1 : 2, code },
      { scale: 10, dir: dirOf(10), fileBytes: corpus.bytes.get(10) ?? 0, runs: quick ? 1 : 2, answerCalls: 0, code },
      ...(quick ? [] : [{ scale: 30, dir: dirOf(30), fileBytes: corpus.bytes.get(30) ?? 0, runs: 2, answerCalls, budgetMs: 150_000, code }]),
    ],
    log,
  );
  results.load = sizes.map(({ runs, ...rest }) => ({ ...rest, runs: runs.map(({ answers, ...figures }) => figures) }));
  printLoads(sizes, log);
  const base = sizes.find((s) => s.scale === 1);
  const largest = sizes.find((s) => s.scale === 30);
  if (base) {
    const cached = base.restart === undefined ? '' : `; ${(base.restart.median / 1000).toFixed(2)} s on a restart (stems and analyses saved)`;
    floors.push(floor(`load of ${base.articles} articles (cold: no saved stems or analyses)`, base.total.median / 1000, 'max', 2, 's', `issue 7: about 2,000 articles under 2 s${cached}`));
  }
  if (largest) {
    floors.push(floor(`load of ${largest.articles} articles`, largest.total.median / 1000, 'max', 60, 's', 'issue 7: 60,000 under 60 s'));
    floors.push(floor(`peak RSS at ${largest.articles} articles`, largest.peakRss.median / 2 ** 30, 'max', 2, 'GiB', 'issue 7: 60,000 under 2 GB'));
  }
  const answers = sizes.flatMap((s) => {
    const figures = s.runs[0]?.answers;
    return figures === undefined ? [] : [figures];
  });
  results.answers = answers;
  printAnswers(answers, log);
  const big = answers.find((a) => a.articles >= 60_000);
  if (big) {
    const cpuNote = (key: string, from: string): string => `${from}; CPU p99 ${ms(big.cpu[key]?.p99 ?? Number.NaN)}`;
    const handlers: Array<[string, number, string, number, string]> = [
      ['/summary', big.summary.p99, 'summary', 20, 'issue 7'],
      ['/quotes', big.speakers.quotes.p99, 'quotes', 20, 'issue 7'],
      ['/search', big.search.p99, 'search', 20, 'issue 7'],
      ['title autocomplete', big.titleAutocomplete.p99, 'titleAutocomplete', 5, 'issue 7'],
      ['speaker autocomplete', big.speakers.autocomplete.p99, 'speakerAutocomplete', 5, 'issue 7'],
    ];
    for (const [name, p99, key, limit, from] of handlers) floors.push(floor(`${name} p99 at ${big.articles} articles`, p99, 'max', limit, 'ms', cpuNote(key, from)));
    floors.push(
      floor(`speaker lookup p99 over ${big.speakers.lookupIndex.articles} articles' quotes`, big.speakers.lookupIndex.latency.p99, 'max', 1, 'ms', cpuNote('speakerLookup', 'issue 4: under 1 ms over 100,000 articles')),
    );
  }
});

await section('stages', '2. Load stages on the base corpus (cold process)', async () => {
  const stages = await measureStages(dirOf(1), quick ? 1 : 3);
  results.stages = stages;
  printStages(stages, log);
  floors.push(floor(`analysis of ${stages.articles} articles (cold)`, stages.analyzeColdMs / 1000, 'max', 3, 's', 'issue 3'));
  floors.push(floor('summary of a typical article (p50)', stages.summaryPerArticle.p50, 'max', 2, 'ms', 'issue 3'));
  floors.push(floor('quote extraction per article (cold mean)', stages.quotesColdMs / stages.articles, 'max', 1, 'ms', 'issue 4'));
});

await section('startup', '3. Start-up to ready, local mode (node dist/src/main.js, no token)', async () => {
  const runs = quick ? 1 : 3;
  const seed = await measureStartup('seed', join(REPO_ROOT, 'seeds'), null, runs);
  const base = await measureStartup(`x1 (${corpus.baseArticles})`, dirOf(1), corpus.baseArticles, runs);
  results.startup = [seed, base];
  printStartup([seed, base], log);
  floors.push(
    floor(`start-up to ready with ${corpus.baseArticles} articles (restart)`, base.toReady.median / 1000, 'max', 2, 's', `issue 7: under 2 s with 2,000 articles; first start ${(base.firstStartMs / 1000).toFixed(2)} s`),
  );
});

await section('e2e', '4. End to end: bursts through discord.js and the Discord-compatible server', async () => {
  const interactions = quick ? 200 : 1000;
  const plan = await endToEndPlan(dirOf(1), interactions, [300, null]);
  const figures = await measureEndToEnd(plan);
  results.endToEnd = figures;
  printEndToEnd(figures, log);
  const paced = figures.bursts.find((b) => b.offeredPerSecond !== null);
  const atOnce = figures.bursts.find((b) => b.offeredPerSecond === null);
  if (atOnce) {
    floors.push(floor(`end-to-end answers per second (${atOnce.interactions} at once)`, atOnce.perSecond, 'min', 300, '/s', 'issue 7'));
    floors.push(floor(`missed 3 s deadlines, ${atOnce.interactions} at once`, atOnce.missed, 'max', 1, 'interactions', 'issue 7: none missed'));
  }
  if (paced) floors.push(floor(`missed 3 s deadlines, ${paced.interactions} at 300/s`, paced.missed, 'max', 1, 'interactions', 'issue 7: none missed'));
  const unanswered = figures.bursts.reduce((n, b) => n + b.notEmbeds, 0);
  floors.push(floor('end-to-end answers without an embed (errors, refusals)', unanswered, 'max', 1, 'interactions', 'a burst answered with apologies proves nothing'));
});

await section('alternatives', '5. Side by side: node-summarizer (TextRank) and natural TfIdf', async () => {
  const items = await sideBySideArticles(INDOSUM_DEV_FOLDS);
  const folds = INDOSUM_DEV_FOLDS.map((f) => f.split('/').pop() ?? f);
  const stride = quick ? 45 : 9;
  const summarizer = await summarizerSideBySide(items, stride, folds, quick ? 1 : 3);
  const terms = await termWeightSideBySide(items.map((i) => i.item.analyzed), quick ? 500 : items.length, quick ? 1 : 3);
  results.alternatives = { summarizer, termWeights: terms };
  printAlternatives(summarizer, terms, log);
  floors.push(floor('summary speed vs node-summarizer (like for like, from text)', summarizer.speedRatio, 'min', 20, '×', 'issue 7'));
  floors.push(floor('ROUGE-1 (paper convention), ours vs node-summarizer', summarizer.rouge.ours.paper.rouge1, 'min', summarizer.rouge.textRank.paper.rouge1, '', 'issue 3/7: better ROUGE (limit = TextRank)'));
  floors.push(floor(`term weighting vs natural TfIdf (${terms.documents} docs)`, terms.ratio, 'min', 50, '×', 'issue 7'));
});

await section('extraction', '6. Extraction of a news page (Readability + cleaning): linkedom vs jsdom', () => import('./extract.js').then((m) => m.benchExtraction({ quick, log, results, floors })));
await section('feeds', '7. Feeds and links: a poll cycle of 500 feeds, memory over quiet cycles, /summary url: end to end', () => import('./feeds.js').then((m) => m.benchFeeds({ quick, log, results, floors })));
await section('hog', '8. Burst beside a CPU hog: acknowledged first when busy, late autocomplete dropped', () =>
  import('./burst-hog.js').then((m) => m.benchBurst({ quick, log, results, floors, corpusDir: dirOf(1) })),
);
await section('memory', '9. Memory after the corpus shrinks: a 250,000-article JSON file and a 20,000-file folder loaded, then removed (RSS and heap vs a fresh start)', () =>
  import('./memory.js').then((m) => m.benchMemory({ quick, log, results, floors })),
);
await section('scale', '10. Scale: varied corpora up to about 250,000 articles, restart and answers at the largest (issue 15)', () =>
  import('./scale.js').then((m) => m.benchScale({ quick, log, results, floors })),
);

const wallMs = performance.now() - started;
results.floors = floors;
results.skipped = skipped;
results.loadAverages = loadAverages;
results.wallMs = wallMs;
printFloors(floors, skipped, log);
log(`\nTotal wall time ${(wallMs / 1000).toFixed(0)} s. A load average above ${cpus().length} (other processes on the cores) inflates every wall time; the CPU column and the spreads show how much.`);
// a smoke run or a few sections never overwrite the real figures
const partial = only.size > 0 ? `.${[...only].join('-')}` : '';
const out = quick || partial !== '' ? join(tmpdir(), `ringkas-bench-results${quick ? '.quick' : ''}${partial}.json`) : join(REPO_ROOT, 'bench', 'results.json');
await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
log(`Figures written to ${out}`);
