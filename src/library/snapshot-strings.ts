/**
 * Many strings written as a few large blocks and read back as slices of them: one decode per block instead of one per
 * string. Strings of Latin-1 characters go to one-byte blocks and the others to two-byte blocks, so a block of plain text
 * stays one byte per character in memory.
 */

/** Characters per block: far below V8's longest string, and a block is read and decoded at once. */
const BLOCK_CHARS = 1 << 27;
const NOT_LATIN1 = /[^\u0000-\u00ff]/;

export type BlockKind = 'latin1' | 'utf16';

/** A growing Int32Array. */
export class IntsOut {
  #array = new Int32Array(1 << 16);
  #length = 0;

  push(value: number): void {
    if (this.#length === this.#array.length) {
      const bigger = new Int32Array(this.#array.length * 2);
      bigger.set(this.#array);
      this.#array = bigger;
    }
    this.#array[this.#length++] = value;
  }

  get length(): number {
    return this.#length;
  }

  done(): Int32Array {
    return this.#array.subarray(0, this.#length);
  }
}

interface OpenBlock {
  readonly kind: BlockKind;
  readonly index: number;
  readonly parts: string[];
  length: number;
}

export class StringsOut {
  /** Block, start and length of each string, three numbers each. */
  readonly #records = new IntsOut();
  readonly #blocks: OpenBlock[] = [];
  #latin1: OpenBlock | null = null;
  #utf16: OpenBlock | null = null;

  /** The string's number, or -1 for null. */
  add(text: string | null): number {
    if (text === null) return -1;
    const kind: BlockKind = NOT_LATIN1.test(text) ? 'utf16' : 'latin1';
    let block = kind === 'latin1' ? this.#latin1 : this.#utf16;
    if (block === null || block.length + text.length > BLOCK_CHARS) {
      block = { kind, index: this.#blocks.length, parts: [], length: 0 };
      this.#blocks.push(block);
      if (kind === 'latin1') this.#latin1 = block;
      else this.#utf16 = block;
    }
    const number = this.#records.length / 3;
    this.#records.push(block.index);
    this.#records.push(block.length);
    this.#records.push(text.length);
    block.parts.push(text);
    block.length += text.length;
    return number;
  }

  records(): Int32Array {
    return this.#records.done();
  }

  /** Each block's kind and bytes, in order. */
  *blocks(): Generator<{ kind: BlockKind; bytes: Buffer }> {
    for (const block of this.#blocks) {
      const encoding = block.kind === 'latin1' ? 'latin1' : 'utf16le';
      const bytes = Buffer.allocUnsafe(block.kind === 'latin1' ? block.length : block.length * 2);
      let at = 0;
      for (const part of block.parts) at += bytes.write(part, at, encoding);
      yield { kind: block.kind, bytes };
    }
  }
}

/** Strings read back from `StringsOut`'s records and blocks; a number outside them throws a RangeError. */
export class StringsIn {
  readonly #records: Int32Array;
  readonly #blocks: readonly string[];

  constructor(records: Int32Array, blocks: readonly string[]) {
    if (records.length % 3 !== 0) throw new RangeError('string records are not triples');
    this.#records = records;
    this.#blocks = blocks;
  }

  static decode(kind: BlockKind, bytes: Buffer): string {
    return bytes.toString(kind === 'latin1' ? 'latin1' : 'utf16le');
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
}
