import type { Article } from '../corpus/article.js';
import type { AnalyzedArticle, AnalyzedSentence } from '../text/index.js';
import { TermCounts, type DistinctTerms, type TermSource } from './term-counts.js';

/**
 * Every term the analyses of this process name, once each, so an analysis keeps numbers instead of strings. It only grows,
 * as the stem cache does: its size follows the vocabulary, not the number of articles or reloads.
 */
class TermDictionary {
  readonly #ids = new Map<string, number>();
  readonly #terms: string[] = [];

  idOf(term: string): number {
    let id = this.#ids.get(term);
    if (id === undefined) {
      id = this.#terms.length;
      this.#ids.set(term, id);
      this.#terms.push(term);
    }
    return id;
  }

  get size(): number {
    return this.#terms.length;
  }

  /** Terms by id, from 0 to size - 1 (kept in the restart snapshot). */
  terms(): readonly string[] {
    return this.#terms;
  }

  termOf(id: number): string {
    const term = this.#terms[id];
    if (term === undefined) throw new RangeError(`no term ${id}`);
    return term;
  }
}

const dictionary = new TermDictionary();

/** Per dictionary id, 1 + its place among the distinct terms of the article being counted (0: not met yet); reset after each count. */
let slots = new Int32Array(1 << 16);

function distinctTermsOf(packed: Int32Array): DistinctTerms {
  if (slots.length < dictionary.size) slots = new Int32Array(Math.max(dictionary.size, slots.length * 2));
  const ids: number[] = [];
  const counts: number[] = [];
  for (let t = 1 + 4 * (packed[0] as number); t < packed.length; t++) {
    const id = packed[t] as number;
    const slot = slots[id] as number;
    if (slot === 0) {
      ids.push(id);
      counts.push(1);
      slots[id] = ids.length;
    } else counts[slot - 1] = (counts[slot - 1] as number) + 1;
  }
  const terms = ids.map((id) => {
    slots[id] = 0;
    return dictionary.termOf(id);
  });
  return { terms, counts };
}

/** Every term of this process's dictionary, by id: packed analyses written with these ids are read back with `adoptTerms`. */
export function dictionaryTerms(): readonly string[] {
  return dictionary.terms();
}

/**
 * Makes packed analyses written under another process's dictionary (its `dictionaryTerms`) valid in this one: into an
 * empty dictionary the terms come in with the same ids and nothing is rewritten; otherwise each packed array's term ids
 * are rewritten in place. Throws a RangeError when a packed array names a term outside `terms` or is malformed.
 */
export function adoptTerms(terms: readonly string[], packed: readonly Int32Array[]): void {
  const ids = Int32Array.from(terms, (term) => dictionary.idOf(term));
  const identity = ids.every((id, i) => id === i);
  for (const array of packed) {
    const n = array[0] as number;
    const from = 1 + 4 * n;
    if (n < 0 || from > array.length) throw new RangeError('malformed packed analysis');
    for (let t = from; t < array.length; t++) {
      const id = array[t] as number;
      if (id < 0 || id >= ids.length) throw new RangeError(`term ${id} outside the dictionary`);
      if (!identity) array[t] = ids[id] as number;
    }
  }
}

/** What `packSentences` needs of an analysis: sentence spans and, per sentence, its terms as the article-local ids of `vocabulary`. */
export interface SentenceNumbers {
  readonly spans: Int32Array;
  readonly vocabulary: readonly string[];
  readonly termIds: Int32Array;
  readonly termEnds: Int32Array;
}

/**
 * One Int32Array per article: the sentence count n, then (paragraph, start, end) × n, then each sentence's end in the terms,
 * then the terms as dictionary ids. A few hundred bytes where sentence objects, term arrays and a count Map took kilobytes.
 */
export function packSentences({ spans, vocabulary, termIds, termEnds }: SentenceNumbers): Int32Array {
  const n = termEnds.length;
  const packed = new Int32Array(1 + 4 * n + termIds.length);
  packed[0] = n;
  packed.set(spans, 1);
  packed.set(termEnds, 1 + 3 * n);
  const shared = vocabulary.map((term) => dictionary.idOf(term));
  const from = 1 + 4 * n;
  for (let t = 0; t < termIds.length; t++) packed[from + t] = shared[termIds[t] as number] as number;
  return packed;
}

/** An article's analysis kept packed: its sentences are rebuilt whenever asked (a summary or a snippet reads one article at a time). */
export class PackedAnalysis implements AnalyzedArticle, TermSource {
  readonly article: Article;
  readonly packed: Int32Array;
  readonly termFrequencies: Map<string, number>;

  constructor(article: Article, packed: Int32Array) {
    this.article = article;
    this.packed = packed;
    this.termFrequencies = new TermCounts(this);
  }

  get sentences(): AnalyzedSentence[] {
    const packed = this.packed;
    const n = packed[0] as number;
    const termsFrom = 1 + 4 * n;
    const sentences = new Array<AnalyzedSentence>(n);
    let from = 0;
    for (let i = 0; i < n; i++) {
      const paragraph = packed[1 + 3 * i] as number;
      const start = packed[2 + 3 * i] as number;
      const end = packed[3 + 3 * i] as number;
      const to = packed[1 + 3 * n + i] as number;
      const terms = new Array<string>(to - from);
      for (let t = from; t < to; t++) terms[t - from] = dictionary.termOf(packed[termsFrom + t] as number);
      sentences[i] = { text: (this.article.paragraphs[paragraph] ?? '').slice(start, end), paragraph, start, end, terms };
      from = to;
    }
    return sentences;
  }

  distinctTerms(): DistinctTerms {
    return distinctTermsOf(this.packed);
  }

  forEachTerm(visit: (term: string) => void): void {
    const packed = this.packed;
    for (let t = 1 + 4 * (packed[0] as number); t < packed.length; t++) visit(dictionary.termOf(packed[t] as number));
  }

  /** The same analysis for an article of the same content (another id or file): the numbers are shared. */
  for(article: Article): PackedAnalysis {
    return new PackedAnalysis(article, this.packed);
  }
}
