import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBenchCorpus } from '../bench/corpus.js';
import { analyzeWithQuotes } from '../src/analysis/article-analysis.js';
import { dictionaryOf, dictionaryTerms, PackedAnalysis, underOneDictionary } from '../src/analysis/compact.js';
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

  it('packed again under a fresh dictionary read back the same, hold only their own terms, and leave the analyses they came from as they were', async () => {
    const { articles } = await benchArticles();
    const packed = articles.map((article) => packedAnalysis(analyzeArticle(article)));
    const arrays = packed.map((analysis) => analysis.packed.slice());
    // the same content under another id shares its array
    const copy = packed[0]!.for(articles[1]!);
    const kept = [...packed.slice(0, 10), copy];
    const moved = underOneDictionary(kept, true) as PackedAnalysis[];
    moved.forEach((analysis, i) => {
      expect(analysis).toBeInstanceOf(PackedAnalysis);
      expect(analysis.dictionary).not.toBe(kept[i]!.dictionary);
      expect(analysis.article).toBe(kept[i]!.article);
      expect(analysis.sentences).toEqual(kept[i]!.sentences);
      expect([...analysis.termFrequencies]).toEqual([...kept[i]!.termFrequencies]);
    });
    expect(moved[10]!.packed).toBe(moved[0]!.packed);
    const termsKept = new Set(kept.flatMap((analysis) => analysis.sentences.flatMap((sentence) => sentence.terms)));
    expect([...dictionaryTerms(moved)].sort()).toEqual([...termsKept].sort());
    // the analyses before keep their arrays and their dictionary: a library still served reads them
    packed.forEach((analysis, i) => expect(analysis.packed).toEqual(arrays[i]));
    expect(packed[30]!.sentences).toEqual(analyzeArticle(articles[30]!).sentences);

    // analyses packed from now on are under the fresh dictionary; one library cannot mix two
    const later = packedAnalysis(analyzeArticle(articles[40]!));
    expect(later.dictionary).toBe(moved[0]!.dictionary);
    expect(() => dictionaryOf([packed[30]!, later])).toThrow(/different term dictionaries/);
    const joined = underOneDictionary([later, packed[30]!], false);
    expect(joined[0]).toBe(later);
    expect(dictionaryOf(joined)).toBe(later.dictionary);
    expect(joined[1]!.sentences).toEqual(packed[30]!.sentences);
  }, 120_000);
});
