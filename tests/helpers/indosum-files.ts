import { resolve } from 'node:path';
import { afterAll } from 'vitest';
import { detokenizeParagraph, readIndoSum } from '../../scripts/rouge-indosum.js';
import { repoRoot, scratchDir } from './tmp.js';

const INDOSUM_DEV = resolve(repoRoot, '../shared/data/indosum/dev.01.jsonl');

/** The first `count` IndoSum dev articles as corpus files: a title of its first words, the dateline `dateline(i)`, the paragraphs. */
export async function indoSumFileTexts(count: number, dateline: (i: number) => string): Promise<string[]> {
  const records = await readIndoSum(INDOSUM_DEV);
  return records.slice(0, count).map((record, i) => {
    const paragraphs = record.paragraphs.map((p) => detokenizeParagraph(p).text).filter((p) => p.trim() !== '');
    const title = (paragraphs[0] ?? `Berita ${i}`).split(/\s+/).slice(0, 8).join(' ').replace(/[.,;:]+$/, '');
    return `${title}\n\n${dateline(i)}\n${paragraphs.join('\n\n')}\n`;
  });
}

export type Scratch = Awaited<ReturnType<typeof scratchDir>>;

/** Makes scratch folders that are removed after the file's tests (call at the top level of a test file). */
export function scratchesRemovedAfterAll(): () => Promise<Scratch> {
  const scratches: Scratch[] = [];
  afterAll(async () => {
    for (const scratch of scratches.splice(0)) await scratch.cleanup();
  });
  return async () => {
    const made = await scratchDir();
    scratches.push(made);
    return made;
  };
}
