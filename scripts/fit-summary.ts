import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { documentView } from '../src/summarize/document.js';
import { FEATURE_NAMES, sentenceFeatures } from '../src/summarize/features.js';
import { FittedScorer, type SentenceModel } from '../src/summarize/fitted.js';
import { LeadScorer, summarizeWith, type SentenceScorer } from '../src/summarize/index.js';
import { fitLogistic } from './fit-logistic.js';
import { meanScores, scoreSummary, type RougeScores } from './rouge.js';
import { loadFold, oracleShares, type EvalArticle, type EvalFold } from './rouge-folds.js';

const SENTENCES = 3;
const LAMBDA = Number(process.env.FIT_LAMBDA ?? 10);
const DEFAULT_FOLDS = ['dev.01.jsonl', 'dev.02.jsonl', 'dev.03.jsonl'].map((f) => fileURLToPath(new URL(`../../shared/data/indosum/${f}`, import.meta.url)));
const WEIGHTS_FILE = fileURLToPath(new URL('../src/summarize/weights.json', import.meta.url));

interface Sample {
  readonly x: number[];
  readonly y: number;
}

/** Features and oracle shares of the eligible sentences: the ones the selector may pick. */
function samples(fold: EvalFold, exclude: ReadonlySet<string> = new Set()): Sample[] {
  const result: Sample[] = [];
  for (const item of fold.articles) {
    if (exclude.has(item.record.id)) continue;
    const view = documentView(item.analyzed, fold.stats);
    const features = sentenceFeatures(view);
    const shares = oracleShares(item);
    view.sentences.forEach((sentence, i) => {
      if (sentence.eligible) result.push({ x: features[i] ?? [], y: shares[i] ?? 0 });
    });
  }
  return result;
}

function fit(training: readonly Sample[]): SentenceModel {
  const model = fitLogistic(training.map((s) => s.x), training.map((s) => s.y), LAMBDA);
  const round = (v: number): number => Math.round(v * 1e6) / 1e6;
  return {
    features: [...FEATURE_NAMES],
    mean: model.mean.map(round),
    scale: model.scale.map(round),
    weights: model.weights.map(round),
    bias: round(model.bias),
  };
}

function leadThree(fold: EvalFold): RougeScores {
  return meanScores(fold.articles.map((item) => scoreSummary(item.analyzed.sentences.slice(0, SENTENCES).map((s) => s.text), item.reference, 'paper')));
}

function evaluate(fold: EvalFold, scorer: SentenceScorer): RougeScores {
  return meanScores(
    fold.articles.map((item: EvalArticle) =>
      scoreSummary(summarizeWith(scorer, item.analyzed, fold.stats, { sentences: SENTENCES }).sentences, item.reference, 'paper'),
    ),
  );
}

const fmt = (s: RougeScores): string => [s.rouge1, s.rouge2, s.rougeL].map((v) => v.toFixed(2)).join(' / ');

/** `tsx scripts/fit-summary.ts [--dry-run] [dev.jsonl…]`: per-fold cross-validation, then weights fitted on all folds. */
export async function runFit(args: string[]): Promise<number> {
  const dryRun = args.includes('--dry-run');
  const paths = args.filter((a) => !a.startsWith('--'));
  const folds = await Promise.all((paths.length > 0 ? paths : DEFAULT_FOLDS).map(loadFold));
  const perFold = folds.map((fold) => samples(fold));
  process.stdout.write(`cross-validation (fit on the other folds, test on one; ROUGE-1 / 2 / L F1, paper convention, ${SENTENCES} sentences)\n`);
  const lead = new LeadScorer();
  folds.forEach((test, k) => {
    const testIds = new Set(test.articles.map((a) => a.record.id));
    const training = folds.flatMap((fold, j) => (j === k ? [] : samples(fold, testIds)));
    const scorer = new FittedScorer(fit(training));
    process.stdout.write(`${test.name}: fitted ${fmt(evaluate(test, scorer))} · lead ${fmt(evaluate(test, lead))} · LEAD-3 ${fmt(leadThree(test))}\n`);
  });
  const seen = new Set<string>();
  const all: Sample[] = [];
  folds.forEach((fold, k) => {
    const fresh = new Set(fold.articles.map((a) => a.record.id).filter((id) => !seen.has(id)));
    const duplicates = new Set(fold.articles.map((a) => a.record.id).filter((id) => !fresh.has(id)));
    all.push(...(duplicates.size === 0 ? (perFold[k] ?? []) : samples(fold, duplicates)));
    for (const id of fresh) seen.add(id);
  });
  const model = fit(all);
  if (!dryRun) {
    await writeFile(WEIGHTS_FILE, `${JSON.stringify(model, null, 2)}\n`);
    process.stdout.write(`wrote ${WEIGHTS_FILE} (${all.length} sentences from ${seen.size} articles)\n`);
  }
  return 0;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  runFit(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
