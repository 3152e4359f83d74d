import type { AnalyzedArticle, CorpusStats } from '../text/index.js';
import { CentralityScorer } from './centrality.js';
import { documentView, shownText } from './document.js';
import { FittedScorer } from './fitted.js';
import { keywords } from './keywords.js';
import { LeadScorer } from './lead.js';
import { loadShippedModel } from './model.js';
import type { SentenceScorer } from './scorer.js';
import { selectSentences } from './select.js';

export interface Summary {
  /** The chosen sentences, in article order. */
  sentences: string[];
  /** Five keywords as the article writes them. */
  keywords: string[];
  /** How much shorter than the article, 0..1 by characters (0.78 = "reduced by 78%"). */
  reduction: number;
}

export interface SummaryOptions {
  /** How many sentences (default 3). */
  sentences?: number;
  /** Or a share of the article's sentences, 0..1; `sentences` wins when both are given. */
  ratio?: number;
}

export const DEFAULT_SENTENCES = 3;

export type SummaryMethod = 'lead' | 'centrality' | 'fitted';

let fitted: FittedScorer | undefined;
const scorers: Record<SummaryMethod, () => SentenceScorer> = {
  lead: () => new LeadScorer(),
  centrality: () => new CentralityScorer(),
  fitted: () => (fitted ??= new FittedScorer(loadShippedModel())),
};

/** The best method measured on held-out IndoSum folds (see scripts/fit-summary.ts). */
export const DEFAULT_METHOD: SummaryMethod = 'fitted';

function sentenceCount(options: SummaryOptions, available: number): number {
  if (options.sentences !== undefined) return Math.max(1, Math.floor(options.sentences));
  if (options.ratio !== undefined) return Math.max(1, Math.ceil(Math.min(Math.max(options.ratio, 0), 1) * available));
  return DEFAULT_SENTENCES;
}

/** Summarises with a given scorer; `summarize` uses the default one. */
export function summarizeWith(scorer: SentenceScorer, doc: AnalyzedArticle, stats: CorpusStats, options: SummaryOptions = {}): Summary {
  const view = documentView(doc, stats);
  const count = sentenceCount(options, view.sentences.filter((s) => s.eligible).length);
  const scores = scorer.score(view);
  const chosen = scorer.select?.(view, scores, count) ?? selectSentences(view, scores, count);
  const sentences = chosen.map((index) => shownText(view, index, chosen));
  const articleChars = doc.article.paragraphs.reduce((sum, p) => sum + p.length, 0);
  const summaryChars = sentences.reduce((sum, s) => sum + s.length, 0);
  const reduction = articleChars > 0 ? Math.max(0, Math.round((1 - summaryChars / articleChars) * 1000) / 1000) : 0;
  return { sentences, keywords: keywords(view), reduction };
}

export function scorerFor(method: SummaryMethod): SentenceScorer {
  return scorers[method]();
}

/** The chosen sentences in article order, five keywords and the reduction; deterministic for a given corpus. */
export function summarize(doc: AnalyzedArticle, stats: CorpusStats, options: SummaryOptions = {}): Summary {
  return summarizeWith(scorerFor(DEFAULT_METHOD), doc, stats, options);
}

export type { SentenceScorer } from './scorer.js';
export type { SentenceModel } from './fitted.js';
export type { SetModel } from './set-select.js';
export { FittedScorer } from './fitted.js';
export { LeadScorer } from './lead.js';
export { CentralityScorer } from './centrality.js';
