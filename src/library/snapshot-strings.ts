/**
 * Many strings written as a few large blocks and read back as slices of them: one decode per block instead of one per
 * string. Strings of Latin-1 characters go to one-byte blocks and the others to two-byte blocks, so a block of plain text
 * stays one byte per character in memory.
 */

/**
 * Characters per block: a block is read and decoded at once, and a writer holds two of each kind (being filled, being
 * written: up to 24 MB); larger blocks cost a first start hundreds of MB at 250,000 articles for no faster restart.
 */
export const BLOCK_CHARS = 1 << 22;
const NOT_LATIN1 = /[^\u0000-\u00ff]/;

export type BlockKind = 'latin1' | 'utf16';

/** Bytes per character of a block of this kind. */
export function bytesPerChar(kind: BlockKind): number {
  return kind === 'latin1' ? 1 : 2;
}

/** Node's name for the encoding of a block of this kind. */
export function encodingOf(kind: BlockKind): BufferEncoding {
  return kind === 'latin1' ? 'latin1' : 'utf16le';
}

/** Ints per chunk of an IntsOut (1 MiB). */
const INTS_CHUNK_BITS = 18;
const INTS_CHUNK = 1 << INTS_CHUNK_BITS;

/** A growing list of int32s, held in chunks: growing never copies, and only the last chunk has room unused. */
export class IntsOut {
  readonly #chunks: Int32Array[] = [];
  #length = 0;

  push(value: number): void {
    const at = this.#length & (INTS_CHUNK - 1);
    if (at === 0) this.#chunks.push(new Int32Array(INTS_CHUNK));
    (this.#chunks[this.#chunks.length - 1] as Int32Array)[at] = value;
    this.#length++;
  }

  get length(): number {
    return this.#length;
  }

  at(index: number): number {
    return (this.#chunks[index >>> INTS_CHUNK_BITS] as Int32Array)[index & (INTS_CHUNK - 1)] as number;
  }

  /** The ints in order, chunk by chunk, the last cut to its length. */
  parts(): Int32Array[] {
    const last = this.#length & (INTS_CHUNK - 1);
    return this.#chunks.map((chunk, i) => (i === this.#chunks.length - 1 && last > 0 ? chunk.subarray(0, last) : chunk));
  }
}

/**
 * A block being written, its buffer as large as the block will be from the start: pages are only touched as text is
 * written, and it never grows by copying.
 */
class OpenBlock {
  #bytes: Buffer;
  /** In characters. */
  length = 0;
  #used = 0;
  /** Taken by the writer, its bytes let go. */
  given = false;

  constructor(
    readonly kind: BlockKind,
    readonly index: number,
    capacityChars: number,
    spare: ArrayBuffer | undefined,
  ) {
    const size = capacityChars * bytesPerChar(kind);
    this.#bytes = spare !== undefined && spare.byteLength >= size ? Buffer.from(spare) : Buffer.allocUnsafeSlow(size);
  }

  /** Fits: the caller starts a new block for text that would not. */
  add(text: string): void {
    this.#used += this.#bytes.write(text, this.#used, encodingOf(this.kind));
    this.length += text.length;
  }

  get bytes(): Buffer {
    return this.#bytes.subarray(0, this.#used);
  }

  /** Lets its bytes go (they were written): a block given away is written no more. */
  giveAway(): void {
    this.#bytes = Buffer.alloc(0);
    this.given = true;
  }
}

/** A block of text as written: its place among the blocks (the number records name it by), kind and bytes. */
export interface TextBlock {
  readonly index: number;
  readonly kind: BlockKind;
  readonly bytes: Buffer;
}

const textBlockOf = (block: OpenBlock): TextBlock => ({ index: block.index, kind: block.kind, bytes: block.bytes });

export class StringsOut {
  /** Block, start and length of each string, three numbers each. */
  readonly #records = new IntsOut();
  readonly #blocks: OpenBlock[] = [];
  #latin1: OpenBlock | null = null;
  #utf16: OpenBlock | null = null;
  readonly #shared = new Map<string, number>();

  /** Blocks no string is added to any more, not taken yet. */
  #full: OpenBlock[] = [];
  /** A written block's memory of each kind, for the next block: a let-go block lives until V8's next full collection. */
  readonly #spare = new Map<BlockKind, ArrayBuffer>();

  /** `blockChars`: characters per block (fewer make many blocks of a small text, as tests need). */
  constructor(private readonly blockChars: number = BLOCK_CHARS) {}

  /** The number of a string many records repeat (a speaker, a role, a city), written once; -1 for null. Read back with `StringsIn.shared`. */
  addShared(text: string | null): number {
    if (text === null) return -1;
    let number = this.#shared.get(text);
    if (number === undefined) this.#shared.set(text, (number = this.add(text)));
    return number;
  }

  /** The string's number, or -1 for null. */
  add(text: string | null): number {
    if (text === null) return -1;
    const kind: BlockKind = NOT_LATIN1.test(text) ? 'utf16' : 'latin1';
    let block = kind === 'latin1' ? this.#latin1 : this.#utf16;
    if (block === null || (block.length > 0 && block.length + text.length > this.blockChars)) {
      if (block !== null) this.#full.push(block);
      block = new OpenBlock(kind, this.#blocks.length, Math.max(this.blockChars, text.length), this.#spare.get(kind));
      this.#spare.delete(kind);
      this.#blocks.push(block);
      if (kind === 'latin1') this.#latin1 = block;
      else this.#utf16 = block;
    }
    const number = this.#records.length / 3;
    this.#records.push(block.index);
    this.#records.push(block.length);
    this.#records.push(text.length);
    block.add(text);
    return number;
  }

  /** Block, start and length of each string, three ints each. */
  records(): IntsOut {
    return this.#records;
  }

  /** The bytes string `number` was written as (valid until the next string is added). */
  bytesOf(number: number): Buffer {
    const records = this.#records;
    const block = this.#blocks[records.at(number * 3)] as OpenBlock;
    if (block.given) throw new Error(`string ${number}'s block was taken`);
    const width = bytesPerChar(block.kind);
    const start = records.at(number * 3 + 1) * width;
    return block.bytes.subarray(start, start + records.at(number * 3 + 2) * width);
  }

  /** Whether a block is full and not taken yet. */
  get hasFull(): boolean {
    return this.#full.length > 0;
  }

  /** The blocks not taken yet, in order. */
  blocks(): TextBlock[] {
    return this.#blocks.filter((block) => !block.given).map(textBlockOf);
  }

  /** Takes back the memory of a block taken and written, to fill again. */
  reuse(block: TextBlock): void {
    if (this.#blocks[block.index]?.given !== true) return;
    this.#spare.set(block.kind, block.bytes.buffer as ArrayBuffer);
  }

  /**
   * The blocks full since the last call, which no string is added to any more, let go here: the caller writes them out
   * (in the order taken, which need not be the order of `index`), then may hand each back to `reuse`.
   */
  takeFull(): TextBlock[] {
    const taken = this.#full.map(textBlockOf);
    for (const block of this.#full) block.giveAway();
    this.#full = [];
    return taken;
  }
}

/** Strings read back from `StringsOut`'s records and blocks; a number outside them throws a RangeError. */
export class StringsIn {
  readonly #records: Int32Array;
  readonly #blocks: readonly string[];
  readonly #shared = new Map<number, string>();

  constructor(records: Int32Array, blocks: readonly string[]) {
    if (records.length % 3 !== 0) throw new RangeError('string records are not triples');
    this.#records = records;
    this.#blocks = blocks;
  }

  static decode(kind: BlockKind, bytes: Buffer): string {
    return bytes.toString(encodingOf(kind));
  }

  get(number: number): string {
    const at = number * 3;
    if (!Number.isInteger(number) || number < 0 || at >= this.#records.length) throw new RangeError(`no string ${number}`);
    const block = this.#blocks[this.#records[at] as number];
    const start = this.#records[at + 1] as number;
    const end = start + (this.#records[at + 2] as number);
    if (block === undefined || start < 0 || end > block.length) throw new RangeError(`string ${number} outside its block`);
    return block.slice(start, end);
  }

  orNull(number: number): string | null {
    return number === -1 ? null : this.get(number);
  }

  /** A string written with `addShared`, one string however many records name it; null for -1. */
  shared(number: number): string | null {
    if (number === -1) return null;
    let text = this.#shared.get(number);
    if (text === undefined) this.#shared.set(number, (text = this.get(number)));
    return text;
  }
}
