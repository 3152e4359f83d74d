/** Something that can walk an article's terms, sentence after sentence, in reading order. */
export interface TermSource {
  forEachTerm(visit: (term: string) => void): void;
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

  override get size(): number {
    return this.#counted().size;
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
    return this.#counted().keys();
  }

  override values(): MapIterator<number> {
    return this.#counted().values();
  }

  override entries(): MapIterator<[string, number]> {
    return this.#counted().entries();
  }

  override [Symbol.iterator](): MapIterator<[string, number]> {
    return this.#counted()[Symbol.iterator]();
  }

  override forEach(callback: (value: number, key: string, map: Map<string, number>) => void, thisArg?: unknown): void {
    this.#counted().forEach((value, key) => callback.call(thisArg, value, key, this));
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
