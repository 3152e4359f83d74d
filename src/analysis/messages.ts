import type { Article } from '../corpus/article.js';
import type { EncodedQuote, EncodedSentences } from './encoded.js';

/** What the analysing thread is given at start: stems already known, so it does not stem the same words again. */
export interface WorkerSetup {
  readonly stems: Readonly<Record<string, string>>;
}

/** The two halves of an article's analysis, done as separate jobs: quotes need no stemming, so they suit a second thread. */
export type JobKind = 'sentences' | 'quotes';

export type ToWorker =
  | { readonly type: 'job'; readonly kind: JobKind; readonly batch: number; readonly articles: readonly Article[] }
  /** Asks for the stems the worker computed, to keep them in this thread's cache (and the saved stem file). */
  | { readonly type: 'stems' };

export type FromWorker =
  | { readonly type: 'sentences'; readonly batch: number; readonly results: readonly EncodedSentences[] }
  | { readonly type: 'quotes'; readonly batch: number; readonly results: readonly (readonly EncodedQuote[])[] }
  | { readonly type: 'failed'; readonly batch: number; readonly reason: string }
  | { readonly type: 'stems'; readonly stems: Readonly<Record<string, string>> };
