import type { DocumentView } from './document.js';
import { FEATURE_NAMES, sentenceFeatures } from './features.js';
import { forestScore, type Forest } from './forest.js';
import type { SentenceScorer } from './scorer.js';
import { assertSetModelMatchesFeatures, selectSet, type SetModel } from './set-select.js';

/** A logistic model over the sentence features, as `scripts/fit-summary.ts` writes it. */
export interface SentenceModel {
  readonly features: readonly string[];
  readonly mean: readonly number[];
  readonly scale: readonly number[];
  readonly weights: readonly number[];
  readonly bias: number;
  /** Trees that catch what the linear score cannot (content × position interactions); a sentence scores the mean of both log-odds. */
  readonly forest?: Forest;
  /** Chooses among candidate summaries of the fitted size; without it the greedy selector picks. */
  readonly set?: SetModel;
}

export function assertModelMatchesFeatures(model: SentenceModel): void {
  const expected = FEATURE_NAMES.join(',');
  if (model.features.join(',') !== expected) {
    throw new Error(`summary model features (${model.features.join(',')}) do not match the code (${expected}); run scripts/fit-summary.ts`);
  }
}

/** Log-odds that a sentence belongs in the lead summary. */
export function modelScore(model: SentenceModel, features: readonly number[]): number {
  let z = model.bias;
  for (let k = 0; k < features.length; k++) {
    z += (model.weights[k] ?? 0) * (((features[k] ?? 0) - (model.mean[k] ?? 0)) / (model.scale[k] ?? 1));
  }
  return model.forest === undefined ? z : (z + forestScore(model.forest, features)) / 2;
}

/** Sentence scores from weights fitted on IndoSum's oracle labels. */
export class FittedScorer implements SentenceScorer {
  readonly name = 'fitted';

  constructor(private readonly model: SentenceModel) {
    assertModelMatchesFeatures(model);
    if (model.set !== undefined) assertSetModelMatchesFeatures(model.set);
  }

  score(view: DocumentView): number[] {
    return sentenceFeatures(view).map((features) => modelScore(this.model, features));
  }

  select(view: DocumentView, scores: readonly number[], count: number): number[] | undefined {
    return this.model.set === undefined ? undefined : selectSet(view, scores, count, this.model.set);
  }
}
