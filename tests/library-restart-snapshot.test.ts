import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLibrary, openLibrary, type Library, type OpenedLibrary } from '../src/library/index.js';
import { readRestartSnapshot, RESTART_SNAPSHOT_FILE, writeRestartSnapshot, type RestartState, type SnapshotKey } from '../src/library/restart-snapshot.js';
import { StoredArticle } from '../src/corpus/index.js';
import { indoSumFileTexts, scratchesRemovedAfterAll, type Scratch } from './helpers/indosum-files.js';

const CORPUS_SIZE = 60;
const QUERIES = ['presiden jokowi', 'banjir jakarta', 'harga beras naik', 'polisi menangkap', 'pemilihan gubernur', 'sepak bola'];
/** Files modified in the last two seconds are read again at the next start (their stamp could still change unseen). */
const SETTLED_MS = 2_100;
const SLOW = { timeout: 60_000 };

let texts: string[];
const scratch = scratchesRemovedAfterAll();

beforeAll(async () => {
  texts = await indoSumFileTexts(CORPUS_SIZE + 5, (i) => `Senin, ${1 + (i % 28)} Maret 2024 - 10:15 WIB`);
});

const fileName = (i: number): string => `a${String(i).padStart(4, '0')}.txt`;

/** A corpus folder of CORPUS_SIZE articles, an ignored file and an empty one, old enough to be stamped. */
async function settledCorpus(): Promise<Scratch> {
  const corpus = await scratch();
  await Promise.all(texts.slice(0, CORPUS_SIZE).map((text, i) => corpus.write(fileName(i), text)));
  await corpus.write('notes.csv', 'a,b\n');
  await corpus.write('empty.txt', '');
  await sleep(SETTLED_MS);
  return corpus;
}

/** A settled corpus opened once with a DATA_DIR, which then holds its restart snapshot. */
async function firstStart(): Promise<{ corpus: Scratch; data: Scratch; first: OpenedLibrary; file: string }> {
  const corpus = await settledCorpus();
  const data = await scratch();
  const first = await opened(corpus.dir, data.dir);
  await first.close();
  return { corpus, data, first, file: join(data.dir, RESTART_SNAPSHOT_FILE) };
}

function expectSameAnswers(actual: Library, reference: Library): void {
  expect(actual.stats).toEqual(reference.stats);
  expect(actual.articles).toEqual(reference.articles);
  expect(actual.problems).toEqual(reference.problems);
  expect(actual.speakers.speakers()).toEqual(reference.speakers.speakers());
  for (const article of reference.articles) {
    expect(actual.quotesIn(article.id), `quotes of ${article.id}`).toEqual(reference.quotesIn(article.id));
    expect(actual.summary(article.id, 3), `summary of ${article.id}`).toEqual(reference.summary(article.id, 3));
  }
  for (const query of QUERIES) {
    expect(actual.search(query, 10), `search ${query}`).toEqual(reference.search(query, 10));
    const word = query.split(' ')[0] ?? query;
    expect(actual.titleAutocomplete(word, 25)).toEqual(reference.titleAutocomplete(word, 25));
  }
}

/** What a first start with no DATA_DIR reads from the folder now. */
async function coldLibrary(dir: string): Promise<Library> {
  const cold = await openLibrary(dir);
  return cold.current();
}

async function opened(dir: string, dataDir: string, warnings: string[] = [], threads = 0): Promise<OpenedLibrary> {
  const holder = await openLibrary(dir, {
    analysisCacheDir: dataDir,
    onWarning: (w) => warnings.push(w),
    analysisThreads: threads,
    minArticlesForWorkers: { startUp: 5 },
  });
  await holder.idle();
  return holder;
}

describe('restart snapshot', SLOW, () => {
  it('is written after a load, and a restart takes every unchanged file from it and answers as a first start does', async () => {
    const corpus = await settledCorpus();
    const data = await scratch();
    const warnings: string[] = [];
    const first = await opened(corpus.dir, data.dir, warnings);
    expect(first.lastBuild().reusedFiles).toBe(0);
    expect(existsSync(join(data.dir, RESTART_SNAPSHOT_FILE))).toBe(true);

    const second = await opened(corpus.dir, data.dir, warnings);
    expect(warnings).toEqual([]);
    // every article file and the ignored one; the empty file is broken, so it is read again every time
    expect(second.lastBuild()).toMatchObject({ reusedFiles: CORPUS_SIZE + 1, cached: CORPUS_SIZE, reused: 0, analyzed: 0 });
    expectSameAnswers(second.current(), first.current());
    expectSameAnswers(second.current(), buildLibrary(second.snapshot()));
    expect(second.current().problems.map((p) => [p.file, p.code])).toEqual([
      ['empty.txt', 'empty'],
      ['notes.csv', 'unsupported_type'],
    ]);
    // nothing changed, so the snapshot is not written again, and it serves the next restart as well
    const file = join(data.dir, RESTART_SNAPSHOT_FILE);
    const written = statSync(file).mtimeMs;
    const third = await opened(corpus.dir, data.dir, warnings);
    expect(statSync(file).mtimeMs).toBe(written);
    expect(third.lastBuild().reusedFiles).toBe(CORPUS_SIZE + 1);
    expectSameAnswers(third.current(), first.current());
    await Promise.all([first.close(), second.close(), third.close()]);
  });

  it('starts no analysis worker when the snapshot holds every file, though the corpus repeats one content many times', async () => {
    const corpus = await settledCorpus();
    for (let copy = 0; copy < 20; copy++) await corpus.write(`copy${copy}.txt`, texts[0] as string);
    await sleep(SETTLED_MS);
    const data = await scratch();
    const first = await opened(corpus.dir, data.dir, [], 1);
    expect(first.lastBuild().threads).toBe(1);
    await first.close();
    const restarted = await opened(corpus.dir, data.dir, [], 1);
    expect(restarted.lastBuild()).toMatchObject({ threads: 0, analyzed: 0, reusedFiles: CORPUS_SIZE + 21 });
    await restarted.close();
  });

  it('sees a file added, changed (even to the same size) or removed since it was written', async () => {
    const corpus = await settledCorpus();
    const data = await scratch();
    const first = await opened(corpus.dir, data.dir);
    await first.close();

    await corpus.write(fileName(CORPUS_SIZE), texts[CORPUS_SIZE] as string);
    await corpus.write(fileName(1), texts[CORPUS_SIZE + 1] as string);
    const sameSize = (texts[2] as string).replace(/a/, 'o');
    expect(sameSize).not.toBe(texts[2]);
    expect(Buffer.byteLength(sameSize)).toBe(Buffer.byteLength(texts[2] as string));
    await corpus.write(fileName(2), sameSize);
    await rm(join(corpus.dir, fileName(3)));
    await sleep(SETTLED_MS);

    const warnings: string[] = [];
    const restarted = await opened(corpus.dir, data.dir, warnings);
    expect(warnings).toEqual([]);
    // one file added and three left the snapshot's files: 61 - 3 unchanged
    expect(restarted.lastBuild().reusedFiles).toBe(CORPUS_SIZE + 1 - 3);
    const library = restarted.current();
    expect(library.get('a0003')).toBeUndefined();
    expect(library.get(fileName(CORPUS_SIZE).replace('.txt', ''))).toBeDefined();
    expect(library.get('a0002')?.paragraphs.join('\n')).toContain(sameSize.split('\n').slice(3).join('\n').trim().slice(0, 40));
    expectSameAnswers(library, await coldLibrary(corpus.dir));
    // the restart wrote the snapshot again with the changes: the next one reads no file
    const next = await opened(corpus.dir, data.dir, warnings);
    expect(next.lastBuild().reusedFiles).toBe(CORPUS_SIZE + 1);
    expectSameAnswers(next.current(), library);
    await Promise.all([restarted.close(), next.close()]);
  });

  it.each([
    ['damaged bytes', (bytes: Buffer): Buffer => {
      // in the first section after the text blocks (the paragraphs' are checked article by article, below)
      const { header, starts } = layoutOf(bytes);
      const at = (starts[header.textBlocks.length] as number) + 20;
      bytes[at] = (bytes[at] as number) ^ 0xff;
      return bytes;
    }, /checksum mismatch in section \d+/],
    ['damaged packed analyses', (bytes: Buffer): Buffer => {
      // the section read on a worker thread while the rest is decoded: fourth after the text blocks
      const { header, starts } = layoutOf(bytes);
      const at = (starts[header.textBlocks.length + 3] as number) + 8;
      bytes[at] = (bytes[at] as number) ^ 0xff;
      return bytes;
    }, /checksum mismatch in section \d+/],
    ['cut short', (bytes: Buffer): Buffer => bytes.subarray(0, Math.floor(bytes.length / 2)), /truncated/],
    ['not a snapshot', (): Buffer => Buffer.from('garbage that is not a snapshot at all'), /not a restart snapshot/],
    ['written by other code', (bytes: Buffer): Buffer =>
      Buffer.from(bytes.toString('latin1').replace(/"fingerprint":"(.)/, (_m, c: string) => `"fingerprint":"${c === 'a' ? 'b' : 'a'}`), 'latin1'),
      /other reading or analysing code/],
    ['another format', (bytes: Buffer): Buffer => Buffer.from(bytes.toString('latin1').replace(/"format":\d+,/, '"format":7,'), 'latin1'), /format 7/],
  ])('is warned about and the folder read instead when %s', async (_name, spoil, reason) => {
    const { corpus, data, first, file } = await firstStart();
    writeFileSync(file, spoil(readFileSync(file)));

    const warnings: string[] = [];
    const restarted = await opened(corpus.dir, data.dir, warnings);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(reason);
    expect(warnings[0]).toContain('reading the corpus folder');
    expect(restarted.lastBuild().reusedFiles).toBe(0);
    expect(restarted.current().stats.articles).toBe(CORPUS_SIZE);
    expectSameAnswers(restarted.current(), first.current());
    await restarted.close();
  });

  it('whose paragraph text is damaged serves every other article, and on reading the damaged one says so and reads the folder again', async () => {
    const { corpus, data, first, file } = await firstStart();
    const bytes = readFileSync(file);
    // a letter near the end of the paragraphs' last text block
    const { header, starts } = layoutOf(bytes);
    const last = header.textBlocks.map(([owner]) => owner).lastIndexOf('p');
    const at = (starts[last] as number) + (header.sections[last]?.bytes as number) - 50;
    bytes[at] = (bytes[at] as number) ^ 0x01;
    writeFileSync(file, bytes);

    const warnings: string[] = [];
    const restarted = await opened(corpus.dir, data.dir, warnings);
    expect(warnings).toEqual([]);
    expect(restarted.lastBuild().reusedFiles).toBe(CORPUS_SIZE + 1);
    const failures: string[] = [];
    for (const article of restarted.current().articles) {
      try {
        expect(article.paragraphs.length).toBeGreaterThan(0);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    expect(failures).toEqual([expect.stringMatching(/restart snapshot's text is damaged \(checksum mismatch in article \d+'s paragraphs\)/)]);
    expect(warnings).toEqual([expect.stringMatching(/text is damaged .*; reading the corpus folder again$/)]);
    // the reload it started reads every file, so every article answers as a first start's does
    for (let wait = 0; wait < 100 && restarted.current().articles.some((a) => a instanceof StoredArticle); wait++) await sleep(100);
    await restarted.idle();
    expectSameAnswers(restarted.current(), first.current());
    await restarted.close();
    // and the snapshot written after that reload serves the next start whole
    const next = await opened(corpus.dir, data.dir, warnings);
    expect(next.lastBuild().reusedFiles).toBe(CORPUS_SIZE + 1);
    for (const article of next.current().articles) expect(article.paragraphs.length).toBeGreaterThan(0);
    expect(warnings).toHaveLength(1);
    await next.close();
  });

  it('written in many text blocks, filled and written out of their order, reads back the same articles and quotes', async () => {
    const { data, first, file } = await firstStart();
    const key = (layoutOf(readFileSync(file)).header as unknown as { key: SnapshotKey }).key;
    const saved = (await readRestartSnapshot(file, key)) as RestartState;
    const snapshot = first.snapshot();
    const analyses = snapshot.articles.map((article) => saved.analyses.get(article.contentHash));
    expect(analyses.every((analysis) => analysis !== undefined)).toBe(true);

    const small = join(data.dir, 'small-blocks.bin');
    await writeRestartSnapshot(small, key, snapshot, analyses as NonNullable<(typeof analyses)[number]>[], () => false, 2_000);
    const { header } = layoutOf(readFileSync(small));
    // blocks of both kinds: a full one-byte block is written while an earlier two-byte one still fills
    const numbers = (owner: string): number[] => header.textBlocks.filter(([of]) => of === owner).map(([, block]) => block);
    expect(numbers('p').length).toBeGreaterThan(20);
    expect(numbers('p')).not.toEqual([...numbers('p')].sort((a, b) => a - b));
    expect(numbers('s').length).toBeGreaterThan(1);
    // the strings' blocks and the paragraphs' go out as they fill, one kind among the other
    expect(header.textBlocks.map(([owner]) => owner).join('')).toMatch(/p+s+p/);
    const again = (await readRestartSnapshot(small, key)) as RestartState;
    let compared = 0;
    for (const stamp of snapshot.stamps ?? []) {
      const before = saved.readings.reading(stamp)?.articles ?? [];
      const after = again.readings.reading(stamp)?.articles ?? [];
      expect(after.map((article) => ({ ...article }))).toEqual(before.map((article) => ({ ...article })));
      for (const article of after) expect(again.analyses.get(article.contentHash)?.quotes).toEqual(saved.analyses.get(article.contentHash)?.quotes);
      compared += after.filter((article) => article.paragraphs.length > 0).length;
    }
    expect(compared).toBe(CORPUS_SIZE);
    expect(again.analyses.size).toBe(saved.analyses.size);

    // so many blocks that their list outgrows the header's first room
    const tiny = join(data.dir, 'tiny-blocks.bin');
    await writeRestartSnapshot(tiny, key, snapshot, analyses as NonNullable<(typeof analyses)[number]>[], () => false, 16);
    expect(layoutOf(readFileSync(tiny)).header.textBlocks.length).toBeGreaterThan(2_000);
    const read = (await readRestartSnapshot(tiny, key)) as RestartState;
    for (const stamp of snapshot.stamps ?? []) {
      const after = read.readings.reading(stamp)?.articles ?? [];
      expect(after.map((article) => ({ ...article }))).toEqual((saved.readings.reading(stamp)?.articles ?? []).map((article) => ({ ...article })));
    }
  });

  it('of another corpus folder is not used for this one', async () => {
    const corpus = await settledCorpus();
    const other = await scratch();
    await writeFile(join(other.dir, 'lain.txt'), texts[CORPUS_SIZE + 2] as string);
    const data = await scratch();
    await (await opened(corpus.dir, data.dir)).close();
    const warnings: string[] = [];
    const restarted = await opened(other.dir, data.dir, warnings);
    expect(warnings.join('\n')).toMatch(/another corpus folder/);
    expect(restarted.current().articles.map((a) => a.id)).toEqual(['lain']);
    await restarted.close();
  });
});

interface SnapshotLayout {
  readonly textBlocks: [string, number][];
  readonly sections: { bytes: number }[];
}

/** A snapshot's header and where each of its sections starts. */
function layoutOf(bytes: Buffer): { header: SnapshotLayout; starts: number[] } {
  const headerLength = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.toString('utf8', 12, 12 + headerLength)) as SnapshotLayout;
  let at = 12 + headerLength;
  return { header, starts: header.sections.map((section) => (at += section.bytes) - section.bytes) };
}

describe('file stamps of a whole read', SLOW, () => {
  it('leave out files modified in the last seconds, broken files and both holders of a duplicate id', async () => {
    const { loadCorpus } = await import('../src/corpus/index.js');
    const corpus = await scratch();
    await corpus.write('one.txt', texts[0] as string);
    await corpus.write('same.json', JSON.stringify({ id: 'dup', title: 'Satu', body: 'Isi berita pertama yang cukup panjang.' }));
    await corpus.write('same2.json', JSON.stringify({ id: 'dup', title: 'Dua', body: 'Isi berita kedua yang cukup panjang.' }));
    await corpus.write('empty.txt', '');
    const fresh = await loadCorpus(corpus.dir);
    expect(fresh.stamps).toEqual([]);
    await sleep(SETTLED_MS);
    await corpus.write('new.txt', texts[1] as string);
    const settled = await loadCorpus(corpus.dir);
    expect(settled.stamps?.map((s) => s.name)).toEqual(['one.txt']);
    expect(settled.problems.map((p) => [p.file, p.code])).toContainEqual(['same2.json', 'duplicate_id']);
  });
});
