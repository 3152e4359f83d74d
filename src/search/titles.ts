import { fold } from '../text/index.js';

const wordSplit = /[^\p{L}\p{N}]+/u;
/** Above this many candidate articles a scan from the newest stops sooner than gathering the candidates would. */
const SCAN_THRESHOLD = 4000;

const words = (text: string): string[] => fold(text).split(wordSplit).filter((w) => w !== '');

/** Autocomplete over titles (and ids): every typed word must start a word of the title; newest first. */
export class TitleIndex {
  readonly #folded: string[];
  readonly #vocabulary: string[];
  readonly #postings: number[][];
  /** postings lengths summed over the sorted vocabulary: how many title-words a prefix covers, in two binary searches. */
  readonly #cumulative: Float64Array;

  constructor(titles: readonly { id: string; title: string }[]) {
    this.#folded = titles.map(({ id, title }) => ` ${words(title).join(' ')} ${words(id).join(' ')} `);
    const byWord = new Map<string, number[]>();
    this.#folded.forEach((text, index) => {
      for (const word of text.split(' ')) {
        if (word === '') continue;
        const list = byWord.get(word);
        if (list === undefined) byWord.set(word, [index]);
        // titles come in order, so a word repeated within one title is already the list's last entry
        else if (list[list.length - 1] !== index) list.push(index);
      }
    });
    this.#vocabulary = [...byWord.keys()].sort();
    this.#postings = this.#vocabulary.map((word) => byWord.get(word) ?? []);
    this.#cumulative = new Float64Array(this.#vocabulary.length + 1);
    this.#postings.forEach((list, i) => (this.#cumulative[i + 1] = (this.#cumulative[i] ?? 0) + list.length));
  }

  /** Indexes of matching titles in list order (newest first). */
  match(query: string, limit: number): number[] {
    const queryWords = words(query.slice(0, 200)).slice(0, 8);
    if (queryWords.length === 0) return Array.from({ length: Math.min(limit, this.#folded.length) }, (_, i) => i);
    const needles = queryWords.map((w) => ` ${w}`);
    const matches = (index: number): boolean => needles.every((needle) => this.#folded[index]?.includes(needle) === true);

    const ranges = queryWords.map((word) => this.#range(word));
    const rarest = ranges.reduce((a, b) => (b.count < a.count ? b : a));
    const result: number[] = [];
    if (rarest.count > SCAN_THRESHOLD) {
      for (let i = 0; i < this.#folded.length && result.length < limit; i++) if (matches(i)) result.push(i);
      return result;
    }
    for (const index of this.#gather(rarest)) {
      if (result.length >= limit) break;
      if (matches(index)) result.push(index);
    }
    return result;
  }

  #range(prefix: string): { from: number; to: number; count: number } {
    const from = this.#lowerBound(prefix);
    const to = this.#lowerBound(`${prefix}\uffff`);
    return { from, to, count: (this.#cumulative[to] ?? 0) - (this.#cumulative[from] ?? 0) };
  }

  #lowerBound(key: string): number {
    let low = 0;
    let high = this.#vocabulary.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.#vocabulary[mid] ?? '') < key) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Sorted indexes of the titles with a word in the vocabulary range. */
  #gather({ from, to }: { from: number; to: number }): number[] {
    if (to - from === 1) return this.#postings[from] ?? [];
    const gathered = new Set<number>();
    for (let i = from; i < to; i++) for (const index of this.#postings[i] ?? []) gathered.add(index);
    return [...gathered].sort((a, b) => a - b);
  }
}
