import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { documentView, shownText, type DocumentView } from '../src/summarize/document.js';
import { FEATURE_NAMES, sentenceFeatures } from '../src/summarize/features.js';
import { FittedScorer, modelScore, type SentenceModel } from '../src/summarize/fitted.js';
import { LeadScorer, summarizeWith, type SentenceScorer } from '../src/summarize/index.js';
import { candidateSets, losesReferent, SET_FEATURE_NAMES, setContext, setFeatures, topCandidates, withReferents, type SetModel } from '../src/summarize/set-select.js';
import { fitForest, modelJson } from './fit-forest.js';
import { fitListwise, type ListCandidate } from './fit-listwise.js';
import { fitLogistic } from './fit-logistic.js';
import { summaryTables } from './eval-summary-tables.js';
import { meanScores, scoreSummary, type RougeScores } from './rouge.js';
import { loadFold, oracleShares, type EvalArticle, type EvalFold } from './rouge-folds.js';

const SENTENCES = 3;
const LAMBDA = Number(process.env.FIT_LAMBDA ?? 10);
/** The set model chooses among the summaries made of this many best-scored sentences. */
const SET_CANDIDATES = Number(process.env.FIT_SET_CANDIDATES ?? 6);
/** How sharply the listwise target prefers the ROUGE-best candidate summaries (in ROUGE-1 F1 units). */
const SET_TEMPERATURE = Number(process.env.FIT_SET_TEMPERATURE ?? 0.05);
/** Boosted trees beside the linear sentence score (0 trees: linear only). */
const FOREST_TREES = Number(process.env.FIT_FOREST_TREES ?? 200);
const DEFAULT_FOLDS = ['dev.01.jsonl', 'dev.02.jsonl', 'dev.03.jsonl'].map((f) => fileURLToPath(new URL(`../../shared/data/indosum/${f}`, import.meta.url)));
const WEIGHTS_FILE = fileURLToPath(new URL('../src/summarize/weights.json', import.meta.url));

/** One training article seen under its own fold's corpus statistics. */
interface Training {
  readonly item: EvalArticle;
  readonly view: DocumentView;
}

function trainingArticles(fold: EvalFold, exclude: ReadonlySet<string> = new Set()): Training[] {
  return fold.articles.filter((item) => !exclude.has(item.record.id)).map((item) => ({ item, view: documentView(item.analyzed, fold.stats) }));
}

const round = (v: number): number => Math.round(v * 1e6) / 1e6;

/** Logistic regression, and boosted trees beside it, on the eligible sentences (the ones the selector may pick) toward their share of the oracle. */
function fitSentences(training: readonly Training[]): SentenceModel {
  const xs: number[][] = [];
  const ys: number[] = [];
  for (const { item, view } of training) {
    const features = sentenceFeatures(view);
    const shares = oracleShares(item);
    view.sentences.forEach((sentence, i) => {
      if (!sentence.eligible) return;
      xs.push(features[i] ?? []);
      ys.push(shares[i] ?? 0);
    });
  }
  const model = fitLogistic(xs, ys, LAMBDA);
  return {
    features: [...FEATURE_NAMES],
    mean: model.mean.map(round),
    scale: model.scale.map(round),
    weights: model.weights.map(round),
    bias: round(model.bias),
    ...(FOREST_TREES > 0 ? { forest: fitForest(xs, ys, { trees: FOREST_TREES }) } : {}),
  };
}

/** Listwise ranking of each article's candidate summaries (from the fitted sentence scores) toward their ROUGE-1. */
function fitSet(training: readonly Training[], sentences: SentenceModel): SetModel {
  const lists = training.map(({ item, view }): ListCandidate[] => {
    const scores = sentenceFeatures(view).map((x) => modelScore(sentences, x));
    const context = setContext(view, scores);
    // the summaries the selector may give: every `Ia …` with the sentence it points back to
    const sets = candidateSets(withReferents(view, topCandidates(view, scores, SET_CANDIDATES)), SENTENCES, context.similarity);
    return sets.filter((set) => !losesReferent(view, set)).map((set) => ({
      features: setFeatures(context, set),
      gain: scoreSummary([...set].sort((a, b) => a - b).map((i, _, ordered) => shownText(view, i, ordered)), item.reference, 'paper').rouge1,
    }));
  });
  return { size: SENTENCES, candidates: SET_CANDIDATES, features: [...SET_FEATURE_NAMES], weights: fitListwise(lists, SET_TEMPERATURE).map(round) };
}

function fit(training: readonly Training[]): SentenceModel {
  const sentences = fitSentences(training);
  return { ...sentences, set: fitSet(training, sentences) };
}

function leadThree(fold: EvalFold): RougeScores {
  return meanScores(fold.articles.map((item) => scoreSummary(item.analyzed.sentences.slice(0, SENTENCES).map((s) => s.text), item.reference, 'paper')));
}

function summariesOf(fold: EvalFold, scorer: SentenceScorer): string[][] {
  return fold.articles.map((item) => summarizeWith(scorer, item.analyzed, fold.stats, { sentences: SENTENCES }).sentences);
}

function scored(fold: EvalFold, summaries: readonly (readonly string[])[]): RougeScores {
  return meanScores(fold.articles.map((item, i) => scoreSummary(summaries[i] ?? [], item.reference, 'paper')));
}

function evaluate(fold: EvalFold, scorer: SentenceScorer): RougeScores {
  return scored(fold, summariesOf(fold, scorer));
}

const fmt = (s: RougeScores): string => [s.rouge1, s.rouge2, s.rougeL].map((v) => v.toFixed(2)).join(' / ');

/** How the held-out score grows with training data: each fold scored by a model fitted on one other fold alone. */
function learningCurve(folds: readonly EvalFold[]): void {
  process.stdout.write('learning curve (fit on one other fold, test on one)\n');
  const rows: RougeScores[] = [];
  folds.forEach((test, k) => {
    const testIds = new Set(test.articles.map((a) => a.record.id));
    folds.forEach((fold, j) => {
      if (j === k) return;
      const training = trainingArticles(fold, testIds);
      const scores = evaluate(test, new FittedScorer(fit(training)));
      rows.push(scores);
      process.stdout.write(`${test.name} from ${fold.name} (${training.length} articles): fitted ${fmt(scores)}\n`);
    });
  });
  const mean = (pick: (s: RougeScores) => number): number => rows.reduce((sum, row) => sum + pick(row), 0) / rows.length;
  process.stdout.write(`mean of one-fold fits: ${fmt({ rouge1: mean((s) => s.rouge1), rouge2: mean((s) => s.rouge2), rougeL: mean((s) => s.rougeL) })}\n`);
}

/** `tsx scripts/fit-summary.ts [--dry-run] [--learning-curve] [dev.jsonl…]`: per-fold cross-validation, then weights fitted on all folds. */
export async function runFit(args: string[]): Promise<number> {
  const dryRun = args.includes('--dry-run') || args.includes('--learning-curve');
  const paths = args.filter((a) => !a.startsWith('--'));
  const folds = await Promise.all((paths.length > 0 ? paths : DEFAULT_FOLDS).map(loadFold));
  if (args.includes('--learning-curve')) learningCurve(folds);
  process.stdout.write(`cross-validation (fit on the other folds, test on one; ROUGE-1 / 2 / L F1, paper convention, ${SENTENCES} sentences)\n`);
  const lead = new LeadScorer();
  const heldOut: EvalArticle[] = [];
  const heldOutSummaries: string[][] = [];
  folds.forEach((test, k) => {
    const testIds = new Set(test.articles.map((a) => a.record.id));
    const training = folds.flatMap((fold, j) => (j === k ? [] : trainingArticles(fold, testIds)));
    const scorer = new FittedScorer(fit(training));
    const summaries = summariesOf(test, scorer);
    heldOut.push(...test.articles);
    heldOutSummaries.push(...summaries);
    process.stdout.write(`${test.name}: fitted ${fmt(scored(test, summaries))} · lead ${fmt(evaluate(test, lead))} · LEAD-3 ${fmt(leadThree(test))}\n`);
  });
  const leadSummaries = heldOut.map((item) => item.analyzed.sentences.slice(0, SENTENCES).map((s) => s.text));
  const ours = { name: 'ours (held out)', summaries: heldOutSummaries };
  process.stdout.write(`held out, every fold: ours beside LEAD-3 (our splitter)\n${summaryTables(heldOut, [ours], ours, { name: 'LEAD-3', summaries: leadSummaries })}\n`);
  const seen = new Set<string>();
  const all: Training[] = [];
  for (const fold of folds) {
    all.push(...trainingArticles(fold, new Set(seen)));
    for (const item of fold.articles) seen.add(item.record.id);
  }
  const model = fit(all);
  if (!dryRun) {
    await writeFile(WEIGHTS_FILE, modelJson(model));
    process.stdout.write(`wrote ${WEIGHTS_FILE} (fitted on ${all.length} articles)\n`);
  }
  return 0;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  runFit(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
