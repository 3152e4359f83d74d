import type { AnalyzedArticle } from '../text/index.js';
import { terms } from '../text/index.js';

const K1 = 1.2;
const B = 0.75;
const TITLE_WEIGHT = 3;
const MAX_QUERY_TERMS = 32;

export interface RankedHit {
  /** Position of the article in the list the index was built from. */
  readonly index: number;
  readonly score: number;
  /** The query terms the article contains. */
  readonly matched: readonly string[];
}

interface Postings {
  docs: number[];
  weights: number[];
}

/** BM25 over titles and bodies, built once per corpus: an inverted index, so a query touches only the articles that contain its terms. */
export class RankedIndex {
  readonly #postings = new Map<string, Postings>();
  readonly #lengthNorm: Float64Array;
  readonly #documentCount: number;

  constructor(documents: readonly AnalyzedArticle[]) {
    this.#documentCount = documents.length;
    const lengths = new Float64Array(documents.length);
    documents.forEach((doc, index) => {
      const counts = new Map(doc.termFrequencies);
      for (const term of terms(doc.article.title)) counts.set(term, (counts.get(term) ?? 0) + TITLE_WEIGHT);
      let length = 0;
      for (const [term, count] of counts) {
        length += count;
        let postings = this.#postings.get(term);
        if (postings === undefined) {
          postings = { docs: [], weights: [] };
          this.#postings.set(term, postings);
        }
        postings.docs.push(index);
        postings.weights.push(count);
      }
      lengths[index] = length;
    });
    const average = documents.length === 0 ? 1 : lengths.reduce((sum, l) => sum + l, 0) / documents.length || 1;
    this.#lengthNorm = lengths.map((length) => K1 * (1 - B + (B * length) / average));
  }

  search(query: string, limit: number): RankedHit[] {
    const text = query.slice(0, 2000);
    // names are indexed unstemmed and other words stemmed; a query's capitals say little, so it is read both ways
    const queryTerms = [...new Set([...terms(text), ...terms(text.toLowerCase())])].slice(0, MAX_QUERY_TERMS);
    const scores = new Map<number, { score: number; matched: string[] }>();
    for (const term of queryTerms) {
      const postings = this.#postings.get(term);
      if (postings === undefined) continue;
      const df = postings.docs.length;
      const idf = Math.log(1 + (this.#documentCount - df + 0.5) / (df + 0.5));
      for (let i = 0; i < df; i++) {
        const doc = postings.docs[i] ?? 0;
        const tf = postings.weights[i] ?? 0;
        const gain = (idf * tf * (K1 + 1)) / (tf + (this.#lengthNorm[doc] ?? K1));
        const entry = scores.get(doc);
        if (entry === undefined) scores.set(doc, { score: gain, matched: [term] });
        else {
          entry.score += gain;
          entry.matched.push(term);
        }
      }
    }
    const hits: RankedHit[] = [];
    for (const [index, { score, matched }] of scores) hits.push({ index, score, matched });
    // ties go to the newer article, which comes first in the list
    hits.sort((a, b) => b.score - a.score || a.index - b.index);
    return hits.slice(0, Math.max(0, limit));
  }
}
