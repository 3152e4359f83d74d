import type { Article } from '../corpus/article.js';
import type { AnalyzedArticle, AnalyzedSentence } from '../text/index.js';
import { TermCounts, type DistinctTerms, type TermSource } from './term-counts.js';

/**
 * Every term some packed analyses name, once each, so an analysis keeps numbers instead of strings. One dictionary grows
 * as analyses are packed under it; a library's analyses are all under one (`underOneDictionary`), and when the corpus
 * shrinks a new dictionary of only its terms is started, so the terms of articles no longer loaded go with them.
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

export type { TermDictionary };

/** The dictionary analyses are packed under from now on. */
let current = new TermDictionary();

/** Per dictionary id, 1 + its place among the distinct terms of the article being counted (0: not met yet); reset after each count. */
let slots = new Int32Array(1 << 16);

function distinctTermsOf(packed: Int32Array, dictionary: TermDictionary): DistinctTerms {
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

/**
 * The dictionary `analyzed` are packed under, which the terms of their packed arrays number (the one analyses are packed
 * under now when none is packed). Throws when they are packed under different ones: their numbers would not mean the same.
 */
export function dictionaryOf(analyzed: Iterable<AnalyzedArticle>): TermDictionary {
  let dictionary: TermDictionary | undefined;
  for (const analysis of analyzed) {
    if (!(analysis instanceof PackedAnalysis) || analysis.dictionary === dictionary) continue;
    if (dictionary !== undefined) throw new Error('analyses packed under different term dictionaries');
    dictionary = analysis.dictionary;
  }
  return dictionary ?? current;
}

/** Every term of the dictionary `analyzed` are packed under, by id: packed analyses written with these ids are read back with `adoptTerms`. */
export function dictionaryTerms(analyzed: Iterable<AnalyzedArticle>): readonly string[] {
  return dictionaryOf(analyzed).terms();
}

/**
 * Makes packed analyses written under another process's dictionary (its `dictionaryTerms`) valid under the current one:
 * into an empty dictionary the terms come in with the same ids and nothing is rewritten or read past each analysis's
 * header (the restart snapshot's checksums vouch for its bytes; an id outside the dictionary would be its writer's bug,
 * told by `termOf` when read); otherwise their term ids are rewritten in place. The analyses lie one after another in
 * `all`, analysis k at [starts[k], starts[k + 1]). Throws a RangeError when one is malformed or, rewritten, names a term
 * outside `terms`.
 */
export function adoptTerms(terms: readonly string[], all: Int32Array, starts: Int32Array): void {
  const ids = Int32Array.from(terms, (term) => current.idOf(term));
  const identity = ids.every((id, i) => id === i);
  // indexes into the one array: element access through a quarter million subarray views cost several times more
  for (let k = 0; k + 1 < starts.length; k++) {
    const start = starts[k] as number;
    const end = starts[k + 1] as number;
    const n = all[start] as number;
    const from = start + 1 + 4 * n;
    if (n < 0 || from > end || end > all.length) throw new RangeError('malformed packed analysis');
    const outside = identity ? -1 : renumber(all, from, end, ids);
    if (outside !== -1) throw new RangeError(`term ${outside} outside the dictionary`);
  }
}

/** Rewrites the term ids in [from, end) by `ids`; the first id outside them, or -1. */
function renumber(array: Int32Array, from: number, end: number, ids: Int32Array): number {
  for (let t = from; t < end; t++) {
    const id = array[t] as number;
    if (id < 0 || id >= ids.length) return id;
    array[t] = ids[id] as number;
  }
  return -1;
}

/**
 * `analyzed` all packed under one dictionary, as a library's search index needs (it numbers terms by it): the current one,
 * or with `fresh` a new one of only their terms, which analyses are packed under from then on. Analyses under another
 * dictionary are copied with their terms renumbered; the arrays of the others are shared, never rewritten, since a library
 * still served may hold them.
 */
export function underOneDictionary(analyzed: readonly AnalyzedArticle[], fresh: boolean): AnalyzedArticle[] {
  if (fresh) current = new TermDictionary();
  const target = current;
  /** Per dictionary met, its ids in the target (-1: not met yet). */
  const idsIn = new Map<TermDictionary, Int32Array>();
  /** Copies made, so arrays two analyses shared (copies of one content) stay shared. */
  const copies = new Map<Int32Array, Int32Array>();
  return analyzed.map((analysis) => {
    if (!(analysis instanceof PackedAnalysis) || analysis.dictionary === target) return analysis;
    const from = analysis.dictionary;
    let packed = copies.get(analysis.packed);
    if (packed === undefined) {
      let ids = idsIn.get(from);
      if (ids === undefined) idsIn.set(from, (ids = new Int32Array(from.size).fill(-1)));
      packed = analysis.packed.slice();
      for (let t = 1 + 4 * (packed[0] as number); t < packed.length; t++) {
        const id = packed[t] as number;
        let renumbered = ids[id] as number;
        if (renumbered === -1) ids[id] = renumbered = target.idOf(from.termOf(id));
        packed[t] = renumbered;
      }
      copies.set(analysis.packed, packed);
    }
    return new PackedAnalysis(analysis.article, packed, target);
  });
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
  const shared = vocabulary.map((term) => current.idOf(term));
  const from = 1 + 4 * n;
  for (let t = 0; t < termIds.length; t++) packed[from + t] = shared[termIds[t] as number] as number;
  return packed;
}

/** An article's analysis kept packed: its sentences are rebuilt whenever asked (a summary or a snippet reads one article at a time). */
export class PackedAnalysis implements AnalyzedArticle, TermSource {
  readonly article: Article;
  readonly packed: Int32Array;
  /** What the term numbers of `packed` name (the dictionary `packSentences` wrote them under unless told). */
  readonly dictionary: TermDictionary;

  constructor(article: Article, packed: Int32Array, dictionary: TermDictionary = current) {
    this.article = article;
    this.packed = packed;
    this.dictionary = dictionary;
  }

  /** Counted from the packed terms when asked: an empty Map kept per article cost a restart a quarter million allocations. */
  get termFrequencies(): Map<string, number> {
    return new TermCounts(this);
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
      for (let t = from; t < to; t++) terms[t - from] = this.dictionary.termOf(packed[termsFrom + t] as number);
      sentences[i] = { text: (this.article.paragraphs[paragraph] ?? '').slice(start, end), paragraph, start, end, terms };
      from = to;
    }
    return sentences;
  }

  distinctTerms(): DistinctTerms {
    return distinctTermsOf(this.packed, this.dictionary);
  }

  forEachTerm(visit: (term: string) => void): void {
    const { packed, dictionary } = this;
    for (let t = 1 + 4 * (packed[0] as number); t < packed.length; t++) visit(dictionary.termOf(packed[t] as number));
  }

  /** The same analysis for an article of the same content (another id or file): the numbers are shared. */
  for(article: Article): PackedAnalysis {
    return new PackedAnalysis(article, this.packed, this.dictionary);
  }
}
