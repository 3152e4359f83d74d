import { copyFile, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, type Library, type OpenedLibrary } from '../src/library/index.js';
import { indexesToSave } from '../src/library/library.js';
import { indexesFingerprint, RESTART_INDEXES_FILE, writeRestartIndexes } from '../src/library/restart-indexes.js';
import { snapshotFingerprint } from '../src/library/restart-snapshot.js';
import { indoSumFileTexts, scratchesRemovedAfterAll, type Scratch } from './helpers/indosum-files.js';
import { seedFile } from './helpers/tmp.js';

const INDOSUM_ARTICLES = 300;
/** Files modified in the last two seconds are read again at the next start (their stamp could still change unseen). */
const SETTLED_MS = 2_100;
const SLOW = { timeout: 240_000 };

let texts: string[];
const scratch = scratchesRemovedAfterAll();

beforeAll(async () => {
  texts = await indoSumFileTexts(INDOSUM_ARTICLES, (i) => `${1 + (i % 28)} Maret 2024 - ${String(i % 24).padStart(2, '0')}:15 WIB`);
});

const fileName = (i: number): string => `indosum${String(i).padStart(4, '0')}.txt`;

/** The seed article and INDOSUM_ARTICLES IndoSum articles as files, old enough to be stamped. */
async function settledCorpus(): Promise<Scratch> {
  const corpus = await scratch();
  await copyFile(seedFile, join(corpus.dir, 'seed.txt'));
  await Promise.all(texts.map((text, i) => corpus.write(fileName(i), text)));
  await sleep(SETTLED_MS);
  return corpus;
}

async function opened(dir: string, dataDir: string, warnings: string[] = []): Promise<OpenedLibrary> {
  const holder = await openLibrary(dir, { analysisCacheDir: dataDir, onWarning: (w) => warnings.push(w) });
  await holder.idle();
  return holder;
}

/** Words of the titles and bodies, as people type them: whole, cut short, two together, misspelt. */
function queriesOf(library: Library): { words: string[]; prefixes: string[]; pairs: string[] } {
  const words = [...new Set(library.articles.flatMap((a) => [...a.title.split(/\s+/), ...(a.paragraphs[1] ?? '').split(/\s+/).slice(0, 4)]))]
    .map((w) => w.replace(/[^\p{L}\p{N}-]/gu, ''))
    .filter((w) => w.length > 1);
  const prefixes = [...new Set(words.flatMap((w) => [w.slice(0, 1), w.slice(0, 2), w.slice(0, 4)]))];
  const pairs = words.slice(0, 400).map((w, i) => `${w} ${words[(i * 7) % words.length] ?? ''}`);
  return { words, prefixes, pairs };
}

/** Every answer the indexes give, the restored library against the reference one. */
function expectSameAnswers(actual: Library, reference: Library): void {
  expect(actual.articles).toEqual(reference.articles);
  expect(actual.stats).toEqual(reference.stats);
  // how many queries and answers there are at the least, in proportion to the articles (a shrunk corpus has fewer)
  const share = reference.articles.length / INDOSUM_ARTICLES;
  const { words, prefixes, pairs } = queriesOf(reference);
  expect(words.length).toBeGreaterThan(1000 * share);
  let hits = 0;
  for (const query of [...words, ...pairs]) {
    const found = actual.search(query, 25);
    hits += found.length;
    expect(found, `search ${query}`).toEqual(reference.search(query, 25));
  }
  expect(hits).toBeGreaterThan(5000 * share);
  for (const prefix of [...prefixes, ...pairs.slice(0, 100), '']) {
    expect(actual.titleAutocomplete(prefix, 25), `titles ${prefix}`).toEqual(reference.titleAutocomplete(prefix, 25));
    expect(actual.findArticle(prefix)?.id, `article ${prefix}`).toBe(reference.findArticle(prefix)?.id);
  }
  const speakers = reference.speakers.speakers();
  expect(speakers.length).toBeGreaterThan(100 * share);
  expect(actual.speakers.speakers()).toEqual(speakers);
  for (const speaker of speakers) {
    expect(actual.quotesBy(speaker.id), `quotes of ${speaker.id}`).toEqual(reference.quotesBy(speaker.id));
    expect(actual.findSpeaker(speaker.name)).toEqual(reference.findSpeaker(speaker.name));
    const typed = speaker.name.slice(0, 4);
    expect(actual.speakers.autocomplete(typed, 25)).toEqual(reference.speakers.autocomplete(typed, 25));
    expect(actual.findSpeaker(`${typed}x`)).toEqual(reference.findSpeaker(`${typed}x`));
    // a title alone lists its holders
    if (speaker.role !== null) expect(actual.findSpeaker(speaker.role), `title ${speaker.role}`).toEqual(reference.findSpeaker(speaker.role));
  }
  for (const article of reference.articles) {
    for (const sentences of [1, 3, 5]) expect(actual.summary(article.id, sentences), `summary of ${article.id}`).toEqual(reference.summary(article.id, sentences));
    expect(actual.quotesIn(article.id)).toEqual(reference.quotesIn(article.id));
  }
  expect(actual.nearDuplicateGroups(actual.articles).map((g) => g.map((a) => a.id))).toEqual(
    reference.nearDuplicateGroups(reference.articles).map((g) => g.map((a) => a.id)),
  );
}

describe('saved search indexes', SLOW, () => {
  it('are written after a load, and a restart takes them and answers exactly as a library that built its indexes', async () => {
    const corpus = await settledCorpus();
    const data = await scratch();
    const warnings: string[] = [];
    const first = await opened(corpus.dir, data.dir, warnings);
    expect(indexesToSave(first.current())).toBeDefined();
    const second = await opened(corpus.dir, data.dir, warnings);
    expect(warnings).toEqual([]);
    // a library that took saved indexes has none of its own to save
    expect(indexesToSave(second.current())).toBeUndefined();
    expectSameAnswers(second.current(), first.current());
    const cold = await openLibrary(corpus.dir);
    expectSameAnswers(second.current(), cold.current());
    await Promise.all([first.close(), second.close()]);
  });

  it('that are damaged, truncated or written by other code are warned about by reason and built instead, then saved again', async () => {
    const corpus = await settledCorpus();
    const data = await scratch();
    const file = join(data.dir, RESTART_INDEXES_FILE);
    await (await opened(corpus.dir, data.dir)).close();
    const reference = (await openLibrary(corpus.dir)).current();

    const bytes = await readFile(file);
    bytes[bytes.length - 1000] = (bytes[bytes.length - 1000] as number) ^ 0xff;
    await writeFile(file, bytes);
    const damaged: string[] = [];
    const afterDamage = await opened(corpus.dir, data.dir, damaged);
    expect(damaged).toEqual([expect.stringMatching(/^saved search indexes .* not used \(checksum mismatch in section \d+\); building them$/)]);
    expect(indexesToSave(afterDamage.current())).toBeDefined();
    expectSameAnswers(afterDamage.current(), reference);
    await afterDamage.close();
    const mended: string[] = [];
    const afterMend = await opened(corpus.dir, data.dir, mended);
    expect(mended).toEqual([]);
    expect(indexesToSave(afterMend.current())).toBeUndefined();
    await afterMend.close();

    await truncate(file, 5_000);
    const truncated: string[] = [];
    await (await opened(corpus.dir, data.dir, truncated)).close();
    expect(truncated).toEqual([expect.stringMatching(/not used \(truncated\); building them$/)]);

    await (await opened(corpus.dir, data.dir)).close();
    const header = await readFile(file);
    const at = header.indexOf('"fingerprint":"') + '"fingerprint":"'.length;
    header[at] = header[at] === 0x30 ? 0x31 : 0x30;
    await writeFile(file, header);
    const stale: string[] = [];
    const afterOtherCode = await opened(corpus.dir, data.dir, stale);
    expect(stale).toEqual([expect.stringMatching(/not used \(written by other reading, analysing or indexing code\); building them$/)]);
    expectSameAnswers(afterOtherCode.current(), reference);
    await afterOtherCode.close();
  });

  it('whose speakers do not fit the quotes, or are no list, are warned about and built instead', async () => {
    const corpus = await settledCorpus();
    const data = await scratch();
    const first = await opened(corpus.dir, data.dir);
    const indexes = indexesToSave(first.current());
    expect(indexes).toBeDefined();
    const assignment = indexes!.speakers.assignment.slice();
    const moved = assignment.findIndex((entry) => entry > 0);
    assignment[moved] = 0;
    await writeRestartIndexes(join(data.dir, RESTART_INDEXES_FILE), indexesFingerprint(snapshotFingerprint()), { ...indexes!, speakers: { ...indexes!.speakers, assignment } }, () => false);
    await first.close();
    const warnings: string[] = [];
    const restarted = await opened(corpus.dir, data.dir, warnings);
    expect(warnings).toEqual([expect.stringMatching(/^saved search indexes not used \(speaker .+ does not match its quotes\); building them$/)]);
    expect(indexesToSave(restarted.current())).toBeDefined();
    expectSameAnswers(restarted.current(), first.current());
    await restarted.close();

    // speakers that are no list: found when parsed, on the thread that builds the index from them
    await writeRestartIndexes(join(data.dir, RESTART_INDEXES_FILE), indexesFingerprint(snapshotFingerprint()), { ...indexes!, speakers: { ...indexes!.speakers, entries: {} as never } }, () => false);
    const notAList: string[] = [];
    const again = await opened(corpus.dir, data.dir, notAList);
    expect(notAList).toEqual([expect.stringMatching(/^saved search indexes not used \(speakers are not a list\); building them$/)]);
    expectSameAnswers(again.current(), first.current());
    await again.close();
  });

  it('made for other articles (a file removed since) are built again without a word, and saved for the next start', async () => {
    const corpus = await settledCorpus();
    const data = await scratch();
    await (await opened(corpus.dir, data.dir)).close();
    await rm(join(corpus.dir, fileName(7)));
    await sleep(SETTLED_MS);
    const warnings: string[] = [];
    const afterRemoval = await opened(corpus.dir, data.dir, warnings);
    expect(indexesToSave(afterRemoval.current())).toBeDefined();
    expectSameAnswers(afterRemoval.current(), (await openLibrary(corpus.dir)).current());
    await afterRemoval.close();
    const next = await opened(corpus.dir, data.dir, warnings);
    expect(indexesToSave(next.current())).toBeUndefined();
    expect(warnings).toEqual([]);
    await next.close();
  });

  it('after the corpus shrinks to under half, number only the terms of the articles left, and the next start takes them', async () => {
    const corpus = await settledCorpus();
    const data = await scratch();
    const warnings: string[] = [];
    const holder = await opened(corpus.dir, data.dir, warnings);
    const large = holder.current();
    const largeBase = indexesToSave(large)?.numbering.base ?? 0;
    const someIds = large.articles.slice(0, 30).map((a) => a.id);
    const summariesBefore = someIds.map((id) => large.summary(id, 3));
    const searchesBefore = someIds.map((id) => large.search(large.get(id)?.title ?? '', 10));
    const left = 140;
    await Promise.all(texts.slice(left).map((_, i) => rm(join(corpus.dir, fileName(left + i)))));
    await sleep(SETTLED_MS);
    expect((await holder.reload()).ok).toBe(true);
    await holder.idle();
    const shrunk = holder.current();
    expect(shrunk.articles).toHaveLength(left + 1);

    // the terms of the removed articles are let go: every number below the base is a term an article left holds
    const saved = indexesToSave(shrunk);
    expect(saved).toBeDefined();
    const { numbering, ranked } = saved!;
    expect(numbering.base).toBeLessThan(largeBase);
    let unused = 0;
    for (let id = 0; id < numbering.base; id++) if (ranked.offsets[id + 1] === ranked.offsets[id]) unused++;
    expect(unused).toBe(0);
    // the library it replaced still answers as it did (a request may hold it past the swap)
    expect(someIds.map((id) => large.summary(id, 3))).toEqual(summariesBefore);
    expect(someIds.map((id) => large.search(large.get(id)?.title ?? '', 10))).toEqual(searchesBefore);
    expectSameAnswers(shrunk, (await openLibrary(corpus.dir)).current());
    await holder.close();

    const next = await opened(corpus.dir, data.dir, warnings);
    expect(indexesToSave(next.current())).toBeUndefined();
    expect(warnings).toEqual([]);
    expectSameAnswers(next.current(), shrunk);
    await next.close();
  });
});
