import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { detokenizeParagraph, readIndoSum } from '../scripts/rouge-indosum.js';
import { deserializeAnalysis, InvalidEncodingError } from '../src/analysis/encoded.js';
import { analysisFingerprint } from '../src/analysis/fingerprint.js';
import { MIN_ARTICLES_FOR_WORKERS } from '../src/analysis/pool.js';
import type { Article } from '../src/corpus/article.js';
import { buildLibrary, openLibrary, type Library, type LibraryOptions, type OpenedLibrary } from '../src/library/index.js';
import { openAnalysisCache, type AnalysisCache } from '../src/store/analysis-cache.js';
import { repoRoot, scratchDir } from './helpers/tmp.js';

const INDOSUM_DEV = resolve(repoRoot, '../shared/data/indosum/dev.01.jsonl');
const CORPUS_SIZE = MIN_ARTICLES_FOR_WORKERS.alone + 10;
/** Start-up needs thousands of articles before a worker pays off; these tests lower that bar to keep the corpora small. */
const SMALL_START: LibraryOptions = { minArticlesForWorkers: { startUp: MIN_ARTICLES_FOR_WORKERS.alone } };
const QUERIES = ['presiden jokowi', 'banjir jakarta', 'harga beras naik', 'polisi menangkap', 'pemilihan gubernur', 'sepak bola'];
/** Worker start-up and whole-library comparisons take seconds on a busy machine; the default 5 s limit is not a speed check. */
const SLOW = { timeout: 30_000 };
const DAYS = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];

type Scratch = Awaited<ReturnType<typeof scratchDir>>;

/** Real news paragraphs from IndoSum, each record rendered as a scraped .txt file (title, blank line, date line, body). */
let texts: string[];
const scratches: Scratch[] = [];
const caches: AnalysisCache[] = [];

beforeAll(async () => {
  const records = await readIndoSum(INDOSUM_DEV);
  texts = records.slice(0, CORPUS_SIZE + 220).map((record, i) => {
    const paragraphs = record.paragraphs.map((p) => detokenizeParagraph(p).text).filter((p) => p.trim() !== '');
    const title = (paragraphs[0] ?? `Berita ${i}`).split(/\s+/).slice(0, 8).join(' ').replace(/[.,;:]+$/, '');
    const date = `${DAYS[i % 7]}, ${1 + (i % 28)} Maret 2024 - ${String(6 + (i % 12)).padStart(2, '0')}:15 WIB`;
    return `${title}\n\n${date}\n${paragraphs.join('\n\n')}\n`;
  });
});

afterEach(() => {
  for (const cache of caches.splice(0)) cache.close();
});
afterAll(async () => {
  for (const scratch of scratches.splice(0)) await scratch.cleanup();
});

const fileName = (i: number): string => `a${String(i).padStart(4, '0')}.txt`;
const idOf = (i: number): string => `a${String(i).padStart(4, '0')}`;

async function scratch(): Promise<Scratch> {
  const made = await scratchDir();
  scratches.push(made);
  return made;
}

/** A corpus folder holding articles [from, to) of `texts`. */
async function corpusOf(from: number, to: number): Promise<Scratch> {
  const made = await scratch();
  await writeArticles(made, from, to);
  return made;
}

async function writeArticles(target: Scratch, from: number, to: number): Promise<void> {
  await Promise.all(texts.slice(from, to).map((text, k) => target.write(fileName(from + k), text)));
}

function openCache(dataDir: string): AnalysisCache {
  const opened = openAnalysisCache(dataDir, analysisFingerprint());
  if (!opened.ok) throw new Error(`cannot open the analysis cache: ${opened.reason}`);
  caches.push(opened.cache);
  return opened.cache;
}

const distinctContents = (library: Library): number => new Set(library.articles.map((a) => a.contentHash)).size;
const articleById = (library: Library, id: string): Article => {
  const article = library.get(id);
  if (article === undefined) throw new Error(`no article ${id}`);
  return article;
};

/** Every answer the bot gives from a library, compared between two libraries over the same articles. */
function expectSameAnswers(actual: Library, reference: Library): void {
  expect(actual.stats).toEqual(reference.stats);
  expect(actual.articles.map((a) => a.id)).toEqual(reference.articles.map((a) => a.id));
  expect(actual.speakers.speakers()).toEqual(reference.speakers.speakers());
  for (const article of reference.articles) {
    expect(actual.quotesIn(article.id), `quotes of ${article.id}`).toEqual(reference.quotesIn(article.id));
    expect(actual.summary(article.id, 3), `summary of ${article.id}`).toEqual(reference.summary(article.id, 3));
  }
  for (const query of QUERIES) {
    expect(actual.search(query, 10), `search ${query}`).toEqual(reference.search(query, 10));
    expect(actual.titleAutocomplete(query.split(' ')[0] ?? query, 25)).toEqual(reference.titleAutocomplete(query.split(' ')[0] ?? query, 25));
  }
}

/** The library the single-threaded path builds from the same snapshot. */
const referenceFor = (holder: OpenedLibrary): Library => buildLibrary(holder.snapshot());

describe('openLibrary with analysis threads', SLOW, () => {
  it('builds, on a worker and this thread, the same library as buildLibrary', async () => {
    const corpus = await corpusOf(0, CORPUS_SIZE);
    const warnings: string[] = [];
    const holder = await openLibrary(corpus.dir, { ...SMALL_START, analysisThreads: 1, onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
    expect(holder.lastBuild()).toMatchObject({ threads: 1, analyzed: CORPUS_SIZE, cached: 0, reused: 0 });
    const library = holder.current();
    expect(library.stats.articles).toBe(CORPUS_SIZE);
    expect(library.stats.quotes).toBeGreaterThan(50);
    expectSameAnswers(library, referenceFor(holder));
    await holder.idle();
  });

  it('starts no worker for a corpus below the minimum', async () => {
    const corpus = await corpusOf(0, 12);
    const holder = await openLibrary(corpus.dir, { ...SMALL_START, analysisThreads: 2 });
    expect(holder.lastBuild()).toMatchObject({ threads: 0, analyzed: 12 });
    expectSameAnswers(holder.current(), referenceFor(holder));
    await holder.idle();
  });
});

describe('openLibrary with an analysis cache', SLOW, () => {
  it('reads unchanged articles from the cache on the next start and forgets removed ones', async () => {
    const corpus = await corpusOf(0, CORPUS_SIZE);
    const data = await scratch();
    const warnings: string[] = [];
    const options = { ...SMALL_START, analysisCacheDir: data.dir, analysisThreads: 1, onWarning: (w: string) => warnings.push(w) };

    const first = await openLibrary(corpus.dir, options);
    expect(first.lastBuild()).toMatchObject({ analyzed: CORPUS_SIZE, cached: 0, reused: 0, threads: 1 });
    await first.idle();
    const distinct = distinctContents(first.current());
    expect(openCache(data.dir).size()).toBe(distinct);

    const second = await openLibrary(corpus.dir, options);
    // everything is cached, so no worker is worth starting
    expect(second.lastBuild()).toMatchObject({ cached: CORPUS_SIZE, analyzed: 0, reused: 0, threads: 0 });
    expectSameAnswers(second.current(), first.current());
    expectSameAnswers(second.current(), referenceFor(second));
    await second.idle();

    const changed = 7;
    const changedText = texts[changed]!.replace(/\n$/, '\n\nPerkembangan berikutnya akan dilaporkan kemudian oleh redaksi.\n');
    await corpus.write(fileName(changed), changedText);
    const third = await openLibrary(corpus.dir, options);
    expect(third.lastBuild()).toMatchObject({ analyzed: 1, cached: CORPUS_SIZE - 1, reused: 0 });
    expect(third.current().summary(idOf(changed), 5)).toEqual(referenceFor(third).summary(idOf(changed), 5));
    expectSameAnswers(third.current(), referenceFor(third));
    await third.idle();
    // the old version of the changed article is gone, the new one is in
    expect(openCache(data.dir).size()).toBe(distinct);

    const removed = 11;
    const removedHash = articleById(third.current(), idOf(removed)).contentHash;
    await rm(join(corpus.dir, fileName(removed)));
    const report = await third.reload();
    expect(report).toMatchObject({ ok: true, removed: [idOf(removed)] });
    expect(third.lastBuild()).toMatchObject({ analyzed: 0, reused: CORPUS_SIZE - 1 });
    await third.idle();
    const cache = openCache(data.dir);
    expect(cache.size()).toBe(distinct - 1);
    expect(cache.getMany([removedHash]).size).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('re-analyses damaged cache entries instead of serving them, and repairs them', async () => {
    const corpus = await corpusOf(0, 40);
    const data = await scratch();
    const first = await openLibrary(corpus.dir, { analysisCacheDir: data.dir });
    await first.idle();
    const articles = first.current().articles;
    const longest = articles.reduce((a, b) => (b.paragraphs.length > a.paragraphs.length ? b : a));
    const shortest = articles.reduce((a, b) => (b.paragraphs.length < a.paragraphs.length ? b : a));
    const garbled = articles.find((a) => a !== longest && a !== shortest) as Article;
    expect(longest.paragraphs.length).toBeGreaterThan(shortest.paragraphs.length);

    const cache = openCache(data.dir);
    const longestPayload = cache.getMany([longest.contentHash]).get(longest.contentHash);
    expect(longestPayload).toBeDefined();
    // a valid encoding, of another (longer) article: its sentences sit in paragraphs the shortest article lacks
    expect(() => deserializeAnalysis(shortest, longestPayload!, new Map())).toThrow(InvalidEncodingError);
    cache.putMany([
      [garbled.contentHash, Buffer.from('this is not an analysis at all')],
      [shortest.contentHash, longestPayload!],
    ]);
    cache.close();
    caches.splice(caches.indexOf(cache), 1);

    const warnings: string[] = [];
    const second = await openLibrary(corpus.dir, { analysisCacheDir: data.dir, onWarning: (w) => warnings.push(w) });
    expect(second.lastBuild()).toMatchObject({ cached: articles.length - 2, analyzed: 2 });
    expectSameAnswers(second.current(), referenceFor(second));
    await second.idle();
    expect(warnings).toEqual([]);

    const third = await openLibrary(corpus.dir, { analysisCacheDir: data.dir });
    expect(third.lastBuild()).toMatchObject({ cached: articles.length, analyzed: 0 });
    expectSameAnswers(third.current(), referenceFor(third));
    await third.idle();
  });

  it('still loads, with a warning, when the data dir cannot hold the cache', async () => {
    const corpus = await corpusOf(0, 15);
    const data = await scratch();
    const notADir = await data.write('data-dir-is-a-file', 'x');
    const warnings: string[] = [];
    const holder = await openLibrary(corpus.dir, { analysisCacheDir: notADir, onWarning: (w) => warnings.push(w) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^analysis cache off: .+/);
    expect(holder.lastBuild()).toMatchObject({ analyzed: 15, cached: 0 });
    expectSameAnswers(holder.current(), referenceFor(holder));
    await holder.idle();
    expect(readFileSync(notADir, 'utf8')).toBe('x');
  });

  it('keeps the stems in the stem cache file for the next start', async () => {
    const corpus = await corpusOf(0, 10);
    const data = await scratch();
    const stemFile = join(data.dir, 'nested', 'stems.json');
    const holder = await openLibrary(corpus.dir, { stemCacheFile: stemFile });
    await holder.idle();
    expect(existsSync(stemFile)).toBe(true);
    const saved = JSON.parse(readFileSync(stemFile, 'utf8')) as { format: number; stems: Record<string, string> };
    expect(saved.format).toBe(1);
    expect(holder.current().articles).toHaveLength(10);
    expect(Object.keys(saved.stems).length).toBeGreaterThan(100);
    expect(Object.values(saved.stems).every((stem) => typeof stem === 'string')).toBe(true);
    // a damaged stem file is a cold start, not a failure
    await data.write('nested/stems.json', '{ not json');
    const again = await openLibrary(corpus.dir, { stemCacheFile: stemFile });
    expectSameAnswers(again.current(), holder.current());
    await again.idle();
  });
});

describe('reloading an opened library', SLOW, () => {
  it('reuses the analyses of unchanged articles and analyses only what is new', async () => {
    const corpus = await corpusOf(0, CORPUS_SIZE);
    const warnings: string[] = [];
    const holder = await openLibrary(corpus.dir, { ...SMALL_START, analysisThreads: 1, onWarning: (w) => warnings.push(w) });
    expect(holder.lastBuild()).toMatchObject({ analyzed: CORPUS_SIZE, threads: 1 });
    await holder.idle();

    await writeArticles(corpus, CORPUS_SIZE, CORPUS_SIZE + 1);
    const added = await holder.reload();
    expect(added).toMatchObject({ ok: true, added: [idOf(CORPUS_SIZE)], articles: CORPUS_SIZE + 1 });
    expect(holder.lastBuild()).toMatchObject({ reused: CORPUS_SIZE, analyzed: 1, cached: 0, threads: 0 });
    expectSameAnswers(holder.current(), referenceFor(holder));
    await holder.idle();

    // same content under another file: reused, with its quotes relabelled to the new id
    const source = holder.current().articles.find((a) => holder.current().quotesIn(a.id).length > 0) as Article;
    const sourceIndex = Number(source.id.slice(1));
    await corpus.write('copy.txt', texts[sourceIndex]!);
    await holder.reload();
    expect(holder.lastBuild()).toMatchObject({ reused: CORPUS_SIZE + 2, analyzed: 0 });
    const copyQuotes = holder.current().quotesIn('copy');
    expect(copyQuotes.length).toBe(holder.current().quotesIn(source.id).length);
    expect(copyQuotes.every((q) => q.articleId === 'copy')).toBe(true);
    expect(holder.current().summary('copy', 3)?.sentences.length).toBeGreaterThan(0);
    expectSameAnswers(holder.current(), referenceFor(holder));
    await holder.idle();

    // enough new articles for a worker: on reload it analyses them while this thread keeps answering
    const more = CORPUS_SIZE + 1 + MIN_ARTICLES_FOR_WORKERS.alone;
    await writeArticles(corpus, CORPUS_SIZE + 1, more);
    const grown = await holder.reload();
    expect(grown).toMatchObject({ ok: true, articles: more + 1 });
    expect(holder.lastBuild()).toMatchObject({ reused: CORPUS_SIZE + 2, analyzed: MIN_ARTICLES_FOR_WORKERS.alone, threads: 1 });
    expectSameAnswers(holder.current(), referenceFor(holder));
    await holder.idle();
    expect(warnings).toEqual([]);
  });
});

describe('the worker minimum', () => {
  it('is higher at start-up, where this thread analyses too, than on reload, where it stays free for answers', async () => {
    const corpus = await corpusOf(0, CORPUS_SIZE);
    const holder = await openLibrary(corpus.dir, { analysisThreads: 1 });
    expect(CORPUS_SIZE).toBeLessThan(MIN_ARTICLES_FOR_WORKERS.withThisThread);
    expect(holder.lastBuild()).toMatchObject({ analyzed: CORPUS_SIZE, threads: 0 });
    await holder.idle();
  });
});
