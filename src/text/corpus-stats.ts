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

/** `inverseDocumentFrequency` of one corpus, each term's logarithm taken once (the stats must not change after). */
export type IdfTable = (term: string) => number;

const tables = new WeakMap<CorpusStats, IdfTable>();

export function idfTable(stats: CorpusStats): IdfTable {
  let table = tables.get(stats);
  if (table === undefined) {
    const known = new Map<string, number>();
    table = (term) => {
      let idf = known.get(term);
      if (idf === undefined) {
        idf = inverseDocumentFrequency(stats, term);
        known.set(term, idf);
      }
      return idf;
    };
    tables.set(stats, table);
  }
  return table;
}
