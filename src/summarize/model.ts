import { createRequire } from 'node:module';
import type { SentenceModel } from './fitted.js';
import { parseForest } from './forest.js';
import type { SetModel } from './set-select.js';

const isNumbers = (value: unknown): value is number[] => Array.isArray(value) && value.every((v) => typeof v === 'number');

function setModel(raw: unknown): SetModel {
  const set = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof SetModel, unknown>>;
  if (typeof set.size !== 'number' || typeof set.candidates !== 'number' || !Array.isArray(set.features) || !isNumbers(set.weights)) {
    throw new Error('the set model in src/summarize/weights.json is malformed; run scripts/fit-summary.ts');
  }
  return { size: set.size, candidates: set.candidates, features: set.features.map(String), weights: set.weights };
}

/** The shipped model, fitted by `scripts/fit-summary.ts` on the IndoSum dev folds. */
export function loadShippedModel(): SentenceModel {
  const raw: unknown = createRequire(import.meta.url)('./weights.json');
  const model = raw as Partial<Record<keyof SentenceModel, unknown>>;
  if (
    typeof raw !== 'object' || raw === null ||
    !Array.isArray(model.features) || !isNumbers(model.mean) || !isNumbers(model.scale) || !isNumbers(model.weights) ||
    typeof model.bias !== 'number'
  ) {
    throw new Error('src/summarize/weights.json is not a summary model; run scripts/fit-summary.ts');
  }
  const features = model.features.map(String);
  return {
    features, mean: model.mean, scale: model.scale, weights: model.weights, bias: model.bias,
    ...(model.forest === undefined ? {} : { forest: parseForest(model.forest, features.length) }),
    ...(model.set === undefined ? {} : { set: setModel(model.set) }),
  };
}
