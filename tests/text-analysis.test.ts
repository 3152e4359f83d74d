import { describe, expect, it } from 'vitest';
import type { Article } from '../src/corpus/article.js';
import {
  analyzeArticle,
  buildCorpusStats,
  datelineLength,
  fold,
  isStopword,
  stemWord,
  terms,
  tokenize,
} from '../src/text/index.js';

function article(id: string, paragraphs: string[]): Article {
  return { id, title: id, published: null, source: null, url: null, city: null, category: null, paragraphs, contentHash: id, file: `${id}.txt` };
}

describe('tokenize', () => {
  it('keeps reduplication, hyphenated names and Indonesian numbers whole', () => {
    expect(tokenize('Kim Jong-un membahas batasan-batasan, Rp1.500.000 dan 3,5 persen (14/9/2023).')).toEqual([
      'Kim', 'Jong-un', 'membahas', 'batasan-batasan', 'Rp1.500.000', 'dan', '3,5', 'persen', '14', '9', '2023',
    ]);
  });

  it('takes Unicode letters and drops punctuation and quote marks', () => {
    expect(tokenize('“Östersunds menang!” kata Jum\'at.')).toEqual(['Östersunds', 'menang', 'kata', "Jum'at"]);
  });
});

describe('stemWord', () => {
  it('stems common words with natural’s Indonesian stemmer', () => {
    expect(stemWord('pertemuan')).toBe('temu');
    expect(stemWord('mendiskusikan')).toBe('diskusi');
    expect(stemWord('batasan-batasan')).toBe('batas');
  });

  it('lowercases capitalised tokens without stemming them', () => {
    expect(stemWord('Pertemuan')).toBe('pertemuan');
    expect(stemWord('Jong-un')).toBe('jong-un');
  });
});

describe('isStopword', () => {
  it('drops function words, speech verbs and web words but keeps news content words', () => {
    for (const word of ['yang', 'dan', 'kata', 'ujarnya', 'baca', 'klik']) expect(isStopword(word)).toBe(true);
    for (const word of ['kerja', 'militer', 'hari', 'besar']) expect(isStopword(word)).toBe(false);
  });
});

describe('terms', () => {
  it('lowercases, drops stopwords and stems, keeping names', () => {
    expect(terms('Pertemuan itu membahas kerja sama militer dengan Kim Jong-un')).toEqual(['temu', 'bahas', 'kerja', 'militer', 'kim', 'jong-un']);
  });
});

describe('fold', () => {
  it('ignores case and accents', () => {
    expect(fold('Östersunds FK')).toBe('ostersunds fk');
    expect(fold('Café')).toBe(fold('CAFE'));
  });
});

describe('datelineLength', () => {
  it('finds the datelines of Indonesian outlets', () => {
    for (const text of [
      'Jakarta, CNN Indonesia -- Kiper itu menang.',
      'MOSKOW - Presiden Putin berkata.',
      'Jakarta (ANTARA News) - Menteri datang.',
      'Merdeka.com - Polisi menangkap pelaku.',
      'JAKARTA (Pos Kota) –Ketua DPR sudah sehat.',
      'JUARA.NET, KUALA LUMPUR - Tim menang.',
    ]) {
      const length = datelineLength(text);
      expect(length, text).toBeGreaterThan(0);
      expect(text.slice(length)).toMatch(/^\p{Lu}/u);
    }
  });

  it('leaves ordinary sentences alone', () => {
    expect(datelineLength('Presiden Jokowi meresmikan jalan tol.')).toBe(0);
    expect(datelineLength('Skor akhir 1-3 membuat tim kalah.')).toBe(0);
  });
});

describe('analyzeArticle', () => {
  const doc = analyzeArticle(article('a', ['Jakarta, CNN Indonesia -- Harga beras naik. Warga mengeluh harga beras.', 'Pemerintah menjanjikan operasi pasar.']));

  it('splits every paragraph into sentences with offsets into that paragraph, the dateline left out', () => {
    expect(doc.sentences.map((s) => [s.paragraph, s.text])).toEqual([
      [0, 'Harga beras naik.'],
      [0, 'Warga mengeluh harga beras.'],
      [1, 'Pemerintah menjanjikan operasi pasar.'],
    ]);
    for (const s of doc.sentences) expect(doc.article.paragraphs[s.paragraph]?.slice(s.start, s.end)).toBe(s.text);
  });

  it('counts the terms of the whole article', () => {
    expect(doc.sentences[0]?.terms).toEqual(['harga', 'beras', 'naik']);
    expect(doc.termFrequencies.get('harga')).toBe(2);
    expect(doc.termFrequencies.get('beras')).toBe(2);
    expect(doc.termFrequencies.get('pasar')).toBe(1);
  });
});

describe('buildCorpusStats', () => {
  it('counts documents and the documents each term occurs in', () => {
    const stats = buildCorpusStats([
      analyzeArticle(article('a', ['Harga beras naik. Harga cabai naik.'])),
      analyzeArticle(article('b', ['Harga emas turun.'])),
    ]);
    expect(stats.documentCount).toBe(2);
    expect(stats.documentFrequency.get('harga')).toBe(2);
    expect(stats.documentFrequency.get('beras')).toBe(1);
    expect(stats.documentFrequency.get('emas')).toBe(1);
  });
});

describe('stem fast path', () => {
  it('gives natural StemmerId’s answer for words no prefix rule can touch, and for those it can', { timeout: 30_000 }, async () => {
    const { default: stemmer } = await import('natural/lib/natural/stemmers/indonesian/stemmer_id.js');
    const { stemUncached } = await import('../src/text/stem.js');
    const suffixes = ['', 'i', 'an', 'kan', 'is', 'isme', 'isasi', 'nya', 'annya', 'kannya', 'lah', 'kanlah', 'ku', 'mu', 'pun', 'kah', 'tah'];
    const prefixes = ['me', 'mem', 'men', 'meng', 'meny', 'pe', 'pem', 'pen', 'peng', 'per', 'ber', 'be', 'ter', 'te', 'di', 'ke', 'se', 'ku', 'kau', 'memper'];
    const roots = stemmer.dictionary.filter((_, i) => i % 40 === 0);
    const words = [
      ...roots.flatMap((root) => suffixes.map((suffix) => root + suffix)),
      ...roots.filter((_, i) => i % 4 === 0).flatMap((root) => prefixes.flatMap((prefix) => [prefix + root, `${prefix + root}kan`, `${prefix + root}an`])),
      'jokowi', 'prabowonya', 'anieslah', 'cobakan', 'belaid', 'pertemuan', 'gandakan', 'hiuran', 'rp1.500', 'ke-75', 'ö', 'ab',
      // starts that only look like prefixes: no rule matches them, so they take the fast path
      'kabupaten', 'karena', 'media', 'meja', 'teman', 'tempat', 'era', 'eropa', 'tembakau', 'kebebasan', 'belajar', 'belajarnya',
    ];
    for (const word of words) {
      const expected = /\p{L}/u.test(word) ? stemmer.stem(word) || word : word;
      expect(stemUncached(word), word).toBe(expected);
    }
  });

  it('exports its cache and takes it back, skipping entries that are not stems', async () => {
    const { exportStemCache, importStemCache, stemWord: stem } = await import('../src/text/index.js');
    stem('perdagangan');
    const saved = exportStemCache();
    expect(saved['perdagangan']).toBe('dagang');
    expect(importStemCache({ zzzkata: 'zzz', rusak: 42 })).toBe(1);
    expect(exportStemCache()['zzzkata']).toBe('zzz');
    expect(exportStemCache()['rusak']).toBeUndefined();
  });
});
