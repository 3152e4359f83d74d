import { openSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { paragraphCount, StoredArticle, type Article } from '../src/corpus/index.js';
import { paragraphChecksum, SnapshotParagraphs, type TextBlockPlace } from '../src/library/snapshot-paragraphs.js';
import { StringsOut } from '../src/library/snapshot-strings.js';
import { scratchDir } from './helpers/tmp.js';

const PARAGRAPHS = [
  ['Presiden Joko Widodo meresmikan jembatan di Kalimantan Timur.', '"Ini untuk rakyat," kata Jokowi.'],
  ['Harga cabai naik menjelang Lebaran — pedagang mengeluh.', 'Dalam bahasa Jepang: 東京 dan emoji 🚀 juga ada.', ''],
  [],
  ['Satu paragraf saja.'],
];

const fields = (i: number): Omit<Article, 'paragraphs'> => ({
  id: `a${i}`,
  title: `Judul ${i}`,
  published: i === 0 ? null : `2024-03-0${i}T10:00:00+07:00`,
  source: null,
  url: `https://example.id/${i}`,
  city: 'JAKARTA',
  category: 'nasional',
  contentHash: `hash${i}`,
  file: `a${i}.txt`,
});

const plain = (i: number): Article => {
  const { contentHash, file, ...rest } = fields(i);
  return { ...rest, paragraphs: PARAGRAPHS[i] as string[], contentHash, file };
};

const scratches: (() => Promise<void>)[] = [];
afterAll(async () => Promise.all(scratches.map((cleanup) => cleanup())));

/** The paragraphs written as a snapshot writes them (after some leading bytes), and their store over the file. */
async function storedFile(): Promise<{ file: string; store: SnapshotParagraphs; articles: StoredArticle[] }> {
  const scratch = await scratchDir();
  scratches.push(scratch.cleanup);
  const text = new StringsOut();
  const table: number[] = [];
  let first = 0;
  for (const list of PARAGRAPHS) {
    let crc = 0;
    for (const paragraph of list) crc = paragraphChecksum(crc, text.bytesOf(text.add(paragraph)));
    table.push(first, list.length, crc | 0);
    first += list.length;
  }
  const lead = Buffer.from('LEADING BYTES');
  const blocks: TextBlockPlace[] = [];
  const parts: Buffer[] = [lead];
  let offset = lead.length;
  for (const { kind, bytes } of text.blocks()) {
    blocks.push({ kind, offset, bytes: bytes.length });
    parts.push(Buffer.from(bytes));
    offset += bytes.length;
  }
  const file = join(scratch.dir, 'text.bin');
  writeFileSync(file, Buffer.concat(parts));
  const store = new SnapshotParagraphs(openSync(file, 'r'), blocks, Int32Array.from(text.records().parts().flatMap((part) => [...part])), Int32Array.from(table));
  const articles = PARAGRAPHS.map((_, i) => new StoredArticle(fields(i), store, i));
  return { file, store, articles };
}

describe('stored articles', () => {
  it('read their paragraphs (one-byte and two-byte text) from the file, and are articles like plain ones', async () => {
    const { articles } = await storedFile();
    articles.forEach((article, i) => {
      expect(article.paragraphs).toEqual(PARAGRAPHS[i]);
      expect(paragraphCount(article)).toBe(PARAGRAPHS[i]?.length);
      expect(article).toEqual(plain(i));
      expect({ ...article }).toEqual(plain(i));
      // what an analysis worker receives, and what --json prints, key for key in a plain article's order
      expect(structuredClone(article)).toEqual(plain(i));
      expect(JSON.stringify(article)).toBe(JSON.stringify(plain(i)));
    });
    // asked again, from the recent ones: no read
    expect(articles[1]?.paragraphs).toBe(articles[1]?.paragraphs);
  });

  it('keep reading the file they were opened on after a new one is renamed over it', async () => {
    const { file, articles } = await storedFile();
    writeFileSync(`${file}.new`, 'something else entirely');
    renameSync(`${file}.new`, file);
    expect(articles[3]?.paragraphs).toEqual(PARAGRAPHS[3]);
  });

  it('say that the text could not be read when the file was cut short under them, and tell it once', async () => {
    const { file, store, articles } = await storedFile();
    const told: string[] = [];
    store.whenDamaged((reason) => told.push(reason));
    truncateSync(file, 20);
    expect(() => articles[1]?.paragraphs).toThrow(/restart snapshot's text could not be read \(truncated\)/);
    expect(() => articles[3]?.paragraphs).toThrow(/truncated/);
    expect(told).toEqual([expect.stringMatching(/could not be read \(truncated\)/)]);
  });

  it('refuse an article whose bytes changed, by its own checksum, and leave the others readable', async () => {
    const { file, store, articles } = await storedFile();
    const told: string[] = [];
    store.whenDamaged((reason) => told.push(reason));
    const bytes = readFileSync(file);
    const at = bytes.indexOf('Satu paragraf');
    expect(at).toBeGreaterThan(0);
    bytes[at] = 'S'.charCodeAt(0) + 1;
    writeFileSync(file, bytes);
    expect(() => articles[3]?.paragraphs).toThrow(/text is damaged \(checksum mismatch in article 3's paragraphs\)/);
    expect(told).toHaveLength(1);
    expect(articles[0]?.paragraphs).toEqual(PARAGRAPHS[0]);
    expect(articles[1]?.paragraphs).toEqual(PARAGRAPHS[1]);
  });

  it('refuse records that lie outside their blocks', async () => {
    const { file } = await storedFile();
    const blocks: TextBlockPlace[] = [{ kind: 'latin1', offset: 0, bytes: 10 }];
    const none = new Int32Array(0);
    expect(() => new SnapshotParagraphs(openSync(file, 'r'), blocks, Int32Array.from([0, 5, 6]), none)).toThrow(/paragraph 0 outside its block/);
    expect(() => new SnapshotParagraphs(openSync(file, 'r'), blocks, Int32Array.from([1, 0, 1]), none)).toThrow(/outside its block/);
    expect(() => new SnapshotParagraphs(openSync(file, 'r'), blocks, Int32Array.from([0, 0, 1]), Int32Array.from([0, 2, 0]))).toThrow(/article 0's paragraphs outside/);
  });
});
