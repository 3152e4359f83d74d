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

/**
 * The articles' terms as numbers below `termCount`, in the caller's numbering (the library's is the process-wide term
 * dictionary of the packed analyses, so building reads numbers and never hashes a string).
 */
export interface NumberedDocuments {
  readonly count: number;
  readonly termCount: number;
  /** The number of a term; any number whose term no article holds, or undefined, for a term of none. */
  termIdOf(term: string): number | undefined;
  /** Article d's body terms, one number per occurrence (read before the next call, which may reuse the array). */
  bodyTerms(d: number): Int32Array;
  /** Article d's title terms, one number per occurrence. */
  titleTerms(d: number): Int32Array;
}

/** Term id t's postings are [offsets[t], offsets[t + 1]) of docs and weights, docs ascending. */
interface Postings {
  readonly offsets: Int32Array;
  readonly docs: Int32Array;
  /** The BM25 term-frequency part, precomputed: a query only multiplies by idf and adds. */
  readonly weights: Float32Array;
}

/** Everything a ranked index holds but its term numbering: what a restart keeps to rebuild it without counting (`RankedIndex.parts`). */
export interface RankedParts extends Postings {
  readonly documentCount: number;
  readonly bodyFrequency: Int32Array;
}

/** Throws a RangeError unless the parts are whole: offsets ascend to the end of docs and weights, every doc is an article. */
function checkRankedParts({ documentCount, offsets, docs, weights, bodyFrequency }: RankedParts): void {
  if (offsets.length !== bodyFrequency.length + 1 || offsets[0] !== 0) throw new RangeError('ranked offsets do not match the terms');
  for (let t = 1; t < offsets.length; t++) if ((offsets[t] as number) < (offsets[t - 1] as number)) throw new RangeError('ranked offsets descend');
  if (offsets[offsets.length - 1] !== docs.length || weights.length !== docs.length) throw new RangeError('ranked postings do not match their offsets');
  // an indexed loop over tens of millions of postings: a typed array's iterator costs a restart most of a second
  for (let p = 0, n = docs.length; p < n; p++) {
    const doc = docs[p] as number;
    if (doc < 0 || doc >= documentCount) throw new RangeError(`ranked posting of article ${doc}`);
  }
}

/** One article's distinct terms and counts (a title word counts TITLE_WEIGHT, added to the body's count), by a table per term number. */
class DistinctTerms {
  /** Per term number, 1 + its place among the distinct terms of the article being counted; cleared after each. */
  readonly #slots: Int32Array;
  ids = new Int32Array(1024);
  counts = new Int32Array(1024);
  /** How many distinct terms the body alone has (the first ones). */
  bodyDistinct = 0;

  constructor(termCount: number) {
    this.#slots = new Int32Array(termCount);
  }

  /** Counts article d's terms into ids and counts; returns how many distinct terms it has. */
  count(docs: NumberedDocuments, d: number): number {
    let n = this.#add(docs.bodyTerms(d), 1, 0);
    this.bodyDistinct = n;
    n = this.#add(docs.titleTerms(d), TITLE_WEIGHT, n);
    const slots = this.#slots;
    for (let e = 0; e < n; e++) slots[this.ids[e] as number] = 0;
    return n;
  }

  #add(terms: Int32Array, weight: number, n: number): number {
    const slots = this.#slots;
    if (this.ids.length < n + terms.length) this.#grow(n + terms.length);
    const { ids, counts } = this;
    for (let t = 0; t < terms.length; t++) {
      const id = terms[t] as number;
      const slot = slots[id] as number;
      if (slot === 0) {
        ids[n] = id;
        counts[n++] = weight;
        slots[id] = n;
      } else counts[slot - 1] = (counts[slot - 1] as number) + weight;
    }
    return n;
  }

  #grow(size: number): void {
    const length = Math.max(size, this.ids.length * 2);
    const ids = new Int32Array(length);
    const counts = new Int32Array(length);
    ids.set(this.ids);
    counts.set(this.counts);
    this.ids = ids;
    this.counts = counts;
  }
}

/** An analysed article's body terms as numbers, one per occurrence, as `NumberedDocuments.bodyTerms` gives them. */
export function bodyOccurrences(doc: AnalyzedArticle, idOf: (term: string) => number): Int32Array {
  const occurrences: number[] = [];
  for (const [term, count] of doc.termFrequencies) for (let k = 0, id = idOf(term); k < count; k++) occurrences.push(id);
  return Int32Array.from(occurrences);
}

/** Numbers the terms of analysed articles by a Map of their own (tests, and libraries of unpacked analyses). */
export function numberedByMap(documents: readonly AnalyzedArticle[]): NumberedDocuments {
  const ids = new Map<string, number>();
  const idOf = (term: string): number => {
    let id = ids.get(term);
    if (id === undefined) ids.set(term, (id = ids.size));
    return id;
  };
  const bodies = documents.map((doc) => bodyOccurrences(doc, idOf));
  const titles = documents.map((doc) => Int32Array.from(terms(doc.article.title), idOf));
  return {
    count: documents.length,
    termCount: ids.size,
    termIdOf: (term) => ids.get(term),
    bodyTerms: (d) => bodies[d] as Int32Array,
    titleTerms: (d) => titles[d] as Int32Array,
  };
}

/** What one pass over the articles counts: how many articles hold each term (body and title), and each article's length. */
interface Counted {
  readonly documentFrequency: Int32Array;
  readonly bodyFrequency: Int32Array;
  readonly lengths: Float64Array;
}

function countTerms(docs: NumberedDocuments, distinct: DistinctTerms): Counted {
  const documentFrequency = new Int32Array(docs.termCount);
  const bodyFrequency = new Int32Array(docs.termCount);
  const lengths = new Float64Array(docs.count);
  for (let d = 0; d < docs.count; d++) {
    const n = distinct.count(docs, d);
    const { ids, counts, bodyDistinct } = distinct;
    let length = 0;
    for (let e = 0; e < n; e++) {
      const id = ids[e] as number;
      documentFrequency[id] = (documentFrequency[id] as number) + 1;
      if (e < bodyDistinct) bodyFrequency[id] = (bodyFrequency[id] as number) + 1;
      // whole numbers, so the sum is exact in any order
      length += counts[e] as number;
    }
    lengths[d] = length;
  }
  return { documentFrequency, bodyFrequency, lengths };
}

/** Second pass: every posting written straight to its slot, articles in order so each term's docs come out ascending. */
function layOutPostings(docs: NumberedDocuments, distinct: DistinctTerms, { documentFrequency, lengths }: Counted): Postings {
  let total = 0;
  for (const length of lengths) total += length;
  const average = total / Math.max(1, lengths.length) || 1;
  const termCount = documentFrequency.length;
  const offsets = new Int32Array(termCount + 1);
  for (let t = 0; t < termCount; t++) offsets[t + 1] = (offsets[t] as number) + (documentFrequency[t] as number);
  const entries = offsets[termCount] as number;
  const postingDocs = new Int32Array(entries);
  const weights = new Float32Array(entries);
  const next = offsets.slice(0, termCount);
  for (let d = 0; d < docs.count; d++) {
    const norm = K1 * (1 - B + (B * (lengths[d] as number)) / average);
    const n = distinct.count(docs, d);
    const { ids, counts } = distinct;
    for (let e = 0; e < n; e++) {
      const term = ids[e] as number;
      const tf = counts[e] as number;
      const at = next[term] as number;
      next[term] = at + 1;
      postingDocs[at] = d;
      weights[at] = (tf * (K1 + 1)) / (tf + norm);
    }
  }
  return { offsets, docs: postingDocs, weights };
}

/** BM25 over titles and bodies, built once per corpus: an inverted index, so a query touches only the articles that contain its terms. */
export class RankedIndex {
  readonly #termIdOf: (term: string) => number | undefined;
  readonly #postings: Postings;
  readonly #documentCount: number;
  readonly #scores: Float64Array;
  readonly #stamp: Uint32Array;
  /** Per term number: how many articles hold it in their body (titles aside), as tf-idf weighting counts them. */
  readonly bodyFrequency: Int32Array;
  #query = 0;

  /** Builds the index of the documents, or takes the parts of one built before with the same term numbering (throws a RangeError on broken parts). */
  constructor(documents: readonly AnalyzedArticle[] | NumberedDocuments | { readonly parts: RankedParts; termIdOf(term: string): number | undefined }) {
    if ('parts' in documents) {
      checkRankedParts(documents.parts);
      this.#documentCount = documents.parts.documentCount;
      this.#termIdOf = (term) => documents.termIdOf(term);
      this.#postings = documents.parts;
      this.bodyFrequency = documents.parts.bodyFrequency;
    } else {
      const docs = 'termIdOf' in documents ? documents : numberedByMap(documents);
      this.#documentCount = docs.count;
      const distinct = new DistinctTerms(docs.termCount);
      const counted = countTerms(docs, distinct);
      this.#termIdOf = (term) => docs.termIdOf(term);
      this.#postings = layOutPostings(docs, distinct, counted);
      this.bodyFrequency = counted.bodyFrequency;
    }
    this.#scores = new Float64Array(this.#documentCount);
    this.#stamp = new Uint32Array(this.#documentCount);
  }

  parts(): RankedParts {
    const { offsets, docs, weights } = this.#postings;
    return { documentCount: this.#documentCount, offsets, docs, weights, bodyFrequency: this.bodyFrequency };
  }

  search(query: string, limit: number): RankedHit[] {
    const text = query.slice(0, 2000);
    // names are indexed unstemmed and other words stemmed; a query's capitals say little, so it is read both ways
    const queryTerms = [...new Set([...terms(text), ...terms(text.toLowerCase())])].slice(0, MAX_QUERY_TERMS);
    const { offsets, docs, weights } = this.#postings;
    const found = queryTerms.flatMap((term) => {
      const id = this.#termIdOf(term);
      return id === undefined || id < 0 || id >= offsets.length - 1 ? [] : [{ term, from: offsets[id] as number, to: offsets[id + 1] as number }];
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
