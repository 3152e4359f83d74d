import { describe, expect, it } from 'vitest';
import { StringsIn, StringsOut, type TextBlock } from '../src/library/snapshot-strings.js';

const TEXTS = [
  'Presiden Joko Widodo meresmikan jembatan.',
  '“Ini untuk rakyat,” kata Jokowi.',
  'Harga cabai naik menjelang Lebaran.',
  'Dalam bahasa Jepang: 東京 dan emoji 🚀.',
  'Satu paragraf saja.',
  '',
  'Kalimat terakhir yang cukup panjang untuk mengisi satu blok sendiri.',
];

/** Writes the texts many times over as the snapshot writer does: full blocks taken, copied out, and handed back. */
function written(reuse: boolean): { strings: string[]; numbers: number[]; blocks: Map<number, TextBlock & { copy: Buffer }>; memories: Set<ArrayBufferLike> } {
  const out = new StringsOut(96);
  const blocks = new Map<number, TextBlock & { copy: Buffer }>();
  const memories = new Set<ArrayBufferLike>();
  const strings: string[] = [];
  const numbers: number[] = [];
  const take = (list: TextBlock[]): void => {
    for (const block of list) {
      blocks.set(block.index, { ...block, copy: Buffer.from(block.bytes) });
      memories.add(block.bytes.buffer);
      if (reuse) out.reuse(block);
    }
  };
  for (let round = 0; round < 20; round++) {
    for (const text of TEXTS) {
      const value = `${round} ${text}`;
      strings.push(value);
      numbers.push(out.add(value));
      if (out.hasFull) take(out.takeFull());
    }
  }
  take([...out.takeFull(), ...out.blocks()]);
  const records = Int32Array.from(out.records().parts().flatMap((part) => [...part]));
  const decoded = [...blocks.keys()].sort((a, b) => a - b).map((index) => {
    const block = blocks.get(index) as TextBlock & { copy: Buffer };
    return StringsIn.decode(block.kind, block.copy);
  });
  const back = new StringsIn(records, decoded);
  return { strings: numbers.map((n) => back.get(n)), numbers, blocks, memories };
}

describe('snapshot strings written in blocks', () => {
  it('read back the same when written blocks are handed back and filled again', () => {
    const expected = Array.from({ length: 20 }, (_, round) => TEXTS.map((text) => `${round} ${text}`)).flat();
    const fresh = written(false);
    const reused = written(true);
    expect(fresh.strings).toEqual(expected);
    expect(reused.strings).toEqual(expected);
    expect(reused.blocks.size).toBe(fresh.blocks.size);
    expect(reused.blocks.size).toBeGreaterThan(10);
  });

  it('fill a handed-back block’s memory instead of asking for new memory for every block', () => {
    const fresh = written(false);
    const reused = written(true);
    expect(fresh.memories.size).toBe(fresh.blocks.size);
    // one block being filled and one being written, of each kind
    expect(reused.memories.size).toBeLessThanOrEqual(4);
  });

  it('do not take back a block that is still being filled', () => {
    const out = new StringsOut(1024);
    const number = out.add('masih diisi');
    const [open] = out.blocks();
    out.reuse(open as TextBlock);
    const next = out.add('kalimat berikutnya');
    expect(out.bytesOf(number).toString('latin1')).toBe('masih diisi');
    expect(out.bytesOf(next).toString('latin1')).toBe('kalimat berikutnya');
  });
});
