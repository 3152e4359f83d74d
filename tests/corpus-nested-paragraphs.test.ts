import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanParagraphs } from '../src/corpus/formats/body.js';
import { unnestParagraphs } from '../src/corpus/nested-paragraphs.js';
import { findQuotes } from '../src/quotes/index.js';
import { sharedData } from './helpers/tmp.js';

const a = 'Harga beras di pasar induk naik tajam sejak awal pekan ini, menurut para pedagang di sana.';
const b = 'Pemerintah berjanji menggelar operasi pasar di sejumlah kota mulai Senin depan untuk menahan harga.';
const c = '"Kami akan turun langsung ke pasar," kata Menteri Perdagangan Budi Santoso kepada wartawan di Jakarta.';

describe('paragraphs a scrape of nested blocks gave twice', () => {
  it('cuts each paragraph out of the one that holds it: a chain of tails', () => {
    expect(unnestParagraphs([`${a} ${b} ${c}`, `${b} ${c}`, c])).toEqual([a, b, c]);
  });

  it('cuts each paragraph out of the one that holds it: the whole text first, then its parts', () => {
    expect(unnestParagraphs([`${a}${b} Baca juga: Harga Emas Naik ${c}`, a, b, c])).toEqual(['Baca juga: Harga Emas Naik', a, b, c]);
  });

  it('keeps an outer paragraph that only adds a dateline to an inner one whole, and drops the inner one', () => {
    expect(unnestParagraphs([`JAKARTA - ${a}`, a, b])).toEqual([`JAKARTA - ${a}`, b]);
    expect(cleanParagraphs([`JAKARTA - ${a}`, a, b]).dateline?.city).toBe('JAKARTA');
  });

  it('keeps a paragraph given twice once, and short repeated lines, and articles with nothing nested, as they are', () => {
    expect(unnestParagraphs([a, b, a, c])).toEqual([a, b, c]);
    expect(unnestParagraphs(['Foto: Dok.', a, 'Foto: Dok.', b])).toEqual(['Foto: Dok.', a, 'Foto: Dok.', b]);
    expect(unnestParagraphs([a, b, c])).toEqual([a, b, c]);
  });

  it('finds each quote of a nested scrape once', () => {
    const { paragraphs } = cleanParagraphs([`${a} ${b} ${c}`, `${b} ${c}`, c]);
    const article = { id: 'x', title: 'Harga beras', published: null, source: null, url: null, city: null, category: null, paragraphs, contentHash: '', file: 'x.txt' };
    expect(findQuotes(article).map((quote) => quote.text)).toEqual(['Kami akan turun langsung ke pasar,']);
  });

  const textsFile = join(sharedData, 'realnews', 'texts.jsonl');
  it.runIf(existsSync(textsFile))('leaves (almost) no paragraph inside another in the realnews texts, and loses no word but those glued across a cut', () => {
    const texts = readFileSync(textsFile, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as { id: string; text: string });
    const words = (paragraphs: readonly string[]): Set<string> => new Set(paragraphs.join(' ').toLowerCase().match(/\p{L}+/gu) ?? []);
    let nestedBefore = 0;
    let nestedAfter = 0;
    const lost: string[] = [];
    const nested = (list: readonly string[]): boolean => list.some((p, i) => p.length >= 60 && list.some((q, j) => j !== i && q.length > p.length && q.includes(p)));
    for (const { id, text } of texts) {
      const raw = text.split('\n');
      const lines = raw.map((line) => line.trim()).filter((line) => line !== '');
      const unnested = unnestParagraphs(lines);
      if (nested(lines)) nestedBefore++;
      expect(nested(unnested), id).toBe(false);
      // cleaning can still make two paragraphs one inside the other (a photo credit glued to a repeated lead)
      if (nested(cleanParagraphs(raw).paragraphs)) nestedAfter++;
      const kept = words(unnested);
      // a word made of two glued across a cut (`cirebonbahkan`) goes with the copy; any other word must stay
      const gluedAcrossCut = (word: string): boolean => [...word].some((_, k) => k > 0 && kept.has(word.slice(0, k)) && kept.has(word.slice(k)));
      const keptText = unnested.join(' ').toLowerCase();
      for (const word of words(lines)) if (!keptText.includes(word) && !gluedAcrossCut(word)) lost.push(`${id}: ${word}`);
    }
    console.log(`realnews: ${nestedBefore} of ${texts.length} texts had a paragraph inside another, ${nestedAfter} after cleaning`);
    expect(nestedBefore).toBeGreaterThan(0);
    expect(nestedAfter / texts.length).toBeLessThanOrEqual(0.005);
    expect(lost).toEqual([]);
  }, 60_000);
});
