import { fold } from '../text/index.js';

const wordSplit = /[^\p{L}\p{N}]+/u;
/** Above this many candidate articles a scan from the newest stops sooner than gathering the candidates would. */
const SCAN_THRESHOLD = 2000;

const words = (text: string): string[] => fold(text).split(wordSplit).filter((w) => w !== '');

/** Autocomplete over titles (and ids): every typed word must start a word of the title; newest first. */
export class TitleIndex {
  readonly #folded: string[];
  readonly #vocabulary: string[];
  readonly #postings: number[][];

  constructor(titles: readonly { id: string; title: string }[]) {
    this.#folded = titles.map(({ id, title }) => ` ${words(title).join(' ')} ${words(id).join(' ')} `);
    const byWord = new Map<string, number[]>();
    this.#folded.forEach((text, index) => {
      for (const word of new Set(text.split(' '))) {
        if (word === '') continue;
        const list = byWord.get(word);
        if (list === undefined) byWord.set(word, [index]);
        else list.push(index);
      }
    });
    this.#vocabulary = [...byWord.keys()].sort();
    this.#postings = this.#vocabulary.map((word) => byWord.get(word) ?? []);
  }

  /** Indexes of matching titles in list order (newest first). */
  match(query: string, limit: number): number[] {
    const queryWords = words(query.slice(0, 200)).slice(0, 8);
    if (queryWords.length === 0) return Array.from({ length: Math.min(limit, this.#folded.length) }, (_, i) => i);
    const needles = queryWords.map((w) => ` ${w}`);
    const matches = (index: number): boolean => needles.every((needle) => this.#folded[index]?.includes(needle) === true);

    const longest = queryWords.reduce((a, b) => (b.length > a.length ? b : a));
    const candidates = this.#candidates(longest);
    const result: number[] = [];
    if (candidates === null) {
      for (let i = 0; i < this.#folded.length && result.length < limit; i++) if (matches(i)) result.push(i);
      return result;
    }
    for (const index of candidates) {
      if (result.length >= limit) break;
      if (matches(index)) result.push(index);
    }
    return result;
  }

  /** Sorted indexes of titles with a word starting with `prefix`, or null when there are too many to be worth gathering. */
  #candidates(prefix: string): number[] | null {
    let low = 0;
    let high = this.#vocabulary.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.#vocabulary[mid] ?? '') < prefix) low = mid + 1;
      else high = mid;
    }
    const gathered = new Set<number>();
    for (let i = low; i < this.#vocabulary.length && (this.#vocabulary[i] ?? '').startsWith(prefix); i++) {
      for (const index of this.#postings[i] ?? []) gathered.add(index);
      if (gathered.size > SCAN_THRESHOLD) return null;
    }
    return [...gathered].sort((a, b) => a - b);
  }
}
