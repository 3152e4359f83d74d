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

/** Every article's terms as flat (term id, count) entries, article after article; a title word counts TITLE_WEIGHT. */
interface TermCounts {
  readonly termIds: Map<string, number>;
  /** Article d owns entries [end[d - 1], end[d]). */
  readonly end: Int32Array;
  readonly entryTerms: Int32Array;
  /** Whole numbers (occurrences, TITLE_WEIGHT per title word): Int32 holds them exactly in half the room of Float64. */
  readonly entryCounts: Int32Array;
  readonly lengths: Float64Array;
  /** Per term id: how many articles hold it. */
  readonly documentFrequency: Int32Array;
}

/** Term id t's postings are [offsets[t], offsets[t + 1]) of docs and weights, docs ascending. */
interface Postings {
  readonly offsets: Int32Array;
  readonly docs: Int32Array;
  /** The BM25 term-frequency part, precomputed: a query only multiplies by idf and adds. */
  readonly weights: Float32Array;
}

const INITIAL_TERMS = 1 << 16;

function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** First pass: each article's counts are walked, not copied, and the document frequencies counted so postings fit preallocated arrays. */
function countTerms(documents: readonly AnalyzedArticle[]): TermCounts {
  const titleTerms = documents.map((doc) => terms(doc.article.title));
  let capacity = 0;
  documents.forEach((doc, d) => (capacity += doc.termFrequencies.size + (titleTerms[d] as string[]).length));
  const termIds = new Map<string, number>();
  const end = new Int32Array(documents.length);
  const entryTerms = new Int32Array(capacity);
  const entryCounts = new Int32Array(capacity);
  const lengths = new Float64Array(documents.length);
  // per term id, sized by the terms seen so far (far fewer than the entries) and grown as more come
  let documentFrequency = new Int32Array(INITIAL_TERMS);
  // per term id, 1 + the last article holding it and its entry there: a title word adds to the body's count
  let lastDocument = new Int32Array(INITIAL_TERMS);
  let lastEntry = new Int32Array(INITIAL_TERMS);
  let entries = 0;
  const add = (term: string, d: number, count: number): void => {
    let id = termIds.get(term);
    if (id === undefined) {
      termIds.set(term, (id = termIds.size));
      if (id === documentFrequency.length) {
        documentFrequency = grown(documentFrequency);
        lastDocument = grown(lastDocument);
        lastEntry = grown(lastEntry);
      }
    }
    if (lastDocument[id] === d + 1) {
      const entry = lastEntry[id] as number;
      entryCounts[entry] = (entryCounts[entry] as number) + count;
      return;
    }
    lastDocument[id] = d + 1;
    lastEntry[id] = entries;
    documentFrequency[id] = (documentFrequency[id] as number) + 1;
    entryTerms[entries] = id;
    entryCounts[entries++] = count;
  };
  documents.forEach((doc, d) => {
    const start = entries;
    for (const [term, tf] of doc.termFrequencies) add(term, d, tf);
    for (const term of titleTerms[d] as string[]) add(term, d, TITLE_WEIGHT);
    // summed in the order the counts were first seen, as the per-article Map copy it replaces iterated them
    let length = 0;
    for (let e = start; e < entries; e++) length += entryCounts[e] as number;
    lengths[d] = length;
    end[d] = entries;
  });
  return { termIds, end, entryTerms, entryCounts, lengths, documentFrequency: documentFrequency.subarray(0, termIds.size) };
}

/** Second pass: every posting written straight to its slot, articles in order so each term's docs come out ascending. */
function layOutPostings({ termIds, end, entryTerms, entryCounts, lengths, documentFrequency }: TermCounts): Postings {
  let total = 0;
  for (const length of lengths) total += length;
  const average = total / Math.max(1, lengths.length) || 1;
  const offsets = new Int32Array(termIds.size + 1);
  for (let t = 0; t < termIds.size; t++) offsets[t + 1] = (offsets[t] as number) + (documentFrequency[t] as number);
  const entries = lengths.length === 0 ? 0 : (end[lengths.length - 1] as number);
  const docs = new Int32Array(entries);
  const weights = new Float32Array(entries);
  const next = offsets.slice(0, termIds.size);
  let e = 0;
  for (let d = 0; d < lengths.length; d++) {
    const norm = K1 * (1 - B + (B * (lengths[d] as number)) / average);
    for (; e < (end[d] as number); e++) {
      const term = entryTerms[e] as number;
      const tf = entryCounts[e] as number;
      const at = next[term] as number;
      next[term] = at + 1;
      docs[at] = d;
      weights[at] = (tf * (K1 + 1)) / (tf + norm);
    }
  }
  return { offsets, docs, weights };
}

/** BM25 over titles and bodies, built once per corpus: an inverted index, so a query touches only the articles that contain its terms. */
export class RankedIndex {
  readonly #termIds: Map<string, number>;
  readonly #postings: Postings;
  readonly #documentCount: number;
  readonly #scores: Float64Array;
  readonly #stamp: Uint32Array;
  #query = 0;

  constructor(documents: readonly AnalyzedArticle[]) {
    this.#documentCount = documents.length;
    const counts = countTerms(documents);
    this.#termIds = counts.termIds;
    this.#postings = layOutPostings(counts);
    this.#scores = new Float64Array(documents.length);
    this.#stamp = new Uint32Array(documents.length);
  }

  search(query: string, limit: number): RankedHit[] {
    const text = query.slice(0, 2000);
    // names are indexed unstemmed and other words stemmed; a query's capitals say little, so it is read both ways
    const queryTerms = [...new Set([...terms(text), ...terms(text.toLowerCase())])].slice(0, MAX_QUERY_TERMS);
    const { offsets, docs, weights } = this.#postings;
    const found = queryTerms.flatMap((term) => {
      const id = this.#termIds.get(term);
      return id === undefined ? [] : [{ term, from: offsets[id] as number, to: offsets[id + 1] as number }];
    });
    if (found.length === 0 || limit <= 0) return [];

    const stamp = ++this.#query;
    const touched: number[] = [];
    for (const { from, to } of found) {
      const df = to - from;
      const idf = Math.log(1 + (this.#documentCount - df + 0.5) / (df + 0.5));
      for (let i = from; i < to; i++) {
        const doc = docs[i] as number;
        if (this.#stamp[doc] !== stamp) {
          this.#stamp[doc] = stamp;
          this.#scores[doc] = 0;
          touched.push(doc);
        }
        this.#scores[doc] = (this.#scores[doc] as number) + idf * (weights[i] as number);
      }
    }
    const top = topDocuments(touched, this.#scores, limit);
    return top.map((index) => ({
      index,
      score: this.#scores[index] as number,
      matched: found.filter(({ from, to }) => contains(docs, from, to, index)).map(({ term }) => term),
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

function contains(sorted: Int32Array, from: number, to: number, value: number): boolean {
  let low = from;
  let high = to - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = sorted[mid] as number;
    if (at === value) return true;
    if (at < value) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}
