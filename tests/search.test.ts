import { describe, expect, it } from 'vitest';
import type { Article } from '../src/corpus/index.js';
import { RankedIndex, TitleIndex } from '../src/search/index.js';
import { analyzeArticle, clip } from '../src/text/index.js';

const article = (id: string, title: string, paragraphs: string[]): Article => ({
  id, title, paragraphs, published: null, source: null, url: null, city: null, category: null, contentHash: id, file: `${id}.txt`,
});

const docs = [
  article('rudal', 'Korut Uji Coba Rudal Balistik', ['Korea Utara meluncurkan rudal balistik ke Laut Jepang pada Kamis pagi.', 'Jepang memprotes peluncuran itu.']),
  article('beras', 'Harga Beras Naik', ['Harga beras di pasar induk naik lima persen.', 'Pedagang menyebut pasokan dari Jawa Tengah berkurang.']),
  article('banjir', 'Banjir Rendam Jakarta', ['Banjir merendam ratusan rumah di Jakarta Utara.', 'Warga mengungsi ke masjid terdekat.']),
  article('pasar', 'Pasar Rudal Dunia', ['Penjualan senjata global naik.', 'Sistem pertahanan rudal paling dicari negara Asia.']),
].map(analyzeArticle);

describe('ranked search', () => {
  const index = new RankedIndex(docs);

  it('ranks articles about the query first, title matches above body matches', () => {
    const hits = index.search('rudal balistik', 10);
    expect(hits.map((h) => docs[h.index]?.article.id)).toEqual(['rudal', 'pasar']);
    expect(hits[0]?.matched).toContain('balistik');
  });

  it('matches stemmed forms and ignores case', () => {
    expect(index.search('MENGUNGSI', 5).map((h) => docs[h.index]?.article.id)).toEqual(['banjir']);
  });

  it('returns nothing for stopwords, unknown words, metacharacters and huge queries, promptly', () => {
    expect(index.search('yang dan di', 5)).toEqual([]);
    expect(index.search('zzzqqq', 5)).toEqual([]);
    expect(index.search('.*(a+)+$ [\\', 5)).toEqual([]);
    expect(index.search('beras '.repeat(1000), 5).map((h) => docs[h.index]?.article.id)).toEqual(['beras']);
  });
});

describe('title autocomplete', () => {
  const titles = new TitleIndex(docs.map((d) => d.article));

  it('matches word prefixes anywhere in the title, in list order', () => {
    expect(titles.match('rud', 5)).toEqual([0, 3]);
    expect(titles.match('pasar ru', 5)).toEqual([3]);
    expect(titles.match('BANJIR jak', 5)).toEqual([2]);
    expect(titles.match('ng', 5)).toEqual([]);
  });

  it('lists the newest first for an empty query and honours the limit', () => {
    expect(titles.match('', 2)).toEqual([0, 1]);
    expect(titles.match('r', 1)).toEqual([0]);
  });

  it('scans when a prefix is common and stays correct', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ id: `a${i}`, title: `Berita nomor ${i}` }));
    const big = new TitleIndex(many);
    expect(big.match('ber', 3)).toEqual([0, 1, 2]);
    expect(big.match('nomor 4999', 3)).toEqual([4999]);
  });
});

describe('clip', () => {
  it('cuts on a word boundary with an ellipsis', () => {
    expect(clip('satu dua tiga empat lima', 14)).toBe('satu dua tiga…');
    expect(clip('pendek', 14)).toBe('pendek');
  });
});

describe('ranked search at scale', () => {
  it('returns the same top hits as scoring and sorting everything', () => {
    const words = ['beras', 'harga', 'banjir', 'rudal', 'pemilu', 'gempa', 'pasar', 'sekolah', 'vaksin', 'jalan'];
    const many = Array.from({ length: 400 }, (_, i) =>
      article(`d${i}`, `Judul ${words[i % 10]}`, [
        Array.from({ length: 12 }, (_, j) => words[(i * 7 + j * j) % 10]).join(' ') + '.',
      ]),
    ).map(analyzeArticle);
    const index = new RankedIndex(many);
    const all = index.search('harga beras banjir', 400);
    const top = index.search('harga beras banjir', 7);
    expect(top.map((h) => h.index)).toEqual(all.slice(0, 7).map((h) => h.index));
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1], all[i]];
      expect(a !== undefined && b !== undefined && (a.score > b.score || (a.score === b.score && a.index < b.index))).toBe(true);
    }
  });
});
