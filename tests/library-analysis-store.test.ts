import { afterEach, describe, expect, it } from 'vitest';
import { analyzeWithQuotes } from '../src/analysis/article-analysis.js';
import type { Article } from '../src/corpus/index.js';
import { AnalysisStore } from '../src/library/analysis-store.js';
import { scratchDir } from './helpers/tmp.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => Promise.all(cleanups.splice(0).map((cleanup) => cleanup())));

const article = (i: number, contentHash = `hash${i}`): Article => ({
  id: `a${i}`,
  title: `Banjir melanda kawasan ${i}`,
  published: null,
  source: null,
  url: null,
  city: 'JAKARTA',
  category: 'nasional',
  paragraphs: [`Banjir setinggi ${i} sentimeter merendam rumah warga di kawasan itu.`, `"Kami mengungsi sejak pagi," kata Budi Santoso, warga setempat.`],
  contentHash,
  file: `a${i}.txt`,
});

describe('the analysis store', () => {
  it('reads many articles in batches, each analysis given to its own article, none where nothing is stored', async () => {
    const scratch = await scratchDir();
    cleanups.push(scratch.cleanup);
    const store = await AnalysisStore.open(scratch.dir, (warning) => expect.fail(warning));
    const stored = Array.from({ length: 25 }, (_, i) => article(i));
    store.write(stored.map(analyzeWithQuotes));
    // five thousand articles over several batches: contents repeat, ids do not, and every 7th was never stored
    const asked = Array.from({ length: 5_000 }, (_, i) => ({ ...article(i % 25), id: `x${i}`, contentHash: i % 7 === 0 ? `unknown${i}` : `hash${i % 25}` }));
    const read = store.read(asked);
    expect(read).toHaveLength(asked.length);
    read.forEach((analysis, i) => {
      if (i % 7 === 0) expect(analysis).toBeUndefined();
      else {
        expect(analysis?.analyzed.article).toBe(asked[i]);
        expect(analysis?.quotes.map((quote) => [quote.articleId, quote.speaker])).toEqual([[`x${i}`, 'Budi Santoso']]);
      }
    });
    store.close();
  });
});
