import type { DocumentView } from './document.js';

/** One summarization method: a score per sentence of the article, higher is better (sumy-style, one class per method). */
export interface SentenceScorer {
  readonly name: string;
  score(view: DocumentView): number[];
  /** A method that judges whole summaries picks its own `count` sentences (article order); undefined leaves it to the greedy selector. */
  select?(view: DocumentView, scores: readonly number[], count: number): number[] | undefined;
}
