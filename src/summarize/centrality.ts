import type { DocumentView } from './document.js';
import { memoizedPer } from './memo.js';
import type { SentenceScorer } from './scorer.js';

const DAMPING = 0.85;
const ITERATIONS = 30;
/** Centrality is quadratic in sentences; beyond this many the lead decides anyway, so later sentences rank 0. */
export const MAX_RANKED_SENTENCES = 150;

/** Cosine similarity of every pair of sentences, accumulated term by term over the sentences that share it. */
function similarities(view: DocumentView, n: number): Float64Array {
  const postings = new Map<string, Array<{ sentence: number; weight: number }>>();
  view.sentences.forEach((sentence, index) => {
    if (sentence.norm === 0 || index >= n) return;
    for (const [term, weight] of sentence.vector) {
      let list = postings.get(term);
      if (list === undefined) postings.set(term, (list = []));
      list.push({ sentence: index, weight: weight / sentence.norm });
    }
  });
  const matrix = new Float64Array(n * n);
  for (const list of postings.values()) {
    for (let a = 0; a < list.length; a++) {
      const x = list[a] as { sentence: number; weight: number };
      for (let b = a + 1; b < list.length; b++) {
        const y = list[b] as { sentence: number; weight: number };
        if (x.sentence === y.sentence) continue;
        const product = x.weight * y.weight;
        matrix[x.sentence * n + y.sentence] = (matrix[x.sentence * n + y.sentence] ?? 0) + product;
        matrix[y.sentence * n + x.sentence] = (matrix[y.sentence * n + x.sentence] ?? 0) + product;
      }
    }
  }
  return matrix;
}

const rankOnce = memoizedPer(rank);

/** PageRank over the sentences' tf-idf cosine similarities (TextRank/LexRank without a position prior); memoised per view. */
export function centralityScores(view: DocumentView): number[] {
  return [...rankOnce(view)];
}

function rank(view: DocumentView): number[] {
  const n = Math.min(view.sentences.length, MAX_RANKED_SENTENCES);
  if (n === 0) return [];
  const weights = similarities(view, n);
  const outSums = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) outSums[i] = (outSums[i] ?? 0) + (weights[i * n + j] ?? 0);
  let rankVector = new Float64Array(n).fill(1 / n);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const next = new Float64Array(n).fill((1 - DAMPING) / n);
    for (let j = 0; j < n; j++) {
      const out = outSums[j] ?? 0;
      const mass = DAMPING * (rankVector[j] ?? 0);
      if (out > 0) {
        for (let i = 0; i < n; i++) next[i] = (next[i] ?? 0) + (mass * (weights[j * n + i] ?? 0)) / out;
      } else {
        for (let i = 0; i < n; i++) next[i] = (next[i] ?? 0) + mass / n;
      }
    }
    rankVector = next;
  }
  return [...rankVector, ...new Array<number>(view.sentences.length - n).fill(0)];
}

export class CentralityScorer implements SentenceScorer {
  readonly name = 'centrality';

  score(view: DocumentView): number[] {
    return centralityScores(view);
  }
}
