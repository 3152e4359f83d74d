import type { DocumentView } from './document.js';

/** One summarization method: a score per sentence of the article, higher is better (sumy-style, one class per method). */
export interface SentenceScorer {
  readonly name: string;
  score(view: DocumentView): number[];
}
