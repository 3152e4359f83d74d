import { createHash } from 'node:crypto';
import { dictionaryOf, PackedAnalysis, type TermDictionary } from '../analysis/compact.js';
import { bodyOccurrences, type NumberedDocuments } from '../search/index.js';
import { terms, type AnalyzedArticle } from '../text/index.js';

/**
 * How a library numbers terms: the first `base` numbers are those of the dictionary its analyses are packed under (numbers
 * it gave later are other terms' here), then `extra` terms the dictionary lacked at the build (title words, terms of
 * unpacked analyses). It looks terms up in a Map of its own, of the terms its articles use once built: the dictionary
 * grows with every analysis packed under it, so its lookup would keep terms of articles no longer loaded.
 */
export class TermNumbering {
  readonly dictionary: TermDictionary;
  readonly base: number;
  readonly #extra: Map<string, number>;
  #ids: Map<string, number>;

  /** `used`: which dictionary numbers to look up (all of them while building). */
  constructor(dictionary: TermDictionary, base: number, extra: Iterable<string> = [], used?: (id: number) => boolean) {
    if (dictionary.size < base) throw new RangeError(`the term dictionary holds fewer than ${base} terms`);
    this.dictionary = dictionary;
    this.base = base;
    this.#extra = new Map();
    for (const term of extra) this.#extra.set(term, base + this.#extra.size);
    this.#ids = this.#lookup(used);
  }

  #lookup(used?: (id: number) => boolean): Map<string, number> {
    const all = this.dictionary.terms();
    const ids = new Map<string, number>();
    for (let id = 0; id < this.base; id++) if (used === undefined || used(id)) ids.set(all[id] as string, id);
    return ids;
  }

  /** After the build: only the dictionary numbers `used` says the articles hold are looked up from now on. */
  keepOnly(used: (id: number) => boolean): void {
    this.#ids = this.#lookup(used);
  }

  /** A digest of the numbers the dictionary gives: saved indexes are valid only under the same. */
  dictionaryDigest(): string {
    return dictionaryDigest(this.dictionary, this.base);
  }

  get termCount(): number {
    return this.base + this.#extra.size;
  }

  /** The extra terms in number order. */
  extra(): string[] {
    return [...this.#extra.keys()];
  }

  termIdOf(term: string): number | undefined {
    return this.#extra.get(term) ?? this.#ids.get(term);
  }

  /** While building: the term's number, numbering it after the others when it has none. */
  numberOf(term: string): number {
    const id = this.termIdOf(term);
    if (id !== undefined) return id;
    const added = this.termCount;
    this.#extra.set(term, added);
    return added;
  }

  *terms(): Generator<[number, string]> {
    for (const [term, id] of this.#ids) yield [id, term];
    for (const [term, id] of this.#extra) yield [id, term];
  }
}

/**
 * The library's articles numbered for the search index: packed analyses already hold their terms as dictionary numbers, so
 * indexing them reads numbers and hashes no string; title words and terms of unpacked analyses the dictionary lacks are
 * numbered after it, for this build only.
 */
export function numberedDocuments(documents: readonly AnalyzedArticle[]): { numbering: TermNumbering; documents: NumberedDocuments } {
  const dictionary = dictionaryOf(documents);
  const numbering = new TermNumbering(dictionary, dictionary.size);
  const unpacked = new Map<number, Int32Array>();
  const titleEnds = new Int32Array(documents.length + 1);
  const titleIds: number[] = [];
  documents.forEach((doc, d) => {
    for (const term of terms(doc.article.title)) titleIds.push(numbering.numberOf(term));
    titleEnds[d + 1] = titleIds.length;
    if (doc instanceof PackedAnalysis) return;
    unpacked.set(d, bodyOccurrences(doc, (term) => numbering.numberOf(term)));
  });
  const titles = Int32Array.from(titleIds);
  const numbered: NumberedDocuments = {
    count: documents.length,
    termCount: numbering.termCount,
    termIdOf: (term) => numbering.termIdOf(term),
    bodyTerms(d) {
      const doc = documents[d];
      if (doc instanceof PackedAnalysis) return doc.packed.subarray(1 + 4 * (doc.packed[0] as number));
      return unpacked.get(d) as Int32Array;
    },
    titleTerms: (d) => titles.subarray(titleEnds[d], titleEnds[d + 1]),
  };
  return { numbering, documents: numbered };
}

/** A hash of the dictionary's first `count` terms: a saved index is valid only under the numbering it was built with. */
export function dictionaryDigest(dictionary: TermDictionary, count: number): string {
  return createHash('sha256').update(dictionary.terms().slice(0, count).join('\n')).digest('hex');
}

/**
 * Document frequencies by term number (`RankedIndex.bodyFrequency`) read by term, as the Map tf-idf weighting reads
 * (`CorpusStats.documentFrequency`): terms no article holds are absent.
 */
export class FrequenciesByTerm extends Map<string, number> {
  readonly #numbers: TermNumbering;
  readonly #frequency: Int32Array;

  constructor(numbers: TermNumbering, frequency: Int32Array) {
    super();
    this.#numbers = numbers;
    this.#frequency = frequency;
  }

  override get(term: string): number | undefined {
    const id = this.#numbers.termIdOf(term);
    const df = id === undefined ? 0 : (this.#frequency[id] ?? 0);
    return df === 0 ? undefined : df;
  }

  override has(term: string): boolean {
    return this.get(term) !== undefined;
  }

  #counted(): Map<string, number> {
    const counted = new Map<string, number>();
    for (const [id, term] of this.#numbers.terms()) {
      const df = this.#frequency[id] ?? 0;
      if (df > 0) counted.set(term, df);
    }
    return counted;
  }

  override get size(): number {
    let size = 0;
    for (const df of this.#frequency) if (df > 0) size++;
    return size;
  }

  override entries(): MapIterator<[string, number]> {
    return this.#counted().entries();
  }

  override keys(): MapIterator<string> {
    return this.#counted().keys();
  }

  override values(): MapIterator<number> {
    return this.#counted().values();
  }

  override [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }

  override forEach(callback: (value: number, key: string, map: Map<string, number>) => void, thisArg?: unknown): void {
    for (const [term, df] of this.#counted()) callback.call(thisArg, df, term, this);
  }

  override set(): this {
    throw new TypeError('document frequencies are counted by the index build and cannot be set');
  }

  override delete(): boolean {
    throw new TypeError('document frequencies are counted by the index build and cannot be deleted');
  }

  override clear(): void {
    throw new TypeError('document frequencies are counted by the index build and cannot be cleared');
  }
}
