/**
 * The load-time stages one by one on a corpus folder, in a fresh process so the first pass is truly cold (empty stem cache,
 * no JIT): analysis of every article, quote extraction per article, and one summary per article from the loaded snapshot.
 * Usage: node --import tsx bench/stages-child.ts <dir> [warm runs]
 */
import { CorpusSnapshot, loadCorpus } from '../src/corpus/index.js';
import { findQuotes } from '../src/quotes/index.js';
import { summarize } from '../src/summarize/index.js';
import { analyzeArticle, buildCorpusStats } from '../src/text/index.js';
import { latency, measure, type Latency, type Spread } from './harness.js';

export interface StageFigures {
  readonly articles: number;
  readonly analyzeColdMs: number;
  readonly analyzeColdCpuMs: number;
  readonly analyzeWarm: Spread;
  readonly quotesColdMs: number;
  readonly quotesPerArticle: Latency;
  readonly corpusStatsMs: number;
  readonly summaryPerArticle: Latency;
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (dir === undefined) throw new Error('usage: stages-child.ts <dir> [warm runs]');
  const runs = Number(process.argv[3] ?? 3);
  const { articles: loaded, problems } = await loadCorpus(dir);
  const articles = new CorpusSnapshot(loaded, problems).articles;

  const cpuBefore = process.cpuUsage();
  let started = performance.now();
  const analyzed = articles.map(analyzeArticle);
  const analyzeColdMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const analyzeColdCpuMs = (cpu.user + cpu.system) / 1000;
  const analyzeWarm = await measure(() => articles.map(analyzeArticle), { warmup: 0, runs });

  started = performance.now();
  for (const article of articles) findQuotes(article);
  const quotesColdMs = performance.now() - started;
  const quotesPerArticle = latency(articles, findQuotes, 0);

  started = performance.now();
  const stats = buildCorpusStats(analyzed);
  const corpusStatsMs = performance.now() - started;
  // warm up on separate copies: the summarizer memoises per analysed article, and the measured calls must be first calls
  for (const article of articles.slice(0, 50)) summarize(analyzeArticle(article), stats, { sentences: 3 });
  const summaryPerArticle = latency(analyzed, (doc) => summarize(doc, stats, { sentences: 3 }), 0);

  const figures: StageFigures = { articles: articles.length, analyzeColdMs, analyzeColdCpuMs, analyzeWarm, quotesColdMs, quotesPerArticle, corpusStatsMs, summaryPerArticle };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

await main();
