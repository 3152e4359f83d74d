import { fold } from '../text/index.js';
import { checkJoined, joinedAt, joinedCount, joinStrings, type JoinedStrings } from './joined-strings.js';

const wordSplit = /[^\p{L}\p{N}]+/u;
/** Above this many candidate articles a scan from the newest stops sooner than gathering the candidates would. */
const SCAN_THRESHOLD = 4000;

function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

const words = (text: string): string[] => fold(text).split(wordSplit).filter((w) => w !== '');

/** What a title index holds: what a restart keeps to rebuild it without folding a title (`TitleIndex.parts`). */
export interface TitleParts {
  /** Per title: its words and its id's, folded, each after a space, with a space at the end. */
  readonly folded: JoinedStrings;
  /** Every word, sorted. */
  readonly vocabulary: JoinedStrings;
  readonly offsets: Int32Array;
  readonly titles: Int32Array;
}

function checkTitleParts({ folded, vocabulary, offsets, titles }: TitleParts): void {
  checkJoined(folded, 'titles');
  checkJoined(vocabulary, 'title vocabulary');
  const words = joinedCount(vocabulary);
  if (offsets.length !== words + 1 || offsets[0] !== 0) throw new RangeError('title offsets do not match the vocabulary');
  for (let w = 1; w < offsets.length; w++) if ((offsets[w] as number) < (offsets[w - 1] as number)) throw new RangeError('title offsets descend');
  if (offsets[offsets.length - 1] !== titles.length) throw new RangeError('title postings do not match their offsets');
  const count = joinedCount(folded);
  for (const title of titles) if (title < 0 || title >= count) throw new RangeError(`title posting of title ${title}`);
  for (let w = 1; w < words; w++) if (joinedAt(vocabulary, w - 1) >= joinedAt(vocabulary, w)) throw new RangeError('title vocabulary not sorted');
}

/** Autocomplete over titles (and ids): every typed word must start a word of the title; newest first. */
export class TitleIndex {
  readonly #folded: JoinedStrings;
  readonly #count: number;
  readonly #vocabulary: JoinedStrings;
  readonly #words: number;
  /** The titles holding vocabulary word w are #titles[#offsets[w] .. #offsets[w + 1]], ascending. */
  readonly #offsets: Int32Array;
  readonly #titles: Int32Array;

  /** Builds the index of the titles, or takes the parts of one built before (throws a RangeError on broken parts). */
  constructor(titles: readonly { id: string; title: string }[] | TitleParts) {
    if (!Array.isArray(titles)) {
      const parts = titles as TitleParts;
      checkTitleParts(parts);
      ({ folded: this.#folded, vocabulary: this.#vocabulary, offsets: this.#offsets, titles: this.#titles } = parts);
      this.#count = joinedCount(this.#folded);
      this.#words = joinedCount(this.#vocabulary);
      return;
    }
    // the titles are read back as slices of the joined text: at 250,000 titles, each folded string kept beside it cost the first start's peak
    this.#folded = joinStrings(
      (titles as readonly { id: string; title: string }[]).map(({ id, title }) => ` ${words(title).join(' ')} ${words(id).join(' ')} `),
      'folded title',
    );
    this.#count = joinedCount(this.#folded);
    // first pass: number the words, each title's distinct word numbers kept in a row, and count the titles of each word
    const numbers = new Map<string, number>();
    const vocabulary: string[] = [];
    let counts = new Int32Array(1 << 12);
    let lastTitle = new Int32Array(1 << 12);
    let row = new Int32Array(1 << 16);
    let rowLength = 0;
    for (let index = 0; index < this.#count; index++) {
      for (const word of joinedAt(this.#folded, index).split(' ')) {
        if (word === '') continue;
        let number = numbers.get(word);
        if (number === undefined) {
          numbers.set(word, (number = vocabulary.length));
          vocabulary.push(word);
          if (number === counts.length) [counts, lastTitle] = [grown(counts), grown(lastTitle)];
        }
        if (lastTitle[number] === index + 1) continue;
        lastTitle[number] = index + 1;
        counts[number] = (counts[number] as number) + 1;
        if (rowLength === row.length) row = grown(row);
        row[rowLength++] = number;
        row[rowLength++] = index;
      }
    }
    const order = vocabulary.map((_, number) => number).sort((a, b) => ((vocabulary[a] as string) < (vocabulary[b] as string) ? -1 : 1));
    this.#vocabulary = joinStrings(order.map((number) => vocabulary[number] as string), 'title word');
    this.#words = vocabulary.length;
    const place = new Int32Array(vocabulary.length);
    order.forEach((number, at) => (place[number] = at));
    this.#offsets = new Int32Array(vocabulary.length + 1);
    order.forEach((number, at) => (this.#offsets[at + 1] = (this.#offsets[at] as number) + (counts[number] as number)));
    // second pass: titles come in order, so each word's titles come out ascending
    this.#titles = new Int32Array(this.#offsets[vocabulary.length] as number);
    const next = this.#offsets.slice(0, vocabulary.length);
    for (let r = 0; r < rowLength; r += 2) {
      const at = place[row[r] as number] as number;
      const slot = next[at] as number;
      next[at] = slot + 1;
      this.#titles[slot] = row[r + 1] as number;
    }
  }

  parts(): TitleParts {
    return { folded: this.#folded, vocabulary: this.#vocabulary, offsets: this.#offsets, titles: this.#titles };
  }

  /** Indexes of matching titles in list order (newest first). */
  match(query: string, limit: number): number[] {
    const queryWords = words(query.slice(0, 200)).slice(0, 8);
    if (queryWords.length === 0) return Array.from({ length: Math.min(limit, this.#count) }, (_, i) => i);
    const needles = queryWords.map((w) => ` ${w}`);
    const matches = (index: number): boolean => {
      const title = joinedAt(this.#folded, index);
      return needles.every((needle) => title.includes(needle));
    };

    const ranges = queryWords.map((word) => this.#range(word));
    const rarest = ranges.reduce((a, b) => (b.count < a.count ? b : a));
    const result: number[] = [];
    if (rarest.count > SCAN_THRESHOLD) {
      for (let i = 0; i < this.#count && result.length < limit; i++) if (matches(i)) result.push(i);
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
    return { from, to, count: (this.#offsets[to] as number) - (this.#offsets[from] as number) };
  }

  #lowerBound(key: string): number {
    let low = 0;
    let high = this.#words;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (joinedAt(this.#vocabulary, mid) < key) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Sorted indexes of the titles with a word in the vocabulary range. */
  #gather({ from, to }: { from: number; to: number }): Iterable<number> {
    const titles = this.#titles.subarray(this.#offsets[from], this.#offsets[to]);
    if (to - from === 1) return titles;
    return [...new Set(titles)].sort((a, b) => a - b);
  }
}
