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
  readonly docs: Int32Array;
  /** The BM25 term-frequency part, precomputed: a query only multiplies by idf and adds. */
  readonly weights: Float32Array;
}

/** BM25 over titles and bodies, built once per corpus: an inverted index, so a query touches only the articles that contain its terms. */
export class RankedIndex {
  readonly #postings = new Map<string, Postings>();
  readonly #documentCount: number;
  readonly #scores: Float64Array;
  readonly #stamp: Uint32Array;
  #query = 0;

  constructor(documents: readonly AnalyzedArticle[]) {
    this.#documentCount = documents.length;
    const perDocument = documents.map((doc) => {
      const counts = new Map(doc.termFrequencies);
      for (const term of terms(doc.article.title)) counts.set(term, (counts.get(term) ?? 0) + TITLE_WEIGHT);
      let length = 0;
      for (const count of counts.values()) length += count;
      return { counts, length };
    });
    const average = perDocument.reduce((sum, d) => sum + d.length, 0) / Math.max(1, documents.length) || 1;
    const building = new Map<string, { docs: number[]; weights: number[] }>();
    perDocument.forEach(({ counts, length }, index) => {
      const norm = K1 * (1 - B + (B * length) / average);
      for (const [term, tf] of counts) {
        let list = building.get(term);
        if (list === undefined) building.set(term, (list = { docs: [], weights: [] }));
        list.docs.push(index);
        list.weights.push((tf * (K1 + 1)) / (tf + norm));
      }
    });
    for (const [term, list] of building) {
      this.#postings.set(term, { docs: Int32Array.from(list.docs), weights: Float32Array.from(list.weights) });
    }
    this.#scores = new Float64Array(documents.length);
    this.#stamp = new Uint32Array(documents.length);
  }

  search(query: string, limit: number): RankedHit[] {
    const text = query.slice(0, 2000);
    // names are indexed unstemmed and other words stemmed; a query's capitals say little, so it is read both ways
    const queryTerms = [...new Set([...terms(text), ...terms(text.toLowerCase())])].slice(0, MAX_QUERY_TERMS);
    const found = queryTerms.flatMap((term) => {
      const postings = this.#postings.get(term);
      return postings === undefined ? [] : [{ term, postings }];
    });
    if (found.length === 0 || limit <= 0) return [];

    const stamp = ++this.#query;
    const touched: number[] = [];
    for (const { postings } of found) {
      const df = postings.docs.length;
      const idf = Math.log(1 + (this.#documentCount - df + 0.5) / (df + 0.5));
      for (let i = 0; i < df; i++) {
        const doc = postings.docs[i] as number;
        if (this.#stamp[doc] !== stamp) {
          this.#stamp[doc] = stamp;
          this.#scores[doc] = 0;
          touched.push(doc);
        }
        this.#scores[doc] = (this.#scores[doc] as number) + idf * (postings.weights[i] as number);
      }
    }
    const top = topDocuments(touched, this.#scores, limit);
    return top.map((index) => ({
      index,
      score: this.#scores[index] as number,
      matched: found.filter(({ postings }) => contains(postings.docs, index)).map(({ term }) => term),
    }));
  }
}

/** The `limit` best documents, ties to the newer one (lower index), without sorting every touched document. */
function topDocuments(touched: readonly number[], scores: Float64Array, limit: number): number[] {
  const better = (a: number, b: number): boolean => (scores[a] as number) > (scores[b] as number) || (scores[a] === scores[b] && a < b);
  const best: number[] = [];
  for (const doc of touched) {
    if (best.length < limit) {
      best.push(doc);
      if (best.length === limit) best.sort((a, b) => (better(a, b) ? -1 : 1));
      continue;
    }
    const worst = best[best.length - 1] as number;
    if (!better(doc, worst)) continue;
    let at = best.length - 1;
    while (at > 0 && better(doc, best[at - 1] as number)) {
      best[at] = best[at - 1] as number;
      at--;
    }
    best[at] = doc;
  }
  if (best.length < limit) best.sort((a, b) => (better(a, b) ? -1 : 1));
  return best;
}

function contains(sorted: Int32Array, value: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = sorted[mid] as number;
    if (at === value) return true;
    if (at < value) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}
