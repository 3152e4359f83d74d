import { cosine, needsPrevious, type DocumentView, type SentenceView } from './document.js';
import { FEATURE_NAMES, sentenceFeatures } from './features.js';
import { REDUNDANCY_THRESHOLD } from './select.js';

/** A linear model over whole candidate summaries, as `scripts/fit-summary.ts` writes it next to the sentence model. */
export interface SetModel {
  /** How many sentences the summaries it was fitted on have. */
  readonly size: number;
  /** How many of the best-scored sentences it chooses among. */
  readonly candidates: number;
  readonly features: readonly string[];
  readonly weights: readonly number[];
}

/** Names of the features of a candidate summary, in the order `setFeatures` returns them. */
export const SET_FEATURE_NAMES: readonly string[] = [
  'sumProbability', 'sumLogit', 'minLogit', 'sumSimilarity', 'maxSimilarity', 'words', 'wordsOverCap', 'wordsUnder60',
  'wordsFrom70Squared', 'inLead', 'adjacent', 'danglingReferences', 'speech', 'hasFirst', 'short', 'long', 'maxWords',
];

const sentenceFeature = (name: string): number => FEATURE_NAMES.indexOf(name);
const REFERENCE_START = sentenceFeature('referenceStart');
const SPEECH = sentenceFeature('speech');
const FIRST = sentenceFeature('lead0');
const SHORT = sentenceFeature('short');
const LONG = sentenceFeature('long');

/** The word cap of IndoSum's ROUGE protocol: words past it are never read. */
const WORD_CAP = 100;

export function assertSetModelMatchesFeatures(model: SetModel): void {
  if (model.features.join(',') !== SET_FEATURE_NAMES.join(',')) {
    throw new Error(`summary set model features (${model.features.join(',')}) do not match the code; run scripts/fit-summary.ts`);
  }
}

/** The eligible sentences (or last-resort ones when none is eligible) with the best scores, best first. */
export function topCandidates(view: DocumentView, scores: readonly number[], limit: number): number[] {
  const anyEligible = view.sentences.some((sentence) => sentence.eligible);
  return view.sentences
    .filter((sentence) => (anyEligible ? sentence.eligible : sentence.lastResort))
    .map((sentence) => ({ index: sentence.index, score: scores[sentence.index] ?? -Infinity }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit)
    .map((entry) => entry.index);
}

/** tf-idf cosine of two sentences by index, each pair computed once. */
export type Similarity = (a: number, b: number) => number;

export function pairwiseSimilarity(view: DocumentView): Similarity {
  const known = new Map<number, number>();
  const n = view.sentences.length;
  return (a, b) => {
    const key = a < b ? a * n + b : b * n + a;
    let value = known.get(key);
    if (value === undefined) {
      const x = view.sentences[a] as SentenceView;
      const y = view.sentences[b] as SentenceView;
      value = cosine(x.vector, x.norm, y.vector, y.norm);
      known.set(key, value);
    }
    return value;
  };
}

/** Every `size`-subset of the candidates in which no sentence repeats another, as lists of sentence indexes. */
export function candidateSets(candidates: readonly number[], size: number, similarity: Similarity): number[][] {
  const sets: number[][] = [];
  const extend = (from: number, chosen: number[]): void => {
    if (chosen.length === size) {
      sets.push([...chosen]);
      return;
    }
    for (let k = from; k < candidates.length; k++) {
      const index = candidates[k] as number;
      if (chosen.some((other) => similarity(other, index) > REDUNDANCY_THRESHOLD)) continue;
      chosen.push(index);
      extend(k + 1, chosen);
      chosen.pop();
    }
  };
  extend(0, []);
  return sets;
}

/** What the features of every candidate summary of one article share, computed once per article. */
export interface SetContext {
  readonly view: DocumentView;
  readonly scores: readonly number[];
  readonly similarity: Similarity;
  /** The sentences a summary may use, in article order. */
  readonly order: readonly number[];
  readonly rank: ReadonlyMap<number, number>;
  readonly perSentence: readonly (readonly number[])[];
}

export function setContext(view: DocumentView, scores: readonly number[]): SetContext {
  const order = leadOrder(view);
  return { view, scores, similarity: pairwiseSimilarity(view), order, rank: new Map(order.map((index, r) => [index, r])), perSentence: sentenceFeatures(view) };
}

/** Features of one candidate summary: what its sentences score, how much they repeat each other, and its length. */
export function setFeatures(context: SetContext, set: readonly number[]): number[] {
  const { view, scores, similarity, order, rank, perSentence } = context;
  let probability = 0;
  let logit = 0;
  let minLogit = Infinity;
  let words = 0;
  let maxWords = 0;
  let inLead = 0;
  let dangling = 0;
  const counts = [0, 0, 0, 0];
  for (const index of set) {
    const z = scores[index] ?? 0;
    probability += 1 / (1 + Math.exp(-z));
    logit += z;
    minLogit = Math.min(minLogit, z);
    const length = view.sentences[index]?.words ?? 0;
    words += length;
    maxWords = Math.max(maxWords, length);
    const r = rank.get(index) ?? Infinity;
    if (r < 3) inLead++;
    const features = perSentence[index] ?? [];
    // `Ia mengatakan …` without the sentence it points back to.
    if ((features[REFERENCE_START] ?? 0) > 0 && !set.includes(order[r - 1] ?? -1)) dangling++;
    [SPEECH, FIRST, SHORT, LONG].forEach((feature, k) => (counts[k] = (counts[k] ?? 0) + (features[feature] ?? 0)));
  }
  let sumSimilarity = 0;
  let maxSimilarity = 0;
  for (let a = 0; a < set.length; a++) {
    for (let b = a + 1; b < set.length; b++) {
      const value = similarity(set[a] as number, set[b] as number);
      sumSimilarity += value;
      maxSimilarity = Math.max(maxSimilarity, value);
    }
  }
  const ordered = [...set].sort((a, b) => a - b);
  let adjacent = 0;
  for (let k = 1; k < ordered.length; k++) if ((ordered[k] ?? 0) - (ordered[k - 1] ?? 0) === 1) adjacent++;
  return [
    probability,
    logit,
    minLogit,
    sumSimilarity,
    maxSimilarity,
    words / WORD_CAP,
    Math.max(0, words - WORD_CAP) / WORD_CAP,
    Math.max(0, 60 - words) / WORD_CAP,
    ((words - 70) / WORD_CAP) ** 2,
    inLead,
    adjacent,
    dangling,
    counts[0] ?? 0,
    (counts[1] ?? 0) > 0 ? 1 : 0,
    counts[2] ?? 0,
    counts[3] ?? 0,
    maxWords / WORD_CAP,
  ];
}

/** The sentences a summary may use, in article order. */
export function leadOrder(view: DocumentView): number[] {
  const anyEligible = view.sentences.some((sentence) => sentence.eligible);
  return view.sentences.filter((sentence) => (anyEligible ? sentence.eligible : sentence.lastResort)).map((sentence) => sentence.index);
}

/** The candidates, and the sentence each `Ia …`/`Namun …` candidate points back to, so the two can be chosen together. */
export function withReferents(view: DocumentView, candidates: readonly number[]): number[] {
  const extended = [...candidates];
  for (const index of candidates) {
    const before = view.sentences[index - 1];
    if (view.sentences[index]?.refersBack === true && before !== undefined && before.eligible && !extended.includes(before.index)) extended.push(before.index);
  }
  return extended;
}

/** Whether a sentence of the set opens with a reference back (`Ia …`) to a sentence the set leaves out, and cannot drop it as a connective. */
export function losesReferent(view: DocumentView, set: readonly number[]): boolean {
  return set.some((index) => {
    const sentence = view.sentences[index];
    return sentence !== undefined && needsPrevious(sentence) && !set.includes(index - 1);
  });
}

/**
 * The candidate summary the set model values most, among those that keep every referent, in article order; undefined when the model is not for this size or
 * there are too few candidates to choose among. Ties go to the set found first (best-scored sentences first).
 */
export function selectSet(view: DocumentView, scores: readonly number[], count: number, model: SetModel): number[] | undefined {
  if (count !== model.size) return undefined;
  const candidates = withReferents(view, topCandidates(view, scores, model.candidates));
  if (candidates.length <= count) return undefined;
  const context = setContext(view, scores);
  const sets = candidateSets(candidates, count, context.similarity);
  if (sets.length === 0) return undefined;
  let best: number[] | undefined;
  let bestValue = -Infinity;
  for (const set of sets) {
    if (losesReferent(view, set)) continue;
    const features = setFeatures(context, set);
    let value = 0;
    for (let k = 0; k < features.length; k++) value += (model.weights[k] ?? 0) * (features[k] ?? 0);
    if (value > bestValue) {
      bestValue = value;
      best = set;
    }
  }
  return best?.sort((a, b) => a - b);
}
