import type { AnalyzedArticle, AnalyzedSentence } from '../text/index.js';

/**
 * An article's term counts, read from its sentences whenever asked and never stored: a Map per article was about a fifth of
 * what a loaded article held, and only the index build and the summary of one article at a time read the counts.
 * Read-only; iteration follows first use in the sentences, as the Map `analyzeArticle` builds does.
 */
export class SentenceTermCounts extends Map<string, number> {
  readonly #sentences: readonly AnalyzedSentence[];

  constructor(sentences: readonly AnalyzedSentence[]) {
    super();
    this.#sentences = sentences;
  }

  #counted(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const sentence of this.#sentences) for (const term of sentence.terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    return counts;
  }

  override get size(): number {
    return this.#counted().size;
  }

  override get(term: string): number | undefined {
    let count = 0;
    for (const sentence of this.#sentences) for (const t of sentence.terms) if (t === term) count++;
    return count === 0 ? undefined : count;
  }

  override has(term: string): boolean {
    return this.#sentences.some((sentence) => sentence.terms.includes(term));
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
    throw new TypeError('term counts are read from the sentences and cannot be set');
  }

  override delete(): boolean {
    throw new TypeError('term counts are read from the sentences and cannot be deleted');
  }

  override clear(): void {
    throw new TypeError('term counts are read from the sentences and cannot be cleared');
  }
}

/** The same analysis with counts read from its sentences, so what the library keeps of it is its sentences alone. */
export function withCountsFromSentences(analyzed: AnalyzedArticle): AnalyzedArticle {
  return analyzed.termFrequencies instanceof SentenceTermCounts
    ? analyzed
    : { article: analyzed.article, sentences: analyzed.sentences, termFrequencies: new SentenceTermCounts(analyzed.sentences) };
}
