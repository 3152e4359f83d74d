import { createRequire } from 'node:module';
import type { SentenceModel } from './fitted.js';

const isNumbers = (value: unknown): value is number[] => Array.isArray(value) && value.every((v) => typeof v === 'number');

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
  return { features: model.features.map(String), mean: model.mean, scale: model.scale, weights: model.weights, bias: model.bias };
}
