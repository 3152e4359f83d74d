/** Something that can walk an article's terms, sentence after sentence, in reading order. */
export interface TermSource {
  forEachTerm(visit: (term: string) => void): void;
  /** The distinct terms in order of first use and how often each occurs, counted without a Map (the index build reads every article's). */
  distinctTerms?(): DistinctTerms;
}

export interface DistinctTerms {
  readonly terms: readonly string[];
  readonly counts: readonly number[];
}

/**
 * An article's term counts, counted from its terms whenever asked and never stored: a Map per article was about a fifth of
 * what a loaded article held, and only the index build and the summary of one article at a time read the counts.
 * Read-only; iteration follows first use, as the Map `analyzeArticle` builds does.
 */
export class TermCounts extends Map<string, number> {
  readonly #source: TermSource;

  constructor(source: TermSource) {
    super();
    this.#source = source;
  }

  #counted(): Map<string, number> {
    const counts = new Map<string, number>();
    this.#source.forEachTerm((term) => counts.set(term, (counts.get(term) ?? 0) + 1));
    return counts;
  }

  #distinct(): DistinctTerms {
    if (this.#source.distinctTerms !== undefined) return this.#source.distinctTerms();
    const counted = this.#counted();
    return { terms: [...counted.keys()], counts: [...counted.values()] };
  }

  override get size(): number {
    return this.#distinct().terms.length;
  }

  override get(term: string): number | undefined {
    let count = 0;
    this.#source.forEachTerm((t) => {
      if (t === term) count++;
    });
    return count === 0 ? undefined : count;
  }

  override has(term: string): boolean {
    return this.get(term) !== undefined;
  }

  override keys(): MapIterator<string> {
    return this.#distinct().terms.values() as MapIterator<string>;
  }

  override values(): MapIterator<number> {
    return this.#distinct().counts.values() as MapIterator<number>;
  }

  override entries(): MapIterator<[string, number]> {
    const { terms, counts } = this.#distinct();
    return terms.map((term, i): [string, number] => [term, counts[i] as number]).values() as MapIterator<[string, number]>;
  }

  override [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }

  override forEach(callback: (value: number, key: string, map: Map<string, number>) => void, thisArg?: unknown): void {
    const { terms, counts } = this.#distinct();
    terms.forEach((term, i) => callback.call(thisArg, counts[i] as number, term, this));
  }

  override set(): this {
    throw new TypeError('term counts are counted from the terms and cannot be set');
  }

  override delete(): boolean {
    throw new TypeError('term counts are counted from the terms and cannot be deleted');
  }

  override clear(): void {
    throw new TypeError('term counts are counted from the terms and cannot be cleared');
  }
}
