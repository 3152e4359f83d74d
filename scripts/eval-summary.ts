import { createRequire } from 'node:module';
import { DEFAULT_METHOD, scorerFor, summarizeWith, type SummaryMethod } from '../src/summarize/index.js';
import { analyzeArticle } from '../src/text/index.js';
import { meanScores, scoreSummary, type RougeConvention, type RougeScores } from './rouge.js';
import { loadFold, type EvalArticle, type EvalFold } from './rouge-folds.js';
import { summaryTables } from './eval-summary-tables.js';

const SENTENCES = 3;
const METHODS: readonly SummaryMethod[] = ['fitted', 'centrality', 'lead'];

interface SystemResult {
  readonly name: string;
  readonly summaries: string[][];
  /** Milliseconds per article for the summarizing step alone. */
  readonly msPerArticle: number;
}

function runMethod(fold: EvalFold, method: SummaryMethod): SystemResult {
  const scorer = scorerFor(method);
  for (const item of fold.articles.slice(0, 20)) summarizeWith(scorer, item.analyzed, fold.stats, { sentences: SENTENCES });
  const started = performance.now();
  const summaries = fold.articles.map((item) => summarizeWith(scorer, item.analyzed, fold.stats, { sentences: SENTENCES }).sentences);
  const label = method === DEFAULT_METHOD ? `ours (${method}, default)` : `ours (${method})`;
  return { name: label, summaries, msPerArticle: (performance.now() - started) / Math.max(fold.articles.length, 1) };
}

function leadThree(fold: EvalFold): SystemResult {
  return { name: 'LEAD-3 (our splitter)', summaries: fold.articles.map((item) => item.analyzed.sentences.slice(0, SENTENCES).map((s) => s.text)), msPerArticle: 0 };
}

interface NodeSummarizer {
  listToString(sorted: Array<[number, string]>, clean: [string[], Map<string, string>]): string;
  summarizeByRank(): Promise<unknown>;
}

/** node-summarizer's TextRank on the same article text; its ranked sentences are caught on their way to its output string. */
async function nodeSummarizer(fold: EvalFold): Promise<SystemResult> {
  const require = createRequire(import.meta.url);
  const { Summarizer } = require('node-summarizer/src/Summarizer.js') as { Summarizer: new (text: string, count: number) => NodeSummarizer };
  const summaries: string[][] = [];
  const started = performance.now();
  for (const item of fold.articles) {
    const summarizer = new Summarizer(item.analyzed.article.paragraphs.join('\n\n'), SENTENCES);
    let picked: string[] = [];
    const toString = summarizer.listToString.bind(summarizer);
    summarizer.listToString = (sorted, clean) => {
      picked = sorted.slice(0, SENTENCES).map(([, key]) => clean[1].get(key) ?? '');
      return toString(sorted, clean);
    };
    await summarizer.summarizeByRank();
    summaries.push(picked.filter((s) => s.trim() !== ''));
  }
  return { name: 'node-summarizer (TextRank)', summaries, msPerArticle: (performance.now() - started) / Math.max(fold.articles.length, 1) };
}

function score(articles: readonly EvalArticle[], summaries: readonly string[][], convention: RougeConvention): RougeScores {
  return meanScores(articles.map((item, i) => scoreSummary(summaries[i] ?? [], item.reference, convention)));
}

const fmt = (s: RougeScores): string => [s.rouge1, s.rouge2, s.rougeL].map((v) => v.toFixed(2).padStart(6)).join(' ');

function report(fold: EvalFold, systems: readonly SystemResult[]): Map<string, { paper: RougeScores; raw: RougeScores }> {
  const results = new Map<string, { paper: RougeScores; raw: RougeScores }>();
  process.stdout.write(`\n${fold.name}: ${fold.articles.length} articles${fold.skipped.length > 0 ? `, ${fold.skipped.length} not loaded` : ''}\n`);
  process.stdout.write(`${'system'.padEnd(30)} ${'paper R-1    R-2    R-L'.padStart(23)}   ${'raw R-1    R-2    R-L'.padStart(21)}   ms/article\n`);
  for (const system of systems) {
    const paper = score(fold.articles, system.summaries, 'paper');
    const raw = score(fold.articles, system.summaries, 'raw');
    results.set(system.name, { paper, raw });
    const speed = system.msPerArticle > 0 ? system.msPerArticle.toFixed(3) : '';
    process.stdout.write(`${system.name.padEnd(30)} ${fmt(paper)}   ${fmt(raw)}   ${speed}\n`);
  }
  return results;
}

/** `npm run eval -- summary [--no-node-summarizer] <indosum.jsonl>…`: ROUGE F1 of our summaries, LEAD-3 and node-summarizer. */
export async function runSummaryEval(args: string[]): Promise<number> {
  const withNodeSummarizer = !args.includes('--no-node-summarizer');
  const paths = args.filter((a) => !a.startsWith('--'));
  if (paths.length === 0) {
    process.stderr.write('usage: npm run eval -- summary [--no-node-summarizer] <indosum.jsonl>…\n');
    return 2;
  }
  const totals = new Map<string, { paper: RougeScores[]; raw: RougeScores[]; n: number[] }>();
  const pooled: { articles: EvalArticle[]; summaries: Map<string, string[][]> } = { articles: [], summaries: new Map() };
  for (const path of paths) {
    const fold = await loadFold(path);
    const analysisStarted = performance.now();
    for (const item of fold.articles) analyzeArticle(item.analyzed.article);
    const analysisMs = performance.now() - analysisStarted;
    const systems = [...METHODS.map((m) => runMethod(fold, m)), leadThree(fold)];
    if (withNodeSummarizer) systems.push(await nodeSummarizer(fold));
    const results = report(fold, systems);
    process.stdout.write(`analysis at load: ${analysisMs.toFixed(0)} ms for ${fold.articles.length} articles\n`);
    const ours = systems[0];
    const theirs = systems.find((s) => s.name.startsWith('node-summarizer'));
    if (ours !== undefined && theirs !== undefined && ours.msPerArticle > 0) {
      process.stdout.write(`speed: ours ${ours.msPerArticle.toFixed(3)} ms/article, node-summarizer ${theirs.msPerArticle.toFixed(1)} ms/article (${(theirs.msPerArticle / ours.msPerArticle).toFixed(0)}× faster)\n`);
    }
    pooled.articles.push(...fold.articles);
    for (const system of systems) pooled.summaries.set(system.name, [...(pooled.summaries.get(system.name) ?? []), ...system.summaries]);
    for (const [name, r] of results) {
      const total = totals.get(name) ?? { paper: [], raw: [], n: [] };
      total.paper.push(r.paper);
      total.raw.push(r.raw);
      total.n.push(fold.articles.length);
      totals.set(name, total);
    }
  }
  if (paths.length > 1) {
    process.stdout.write(`\nall files (article-weighted mean)\n`);
    for (const [name, total] of totals) {
      const weigh = (list: RougeScores[]): RougeScores => {
        const n = total.n.reduce((a, b) => a + b, 0);
        const avg = (pick: (s: RougeScores) => number): number => list.reduce((acc, s, i) => acc + pick(s) * (total.n[i] ?? 0), 0) / n;
        return { rouge1: avg((s) => s.rouge1), rouge2: avg((s) => s.rouge2), rougeL: avg((s) => s.rougeL) };
      };
      process.stdout.write(`${name.padEnd(30)} ${fmt(weigh(total.paper))}   ${fmt(weigh(total.raw))}\n`);
    }
  }
  const pooledSystems = [...pooled.summaries].map(([name, summaries]) => ({ name, summaries }));
  const ours = pooledSystems[0];
  const lead = pooledSystems.find((s) => s.name.startsWith('LEAD-3'));
  if (ours !== undefined && lead !== undefined) {
    process.stdout.write(`\nall files, paper convention: ${ours.name} beside LEAD-3\n${summaryTables(pooled.articles, pooledSystems, ours, lead)}\n`);
  }
  return 0;
}
