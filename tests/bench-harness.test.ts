import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dateLine, ensureBenchCorpus, madeUpTitle, readSourceArticles, scrapedText, variantParagraphs } from '../bench/corpus.js';
import { compare, floor, latencyOf, quantile, spreadOf } from '../bench/harness.js';
import { typedPrefixes } from '../bench/typing.js';
import { loadCorpus, parseIndonesianDate } from '../src/corpus/index.js';
import { parseScrapedText } from '../src/corpus/formats/scraped-text.js';

const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];

describe('bench harness statistics', () => {
  it('interpolates quantiles and summarises runs', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10], 0.99)).toBe(10);
    const spread = spreadOf([5, 1, 4, 2, 3]);
    expect(spread).toMatchObject({ runs: 5, median: 3, min: 1, max: 5 });
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    const l = latencyOf(values);
    expect(l.p50).toBeCloseTo(50.5);
    expect(l.p99).toBeCloseTo(99.01);
    expect(l.max).toBe(100);
  });

  it('alternates A and B and reports B over A', async () => {
    const order: string[] = [];
    const result = await compare(() => void order.push('a'), () => void order.push('b'), { warmup: 1, runs: 4 });
    expect(order).toEqual(['a', 'b', 'a', 'b', 'b', 'a', 'a', 'b', 'b', 'a']);
    expect(result.a.runs).toBe(4);
    expect(result.ratio).toBeCloseTo(result.b.median / result.a.median);
  });

  it('judges floors both ways', () => {
    expect(floor('x', 1.5, 'max', 2, 's').pass).toBe(true);
    expect(floor('x', 2.5, 'max', 2, 's')).toMatchObject({ pass: false, margin: 0.8 });
    expect(floor('x', 320, 'min', 300, '/s').pass).toBe(true);
    expect(floor('x', Number.NaN, 'min', 300, '/s').pass).toBe(false);
  });

  it('types prefixes the way Discord sends autocomplete', () => {
    expect(typedPrefixes(['ab c'])).toEqual(['', 'a', 'ab', 'ab c']);
  });
});

describe('bench corpus generator', () => {
  const roots: string[] = [];
  afterAll(async () => {
    for (const root of roots) await rm(root, { recursive: true, force: true });
  });

  it('writes date lines the loader reads, with the right weekday', () => {
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const line = dateLine(key);
      const iso = parseIndonesianDate(line);
      expect(iso, line).not.toBeNull();
      const [day] = line.split(',');
      const date = new Date(`${(iso ?? '').slice(0, 10)}T12:00:00Z`);
      expect(day).toBe(DAYS[date.getUTCDay()]);
    }
  });

  it('makes copies whose text differs but whose size and shape stay', async () => {
    const [source] = await readSourceArticles();
    expect(source).toBeDefined();
    const paragraphs = source?.paragraphs ?? [];
    const copies = Array.from({ length: 30 }, (_, copy) => variantParagraphs(paragraphs, copy).join('\n'));
    expect(copies[0]).toBe(paragraphs.join('\n'));
    expect(new Set(copies).size).toBe(30);
    for (const copy of copies) expect(Math.abs(copy.length - copies[0]!.length)).toBeLessThan(copies[0]!.length * 0.05);
  });

  it('round-trips an article through the scraped-text parser', async () => {
    const [source] = await readSourceArticles();
    const paragraphs = source?.paragraphs ?? [];
    const title = madeUpTitle(paragraphs[0] ?? '');
    expect(title.length).toBeGreaterThan(10);
    expect(title.length).toBeLessThanOrEqual(90);
    const parsed = parseScrapedText(scrapedText(title, 'Kamis, 14 September 2023 - 20:22 WIB', paragraphs)).records[0];
    expect(parsed?.title).toBe(title);
    expect(parsed?.published).toBe('2023-09-14T20:22:00+07:00');
    expect(parsed?.paragraphs.length).toBeGreaterThan(0);
    expect(paragraphs.join(' ')).toContain(parsed?.paragraphs[parsed.paragraphs.length - 1]?.slice(0, 40) ?? '∅');
  });

  it('writes scaled corpora the loader reads without problems, and reuses them', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ringkas-bench-test-'));
    roots.push(root);
    const corpusRoot = join(root, 'corpus');
    const first = await ensureBenchCorpus({ scales: [1, 3], root: corpusRoot, limit: 6 });
    expect(first.baseArticles).toBe(6);
    expect(await readdir(first.dirs.get(1) ?? '')).toHaveLength(6);
    const { articles, problems } = await loadCorpus(first.dirs.get(3) ?? '');
    expect(problems).toEqual([]);
    expect(articles).toHaveLength(18);
    expect(new Set(articles.map((a) => a.contentHash)).size).toBe(18);
    expect(articles.every((a) => a.published !== null)).toBe(true);

    const file = join(first.dirs.get(3) ?? '', (await readdir(first.dirs.get(3) ?? ''))[0] ?? '');
    const before = (await stat(file)).mtimeMs;
    const again = await ensureBenchCorpus({ scales: [1, 3], root: corpusRoot, limit: 6 });
    expect(again.baseArticles).toBe(6);
    expect((await stat(file)).mtimeMs).toBe(before);
  });

  it('refuses to replace a folder it did not write', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ringkas-bench-test-'));
    roots.push(root);
    await ensureBenchCorpus({ scales: [1], root: join(root, 'ok'), limit: 1 });
    await expect(ensureBenchCorpus({ scales: [1], root, limit: 1 })).rejects.toThrow(/refusing/);
  });
});
