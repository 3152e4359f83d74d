import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBenchCorpus } from '../bench/corpus.js';
import { analyzeWithQuotes } from '../src/analysis/article-analysis.js';
import { PackedAnalysis } from '../src/analysis/compact.js';
import { decodeSentences, encodeSentences, packedAnalysis } from '../src/analysis/encoded.js';
import { TermCounts } from '../src/analysis/term-counts.js';
import { CorpusSnapshot, loadCorpus } from '../src/corpus/index.js';
import { assembleLibrary } from '../src/library/library.js';
import { findQuotes } from '../src/quotes/index.js';
import { analyzeArticle } from '../src/text/index.js';

const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

async function benchArticles(): Promise<CorpusSnapshot> {
  const root = await mkdtemp(join(tmpdir(), 'ringkas-term-counts-'));
  roots.push(root);
  const corpus = await ensureBenchCorpus({ scales: [1, 2], root: join(root, 'corpus'), limit: 60, varied: true });
  const { articles } = await loadCorpus(corpus.dirs.get(2) ?? '');
  return new CorpusSnapshot(articles);
}

describe('analyses kept packed, term counts counted when asked', () => {
  it('read back as the sentences and the count Map analyzeArticle builds, in the same order, and refuse changes', async () => {
    const snapshot = await benchArticles();
    expect(snapshot.articles.length).toBe(120);
    for (const article of snapshot.articles) {
      const stored = analyzeArticle(article);
      const packed = packedAnalysis(stored);
      expect(packed).toBeInstanceOf(PackedAnalysis);
      expect(packed.sentences).toEqual(stored.sentences);
      const counts = packed.termFrequencies;
      expect(counts).toBeInstanceOf(TermCounts);
      expect([...counts]).toEqual([...stored.termFrequencies]);
      expect([...counts.keys()]).toEqual([...stored.termFrequencies.keys()]);
      expect(counts.size).toBe(stored.termFrequencies.size);
      for (const [term, count] of stored.termFrequencies) {
        expect(counts.get(term)).toBe(count);
        expect(counts.has(term)).toBe(true);
      }
      expect(counts.get('zzzz-no-such-term')).toBeUndefined();
      const decoded = decodeSentences(article, encodeSentences(stored));
      expect(decoded.sentences).toEqual(stored.sentences);
      expect([...decoded.termFrequencies]).toEqual([...stored.termFrequencies]);
    }
    const counts = packedAnalysis(analyzeArticle(snapshot.articles[0]!)).termFrequencies;
    expect(() => counts.set('x', 1)).toThrow(TypeError);
    expect(() => counts.delete('x')).toThrow(TypeError);
  }, 120_000);

  it('give the same summaries and search answers as analyses kept whole', async () => {
    const snapshot = await benchArticles();
    const stored = assembleLibrary(snapshot, snapshot.articles.map((article) => ({ analyzed: analyzeArticle(article), quotes: findQuotes(article) })));
    const read = assembleLibrary(snapshot, snapshot.articles.map(analyzeWithQuotes));
    for (const article of snapshot.articles) expect(read.summary(article.id, 3)).toEqual(stored.summary(article.id, 3));
    const queries = snapshot.articles.slice(0, 40).flatMap((article) => [article.title.split(' ').slice(0, 2).join(' '), article.paragraphs[1] ?? '']);
    for (const query of ['presiden', 'harga beras', 'Jakarta', ...queries]) expect(read.search(query, 10)).toEqual(stored.search(query, 10));
  }, 120_000);
});
