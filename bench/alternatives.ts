import TfIdf from 'natural/lib/natural/tfidf/tfidf.js';
import { Summarizer } from 'node-summarizer/src/Summarizer.js';
import { meanScores, scoreSummary, type RougeScores } from '../scripts/rouge.js';
import { loadFold, type EvalArticle } from '../scripts/rouge-folds.js';
import { summarize } from '../src/summarize/index.js';
import { analyzeArticle, buildCorpusStats, inverseDocumentFrequency, type AnalyzedArticle, type CorpusStats } from '../src/text/index.js';
import { compare, type Comparison } from './harness.js';
import { seededRandom } from './random.js';

/** node-summarizer's TextRank as its README calls it, keeping the chosen sentences (its summary string glues them together). */
async function textRankSentences(text: string, sentences: number, seed: number): Promise<string[]> {
  const summarizer = new Summarizer(text, sentences);
  let chosen: string[] = [];
  const render = summarizer.listToString.bind(summarizer);
  summarizer.listToString = (sorted, clean) => {
    chosen = sorted.slice(0, sentences).map(([, key]) => clean[1].get(key) ?? '');
    return render(sorted, clean);
  };
  const random = Math.random;
  Math.random = seededRandom(seed);
  try {
    await summarizer.summarizeByRank();
  } finally {
    Math.random = random;
  }
  return chosen.filter((s) => s !== '');
}

export interface SideItem {
  readonly item: EvalArticle;
  readonly stats: CorpusStats;
  readonly text: string;
}

export interface SummarizerSideBySide {
  readonly articles: number;
  readonly folds: readonly string[];
  /** Every `stride`-th article of the folds. */
  readonly stride: number;
  /** Ours from text (analysis + summary) against node-summarizer TextRank, alternating whole passes; ms per pass. */
  readonly timing: Comparison;
  /** Per article, medians over the runs. */
  readonly oursFromTextMsPerArticle: number;
  /** Ours from a loaded snapshot (analysis done at load time): what `/summary` pays. */
  readonly oursFromSnapshotMsPerArticle: number;
  readonly textRankMsPerArticle: number;
  /** TextRank per article over ours from text (like for like). */
  readonly speedRatio: number;
  /** TextRank per article over ours from the snapshot. */
  readonly speedRatioSnapshot: number;
  readonly rouge: Record<'ours' | 'textRank' | 'lead3', { paper: RougeScores; raw: RougeScores }>;
  /** Articles for which TextRank returned no sentence (no English noun or adjective to link them). */
  readonly textRankEmpty: number;
}

/** IndoSum articles, loaded through our pipeline as the evaluation does (each fold is its own corpus for the statistics). */
export async function sideBySideArticles(folds: readonly string[]): Promise<SideItem[]> {
  const items: SideItem[] = [];
  for (const path of folds) {
    const fold = await loadFold(path);
    for (const item of fold.articles) items.push({ item, stats: fold.stats, text: item.analyzed.article.paragraphs.join('\n\n') });
  }
  return items;
}

function rougeOf(systems: readonly string[][], items: readonly SideItem[]): { paper: RougeScores; raw: RougeScores } {
  const per = (convention: 'paper' | 'raw'): RougeScores =>
    meanScores(systems.map((system, i) => scoreSummary(system, items[i]?.item.reference ?? [], convention)));
  return { paper: per('paper'), raw: per('raw') };
}

/** Summary speed and ROUGE: ours against node-summarizer's TextRank on the same articles in the same process. */
export async function summarizerSideBySide(all: readonly SideItem[], stride: number, folds: readonly string[], runs: number): Promise<SummarizerSideBySide> {
  const items = all.filter((_, i) => i % stride === 0);
  const ours: string[][] = [];
  const textRank: string[][] = [];
  const snapshotPasses: number[] = [];
  const oursPass = (): void => {
    let summaryMs = 0;
    items.forEach(({ item, stats }, i) => {
      const doc = analyzeArticle(item.analyzed.article);
      const started = performance.now();
      ours[i] = summarize(doc, stats, { sentences: 3 }).sentences;
      summaryMs += performance.now() - started;
    });
    snapshotPasses.push(summaryMs);
  };
  const textRankPass = async (): Promise<void> => {
    for (const [i, { text }] of items.entries()) textRank[i] = await textRankSentences(text, 3, i + 1);
  };
  for (const { text } of items.slice(0, 15)) await textRankSentences(text, 3, 1);
  oursPass();
  snapshotPasses.length = 0;
  const timing = await compare(oursPass, textRankPass, { warmup: 0, runs });
  const n = items.length;
  const snapshotMedian = [...snapshotPasses].sort((a, b) => a - b)[Math.floor(snapshotPasses.length / 2)] ?? Number.NaN;
  const lead3 = items.map(({ item }) => item.analyzed.sentences.slice(0, 3).map((s) => s.text));
  return {
    articles: n,
    folds,
    stride,
    timing,
    oursFromTextMsPerArticle: timing.a.median / n,
    oursFromSnapshotMsPerArticle: snapshotMedian / n,
    textRankMsPerArticle: timing.b.median / n,
    speedRatio: timing.ratio,
    speedRatioSnapshot: timing.b.median / snapshotMedian,
    rouge: { ours: rougeOf(ours, items), textRank: rougeOf(textRank, items), lead3: rougeOf(lead3, items) },
    textRankEmpty: textRank.filter((s) => s.length === 0).length,
  };
}

export interface TermWeightSideBySide {
  readonly documents: number;
  readonly distinctTerms: number;
  readonly tokens: number;
  /** natural's TfIdf (addDocument of each token list, then idf of every term) against ours (count, buildCorpusStats, idf of every term). */
  readonly timing: Comparison;
  readonly ratio: number;
  /** Our buildCorpusStats alone on already-analysed articles, as the load does it. */
  readonly oursFromAnalysisMs: number;
  /** Largest relative difference between the two idf values of a term after aligning the formulas (a correctness check). */
  readonly maxIdfDisagreement: number;
}

function countTerms(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

/** Term weighting over the same token lists: natural's TfIdf against our corpus statistics. */
export async function termWeightSideBySide(analyzed: readonly AnalyzedArticle[], documents: number, runs: number): Promise<TermWeightSideBySide> {
  const docs = analyzed.slice(0, documents);
  const tokenLists = docs.map((doc) => doc.sentences.flatMap((s) => s.terms));
  const vocabulary = [...new Set(tokenLists.flat())];
  let naturalIdf = new Map<string, number>();
  let oursStats: CorpusStats | null = null;

  const natural = (lists: readonly string[][]): Map<string, number> => {
    const tfidf = new TfIdf();
    lists.forEach((tokens, key) => tfidf.addDocument([...tokens], key));
    const idf = new Map<string, number>();
    for (const term of new Set(lists.flat())) idf.set(term, tfidf.idf(term));
    return idf;
  };
  const ours = (lists: readonly string[][]): CorpusStats => {
    const stats = buildCorpusStats(lists.map((tokens, i) => ({ article: docs[i]!.article, sentences: [], termFrequencies: countTerms(tokens) })));
    const idf = new Map<string, number>();
    for (const term of stats.documentFrequency.keys()) idf.set(term, inverseDocumentFrequency(stats, term));
    return stats;
  };
  const warm = tokenLists.slice(0, 100);
  natural(warm);
  ours(warm);
  const timing = await compare(
    () => {
      oursStats = ours(tokenLists);
    },
    () => {
      naturalIdf = natural(tokenLists);
    },
    { warmup: 0, runs },
  );
  const started = performance.now();
  buildCorpusStats(docs);
  const oursFromAnalysisMs = performance.now() - started;

  let maxIdfDisagreement = 0;
  const stats = oursStats as CorpusStats | null;
  if (stats !== null) {
    for (const term of vocabulary) {
      const df = stats.documentFrequency.get(term) ?? 0;
      // natural: 1 + ln(N / (1 + df)); the same from our document frequencies
      const expected = 1 + Math.log(stats.documentCount / (1 + df));
      const got = naturalIdf.get(term) ?? Number.NaN;
      maxIdfDisagreement = Math.max(maxIdfDisagreement, Math.abs(got - expected) / Math.abs(expected || 1));
    }
  }
  return {
    documents: docs.length,
    distinctTerms: vocabulary.length,
    tokens: tokenLists.reduce((sum, l) => sum + l.length, 0),
    timing,
    ratio: timing.ratio,
    oursFromAnalysisMs,
    maxIdfDisagreement,
  };
}
