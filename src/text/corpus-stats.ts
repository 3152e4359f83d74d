import type { AnalyzedArticle } from './analyze.js';

/** Corpus-level counts for tf-idf weighting. */
export interface CorpusStats {
  documentCount: number;
  documentFrequency: ReadonlyMap<string, number>;
}

/** Document frequencies in one pass over every article's distinct terms. */
export function buildCorpusStats(articles: Iterable<AnalyzedArticle>): CorpusStats {
  const documentFrequency = new Map<string, number>();
  let documentCount = 0;
  for (const analyzed of articles) {
    documentCount++;
    for (const term of analyzed.termFrequencies.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  return { documentCount, documentFrequency };
}

/** Smoothed inverse document frequency; a term unseen in the corpus counts as rare. */
export function inverseDocumentFrequency(stats: CorpusStats, term: string): number {
  const df = stats.documentFrequency.get(term) ?? 0;
  return Math.log((stats.documentCount + 1) / (df + 1)) + 1;
}
