import { resolve } from 'node:path';
import { serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { detokenizeParagraph, readIndoSum } from '../scripts/rouge-indosum.js';
import { analyzeWithQuotes, reuseAnalysis, type ArticleAnalysis } from '../src/analysis/article-analysis.js';
import { PackedAnalysis } from '../src/analysis/compact.js';
import {
  decodeQuotes,
  decodeSentences,
  deserializeAnalysis,
  encodeQuotes,
  encodeSentences,
  InvalidEncodingError,
  serializeAnalysis,
} from '../src/analysis/encoded.js';
import { analyzeArticles, MIN_ARTICLES_FOR_WORKERS, PrestartedWorkers, startAnalysisWorkers } from '../src/analysis/pool.js';
import type { Article } from '../src/corpus/article.js';
import { contentHash } from '../src/corpus/hash.js';
import { loadCorpus } from '../src/corpus/index.js';
import { findQuotes } from '../src/quotes/index.js';
import { analyzeArticle, stemCacheSize } from '../src/text/index.js';
import { repoRoot, seedsDir } from './helpers/tmp.js';

const INDOSUM_DEV = resolve(repoRoot, '../shared/data/indosum/dev.01.jsonl');

function makeArticle(id: string, paragraphs: readonly string[]): Article {
  const title = (paragraphs[0] ?? id).split(/\s+/).slice(0, 8).join(' ');
  return {
    id, title, published: null, source: null, url: null, city: null, category: null,
    paragraphs, contentHash: contentHash(title, paragraphs), file: `${id}.txt`,
  };
}

/** Real news as Article objects: IndoSum records from `from` on, plus the seed article (rich in quotes). */
async function indoSumArticles(from: number, count: number): Promise<Article[]> {
  const records = (await readIndoSum(INDOSUM_DEV)).slice(from, from + count);
  return records.map((record, i) =>
    makeArticle(
      `indosum-${from + i}`,
      record.paragraphs.map((p) => detokenizeParagraph(p).text).filter((p) => p.trim() !== ''),
    ),
  );
}

let articles: Article[];
let expected: ArticleAnalysis[];
let seed: Article;

beforeAll(async () => {
  const seeds = await loadCorpus(seedsDir);
  seed = seeds.articles[0] as Article;
  articles = [seed, ...(await indoSumArticles(0, 44))];
  expected = articles.map(analyzeWithQuotes);
});

/** Runs `body` and returns the error it throws (failing the test when it throws none). */
function thrownBy(body: () => unknown): unknown {
  try {
    body();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, got a result');
}

describe('the encoded analysis', () => {
  it('has real material to work on: quotes and many sentences', () => {
    expect(articles.length).toBe(45);
    expect(expected.reduce((n, a) => n + a.quotes.length, 0)).toBeGreaterThan(20);
    expect(expected.reduce((n, a) => n + a.analyzed.sentences.length, 0)).toBeGreaterThan(300);
  });

  it('decodes sentences to exactly what analyzeArticle gives', () => {
    const intern = new Map<string, string>();
    articles.forEach((article, i) => {
      const decoded = decodeSentences(article, encodeSentences(analyzeArticle(article)), intern);
      const original = (expected[i] as ArticleAnalysis).analyzed;
      expect(decoded.article).toBe(article);
      expect(decoded.sentences).toEqual(original.sentences);
      expect([...decoded.termFrequencies].sort()).toEqual([...original.termFrequencies].sort());
      expect(decoded).toEqual(original);
    });
  });

  it('keeps each sentence text a slice of its paragraph at its offsets (what decoding relies on)', () => {
    for (const { analyzed } of expected) {
      for (const sentence of analyzed.sentences) {
        expect(analyzed.article.paragraphs[sentence.paragraph]?.slice(sentence.start, sentence.end)).toBe(sentence.text);
      }
    }
  });

  it('decodes quotes to exactly what findQuotes gives', () => {
    articles.forEach((article) => {
      const quotes = findQuotes(article);
      const encoded = encodeQuotes(quotes);
      for (const quote of encoded) expect(quote).not.toHaveProperty('articleId');
      expect(decodeQuotes(article, encoded)).toEqual(quotes);
    });
  });

  it('survives serializeAnalysis/deserializeAnalysis unchanged', () => {
    const intern = new Map<string, string>();
    articles.forEach((article, i) => {
      const original = expected[i] as ArticleAnalysis;
      const bytes = serializeAnalysis(original);
      expect(bytes).toBeInstanceOf(Uint8Array);
      expect(deserializeAnalysis(article, bytes, intern)).toEqual(original);
    });
  });

  it('keeps every read analysis packed, a term shared across articles under one dictionary id', () => {
    const read = articles.map((article, i) => deserializeAnalysis(article, serializeAnalysis(expected[i] as ArticleAnalysis), new Map()).analyzed);
    const packed = read.map((analyzed) => {
      expect(analyzed).toBeInstanceOf(PackedAnalysis);
      return analyzed as PackedAnalysis;
    });
    const idsOf = (analysis: PackedAnalysis): Map<string, number> => {
      const ids = new Map<string, number>();
      const n = analysis.packed[0] as number;
      let t = 1 + 4 * n;
      analysis.forEachTerm((term) => ids.set(term, analysis.packed[t++] as number));
      return ids;
    };
    const [first, ...others] = packed.map(idsOf);
    const shared = others.flatMap((ids) => [...ids].filter(([term]) => first?.has(term)));
    expect(shared.length).toBeGreaterThan(0);
    for (const [term, id] of shared) expect(id).toBe(first?.get(term));
    read.forEach((analyzed, i) => expect(analyzed.sentences).toEqual((expected[i] as ArticleAnalysis).analyzed.sentences));
  });

  it('rejects bytes that are not an encoded analysis', () => {
    const intern = new Map<string, string>();
    const garbage = [
      Buffer.from('definitely not a v8 serialization'),
      Buffer.alloc(0),
      Buffer.from([0xff, 0x0f, 0x00]),
      serialize({ spans: [1, 2, 3], vocabulary: [], termIds: new Int32Array(0), termEnds: new Int32Array(0), quotes: [] }),
      serialize({ spans: new Int32Array(3), vocabulary: [7], termIds: new Int32Array(0), termEnds: new Int32Array(1), quotes: [] }),
      serialize({ spans: new Int32Array(3), vocabulary: [], termIds: new Int32Array(0), termEnds: new Int32Array(2), quotes: [] }),
      serialize({ ...encodeSentences(analyzeArticle(seed)), quotes: [{ text: 'x' }] }),
      serialize('a string'),
      serialize(null),
    ];
    for (const bytes of garbage) {
      expect(thrownBy(() => deserializeAnalysis(seed, bytes, intern))).toBeInstanceOf(InvalidEncodingError);
    }
  });

  it("rejects another article's valid encoding whose sentences run past this article's paragraphs", () => {
    const long = expected.reduce((a, b) => (b.analyzed.sentences.length > a.analyzed.sentences.length ? b : a));
    const short = makeArticle('short', ['Hujan turun di Bogor.']);
    const error = thrownBy(() => deserializeAnalysis(short, serializeAnalysis(long), new Map()));
    expect(error).toBeInstanceOf(InvalidEncodingError);
    expect((error as Error).message).toContain('short');
  });

  it('rejects quotes pointing at a paragraph the article does not have', () => {
    const withQuotes = expected.find((a) => a.quotes.length > 0) as ArticleAnalysis;
    const short = makeArticle('short', ['Hujan turun di Bogor.']);
    const farQuote = encodeQuotes(withQuotes.quotes).find((q) => q.paragraph > 0);
    expect(farQuote).toBeDefined();
    expect(thrownBy(() => decodeQuotes(short, [farQuote!]))).toBeInstanceOf(InvalidEncodingError);
  });

  it('rejects every truncation of a real encoding with InvalidEncodingError', () => {
    const intern = new Map<string, string>();
    for (const index of [0, 1, 5]) {
      const article = articles[index] as Article;
      const bytes = serializeAnalysis(expected[index] as ArticleAnalysis);
      for (let cut = 0; cut < bytes.length; cut++) {
        const error = thrownBy(() => deserializeAnalysis(article, bytes.subarray(0, cut), intern));
        expect(error, `cut at ${cut} of ${bytes.length}`).toBeInstanceOf(InvalidEncodingError);
      }
    }
  });

  it('refuses every damaged copy of a payload with InvalidEncodingError (the checksum catches what the shape checks miss)', () => {
    const article = articles[3] as Article;
    const bytes = serializeAnalysis(expected[3] as ArticleAnalysis);
    for (let at = 0; at < bytes.length; at++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const damaged = Buffer.from(bytes);
        damaged[at] = (damaged[at] as number) ^ mask;
        expect(thrownBy(() => deserializeAnalysis(article, damaged, new Map())), `byte ${at} ^ ${mask}`).toBeInstanceOf(InvalidEncodingError);
      }
    }
  });

  it('refuses another article\'s valid payload, even one whose offsets would fit', () => {
    const [first, second] = [articles[1] as Article, articles[2] as Article];
    const bytes = serializeAnalysis(expected[2] as ArticleAnalysis);
    expect(deserializeAnalysis(second, bytes, new Map())).toEqual(expected[2]);
    expect(thrownBy(() => deserializeAnalysis({ ...second, contentHash: first.contentHash }, bytes, new Map()))).toBeInstanceOf(InvalidEncodingError);
  });

  it('relabels quotes, and only quotes, when reusing an analysis under another id', () => {
    const original = expected[0] as ArticleAnalysis;
    const copy: Article = { ...seed, id: 'copy-of-seed', file: 'copy-of-seed.txt' };
    const reused = reuseAnalysis(copy, original);
    expect(reused.analyzed.article).toBe(copy);
    expect(reused.analyzed).toBeInstanceOf(PackedAnalysis);
    expect((reused.analyzed as PackedAnalysis).packed).toBe((original.analyzed as PackedAnalysis).packed);
    expect(reused.analyzed.sentences).toEqual(original.analyzed.sentences);
    expect(reused.quotes).toEqual(findQuotes(copy));
    expect(reuseAnalysis(seed, original).quotes).toBe(original.quotes);
  });
});

/** An analysis worker made of plain code, to see how the pool copes with a worker that misbehaves. */
function scriptedWorker(onJob: string): Worker {
  const code = `
    const { parentPort } = require('node:worker_threads');
    parentPort.on('message', (m) => {
      if (m.type === 'stems') { parentPort.postMessage({ type: 'stems', stems: {} }); return; }
      ${onJob}
    });`;
  return new Worker(code, { eval: true });
}

/** Starting a worker from TypeScript sources takes a while on a busy machine; the default 5 s limit is not a speed check. */
describe('the analysis pool', { timeout: 30_000 }, () => {
  it.each([
    ['this thread working too', true],
    ['doing all the work', false],
  ])('matches analyzeWithQuotes with a prestarted worker %s', async (_, useThisThread) => {
    const warnings: string[] = [];
    const run = await analyzeArticles(articles, { workers: startAnalysisWorkers(1), useThisThread, onWarning: (w) => warnings.push(w) });
    expect(run.threads).toBe(1);
    expect(run.analyses).toEqual(expected);
    await run.settled;
    expect(warnings).toEqual([]);
  });

  it('keeps in this thread the stems a worker computed, once settled', async () => {
    const fresh = await indoSumArticles(400, 40);
    const before = stemCacheSize();
    const run = await analyzeArticles(fresh, { workers: startAnalysisWorkers(1), useThisThread: false });
    expect(stemCacheSize()).toBe(before);
    await run.settled;
    const after = stemCacheSize();
    expect(after).toBeGreaterThan(before);
    // every word of these articles is now stemmed here already
    const analysed = fresh.map(analyzeWithQuotes);
    expect(stemCacheSize()).toBe(after);
    expect(run.analyses).toEqual(analysed);
  });

  it('analyses on this thread alone with no workers', async () => {
    const run = await analyzeArticles(articles, { workers: 0, useThisThread: true });
    expect(run.threads).toBe(0);
    expect(run.analyses).toEqual(expected);
    await run.settled;
  });

  it('starts no worker for fewer articles than the minimum, even when asked for some and told not to use this thread', async () => {
    expect(articles.length).toBeLessThan(MIN_ARTICLES_FOR_WORKERS.alone);
    const run = await analyzeArticles(articles, { workers: 2, useThisThread: false });
    expect(run.threads).toBe(0);
    expect(run.analyses).toEqual(expected);
    await run.settled;
  });

  it('resolves an empty list, with or without workers', async () => {
    const alone = await analyzeArticles([], { workers: 3, useThisThread: true });
    expect(alone).toMatchObject({ analyses: [], threads: 0 });
    await alone.settled;
    const withWorker = await analyzeArticles([], { workers: startAnalysisWorkers(1), useThisThread: false });
    expect(withWorker.analyses).toEqual([]);
    await withWorker.settled;
  });

  it('gives prestarted workers out once', async () => {
    const prestarted = startAnalysisWorkers(1);
    const first = await analyzeArticles(articles.slice(0, 3), { workers: prestarted, useThisThread: false });
    expect(first.threads).toBe(1);
    const second = await analyzeArticles(articles.slice(0, 3), { workers: prestarted, useThisThread: false });
    expect(second.threads).toBe(0);
    expect(second.analyses).toEqual(expected.slice(0, 3));
    await Promise.all([first.settled, second.settled]);
  });

  for (const useThisThread of [false, true]) {
    it(`finishes here when its worker is terminated mid-run (useThisThread ${useThisThread})`, async () => {
      const { workers } = startAnalysisWorkers(1).claim();
      const worker = workers[0] as Worker;
      const warnings: string[] = [];
      const running = analyzeArticles(articles, { workers: new PrestartedWorkers(workers), useThisThread, onWarning: (w) => warnings.push(w) });
      void worker.terminate();
      const run = await running;
      expect(run.analyses).toEqual(expected);
      await run.settled;
      expect(warnings).toEqual([expect.stringContaining('analysis worker stopped')]);
    });
  }

  it('finishes here when its worker fails to start', async () => {
    const broken = new Worker('throw new Error("bootstrap broke")', { eval: true });
    const warnings: string[] = [];
    const run = await analyzeArticles(articles, { workers: new PrestartedWorkers([broken]), useThisThread: false, onWarning: (w) => warnings.push(w) });
    expect(run.analyses).toEqual(expected);
    await run.settled;
    expect(warnings.some((w) => w.includes('bootstrap broke'))).toBe(true);
  });

  it('reports a worker lost before the run as one that could not start', async () => {
    const broken = new Worker('throw new Error("died early")', { eval: true });
    const prestarted = new PrestartedWorkers([broken], ['no thread for you']);
    await new Promise((resolve) => broken.once('exit', resolve));
    const warnings: string[] = [];
    const run = await analyzeArticles(articles, { workers: prestarted, useThisThread: false, onWarning: (w) => warnings.push(w) });
    expect(run.threads).toBe(0);
    expect(run.analyses).toEqual(expected);
    expect(warnings).toHaveLength(2);
    expect(warnings.every((w) => w.includes('could not start'))).toBe(true);
    expect(warnings.join(' ')).toContain('no thread for you');
    expect(warnings.join(' ')).toMatch(/died early|exit code 1/);
    await run.settled;
  });

  /** Runs the pool with one scripted worker given all the work: whatever it does, the analyses must come out right. */
  async function analyzeWithScriptedWorker(onJob: string, silenceMs?: number): Promise<string[]> {
    const warnings: string[] = [];
    const workers = new PrestartedWorkers([scriptedWorker(onJob)]);
    const run = await analyzeArticles(articles, { workers, useThisThread: false, onWarning: (w) => warnings.push(w), ...(silenceMs === undefined ? {} : { silenceMs }) });
    expect(run.analyses).toEqual(expected);
    await run.settled;
    return warnings;
  }

  it.each([
    ['a worker reports as failed', `parentPort.postMessage({ type: 'failed', batch: m.batch, reason: 'scripted failure' });`, 'scripted failure'],
    [
      'whose results do not fit the articles',
      `const results = m.articles.map(() => m.kind === 'quotes'
        ? [{ text: 'x', speaker: null, role: null, cue: null, partial: false, paragraph: 999, start: 0, end: 1 }]
        : { spans: new Int32Array([999, 0, 1]), vocabulary: ['x'], termIds: new Int32Array([0]), termEnds: new Int32Array([1]) });
      parentPort.postMessage({ type: m.kind, batch: m.batch, results });`,
      'does not fit',
    ],
    ['answered with too few results', `parentPort.postMessage({ type: m.kind, batch: m.batch, results: [] });`, 'does not fit'],
    ['answered with the wrong kind of result', `parentPort.postMessage({ type: m.kind === 'quotes' ? 'sentences' : 'quotes', batch: m.batch, results: [] });`, 'does not fit'],
  ])('redoes here the batches %s', async (_, onJob, warning) => {
    const warnings = await analyzeWithScriptedWorker(onJob);
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((w) => w.includes(warning))).toBe(true);
  });

  it('finishes here when a worker dies after answering part of its work', async () => {
    const warnings = await analyzeWithScriptedWorker(`
      if (globalThis.answered) process.exit(3);
      globalThis.answered = true;
      parentPort.postMessage({ type: 'failed', batch: m.batch, reason: 'first batch only' });`);
    expect(warnings.some((w) => w.includes('exit code 3'))).toBe(true);
  });

  it('takes a worker that holds work and stays silent for stuck, and finishes without it', async () => {
    const warnings = await analyzeWithScriptedWorker(`/* never answers */`, 300);
    expect(warnings.some((w) => w.includes('no answer for 300 ms'))).toBe(true);
  });
});
