import { closeSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import type { ParagraphStore } from '../corpus/index.js';
import { messageOf } from '../error-message.js';
import { readExactly, type SectionPlace } from './sectioned-file.js';
import { bytesPerChar, encodingOf, type BlockKind } from './snapshot-strings.js';

/** Articles whose paragraphs are kept once read: a summary or a snippet asks for one article's paragraphs many times over. */
const RECENT_ARTICLES = 256;

export interface TextBlockPlace extends Pick<SectionPlace, 'offset' | 'bytes'> {
  readonly kind: BlockKind;
}

const closeWhenUnreachable = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed: nothing held
  }
});

/**
 * The paragraphs of a restart snapshot, left in its file and read when an article's are asked for (one read per text block
 * an article's paragraphs lie in), each article's checked against its own checksum: a restart checks only the rest of the
 * file. The file stays open while any article refers to it, so a snapshot written over it later does not change what
 * these read.
 */
export class SnapshotParagraphs implements ParagraphStore {
  readonly #fd: number;
  readonly #blocks: readonly TextBlockPlace[];
  /** Block, start and length (in characters) of each paragraph. */
  readonly #records: Int32Array;
  /** First paragraph, paragraph count and checksum of each article's paragraph bytes. */
  readonly #articles: Int32Array;
  readonly #recent = new Map<number, readonly string[]>();
  #onDamage: ((reason: string) => void) | undefined;

  /** Throws a RangeError when a record lies outside its block or an article outside the records; the file is closed once nothing refers to this. */
  constructor(fd: number, blocks: readonly TextBlockPlace[], records: Int32Array, articles: Int32Array) {
    closeWhenUnreachable.register(this, fd);
    if (records.length % 3 !== 0 || articles.length % 3 !== 0) throw new RangeError('paragraph records are not triples');
    for (let at = 0; at < records.length; at += 3) {
      const block = blocks[records[at] as number];
      const start = records[at + 1] as number;
      const length = records[at + 2] as number;
      if (block === undefined || start < 0 || length < 0 || (start + length) * bytesPerChar(block.kind) > block.bytes) throw new RangeError(`paragraph ${at / 3} outside its block`);
    }
    for (let at = 0; at < articles.length; at += 3) {
      const first = articles[at] as number;
      const count = articles[at + 1] as number;
      if (first < 0 || count < 0 || (first + count) * 3 > records.length) throw new RangeError(`article ${at / 3}'s paragraphs outside the records`);
    }
    this.#fd = fd;
    this.#blocks = blocks;
    this.#records = records;
    this.#articles = articles;
  }

  /** Told once, the first time an article's paragraphs cannot be read or fail their checksum (that read throws the same reason). */
  whenDamaged(listener: (reason: string) => void): void {
    this.#onDamage = listener;
  }

  /** How many articles' paragraphs this holds. */
  get articleCount(): number {
    return this.#articles.length / 3;
  }

  paragraphCount(article: number): number {
    return this.#articles[article * 3 + 1] ?? 0;
  }

  paragraphs(article: number): readonly string[] {
    const recent = this.#recent.get(article);
    if (recent !== undefined) {
      this.#recent.delete(article);
      this.#recent.set(article, recent);
      return recent;
    }
    if (!Number.isInteger(article) || article < 0 || article >= this.articleCount) throw new RangeError(`no article ${article}`);
    let read: readonly string[];
    try {
      read = Object.freeze(this.#read(article));
    } catch (error) {
      const listener = this.#onDamage;
      this.#onDamage = undefined;
      listener?.(messageOf(error));
      throw error;
    }
    this.#recent.set(article, read);
    if (this.#recent.size > RECENT_ARTICLES) this.#recent.delete(this.#recent.keys().next().value as number);
    return read;
  }

  #read(article: number): string[] {
    const first = this.#articles[article * 3] as number;
    const count = this.#articles[article * 3 + 1] as number;
    const records = this.#records;
    // the span of each block the paragraphs lie in (they were written one after another)
    const spans = new Map<number, { from: number; to: number; bytes?: Buffer }>();
    for (let p = first; p < first + count; p++) {
      const block = records[p * 3] as number;
      const start = records[p * 3 + 1] as number;
      const end = start + (records[p * 3 + 2] as number);
      const span = spans.get(block);
      if (span === undefined) spans.set(block, { from: start, to: end });
      else {
        span.from = Math.min(span.from, start);
        span.to = Math.max(span.to, end);
      }
    }
    try {
      for (const [index, span] of spans) {
        const block = this.#blocks[index] as TextBlockPlace;
        const width = bytesPerChar(block.kind);
        span.bytes = readExactly(this.#fd, Buffer.allocUnsafe((span.to - span.from) * width), block.offset + span.from * width);
      }
    } catch (error) {
      throw new Error(`the restart snapshot's text could not be read (${messageOf(error)})`);
    }
    const paragraphs = new Array<string>(count);
    let crc = 0;
    for (let p = first; p < first + count; p++) {
      const index = records[p * 3] as number;
      const span = spans.get(index) as { from: number; bytes: Buffer };
      const kind = (this.#blocks[index] as TextBlockPlace).kind;
      const width = bytesPerChar(kind);
      const start = ((records[p * 3 + 1] as number) - span.from) * width;
      const end = start + (records[p * 3 + 2] as number) * width;
      crc = paragraphChecksum(crc, span.bytes.subarray(start, end));
      paragraphs[p - first] = span.bytes.toString(encodingOf(kind), start, end);
    }
    if ((crc | 0) !== this.#articles[article * 3 + 2]) throw new Error(`the restart snapshot's text is damaged (checksum mismatch in article ${article}'s paragraphs)`);
    return paragraphs;
  }
}

/** The checksum `SnapshotParagraphs` checks an article's paragraphs against: of their bytes as written, one after another. */
export function paragraphChecksum(crc: number, bytes: Uint8Array): number {
  // zlib's crc32 gives 0, not the running value, for some empty views
  return bytes.length === 0 ? crc : crc32(bytes, crc);
}
