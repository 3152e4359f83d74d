import { afterAll, describe, expect, it } from 'vitest';
import { clampSentences, openLibrary, SUMMARY_SENTENCES } from '../src/library/index.js';
import { scratchDir, seedsDir } from './helpers/tmp.js';

describe('the library over the seed corpus', async () => {
  const holder = await openLibrary(seedsDir);
  const library = holder.current();
  const seedId = '000_0fa5bb280fb2bb71';

  it('counts what it holds', () => {
    expect(library.stats).toMatchObject({ articles: 1, sources: 1, newest: '2023-09-14T20:22:00+07:00' });
    expect(library.stats.quotes).toBeGreaterThanOrEqual(7);
    expect(library.problems).toEqual([]);
  });

  it('summarises and memoises per library', () => {
    const summary = library.summary(seedId, 3);
    expect(summary?.sentences).toHaveLength(3);
    expect(library.summary(seedId, 3)).toBe(summary);
    expect(library.summary(seedId, 99)?.sentences.length).toBeLessThanOrEqual(10);
    expect(library.summary('nope', 3)).toBeUndefined();
  });

  it('finds the speakers of the seed', () => {
    const putin = library.speakers.lookup('putin');
    expect(putin.kind).toBe('found');
    if (putin.kind === 'found') expect(library.speakers.quotesOf(putin.speaker.id)).toHaveLength(4);
    expect(library.quotesIn(seedId).length).toBe(library.stats.quotes);
  });

  it('searches and autocompletes titles', () => {
    expect(library.search('satelit mata-mata', 5)[0]?.article.id).toBe(seedId);
    expect(library.search('satelit', 5)[0]?.snippet).toMatch(/satelit/i);
    expect(library.titleAutocomplete('kerja sa', 25)).toEqual([
      { id: seedId, title: 'Barat Patut Waswas, Putin Buka Peluang Kerja Sama Militer dengan Korut', published: '2023-09-14T20:22:00+07:00' },
    ]);
    expect(library.titleAutocomplete('banjir', 25)).toEqual([]);
  });

  it('rebuilds on reload and keeps answering from the snapshot a caller holds', async () => {
    const scratch = await scratchDir();
    try {
      await scratch.write('a.md', '# Harga Cabai Melonjak\n\nHarga cabai rawit di Jakarta melonjak menjadi Rp100.000 per kilogram.\n\n"Pasokan dari petani berkurang," kata Budi Santoso, pedagang di Pasar Minggu.');
      const local = await openLibrary(scratch.dir);
      const before = local.current();
      await scratch.write('b.md', '# Gempa Guncang Cianjur\n\nGempa bermagnitudo 5,6 mengguncang Cianjur, Jawa Barat.');
      const report = await local.reload();
      expect(report).toMatchObject({ ok: true, added: ['b'], articles: 2 });
      expect(before.articles).toHaveLength(1);
      expect(local.current().search('gempa', 5)[0]?.article.id).toBe('b');
      expect(before.search('gempa', 5)).toEqual([]);
    } finally {
      await scratch.cleanup();
    }
  });
});

describe('the library answers what someone named', async () => {
  const scratch = await scratchDir();
  afterAll(() => scratch.cleanup());
  await scratch.write('lama.md', '---\ntitle: Putin Bicara Soal Gandum\ndate: 2024-03-01\n---\n\n"Gandum kami cukup untuk semua," kata Vladimir Putin di Moskow.\n\n"Ekspor akan berlanjut," kata Putin.');
  await scratch.write('baru.md', '---\ntitle: Putin Kunjungi Pyongyang\ndate: 2024-03-05\n---\n\n"Kerja sama ini penting bagi kami," kata Vladimir Putin.\n\n"Kami menyambut tamu kami," kata Kim Jong-un.');
  const library = (await openLibrary(scratch.dir)).current();

  it('finds an article by nothing (the newest), by id, or by words of its title', () => {
    expect(library.findArticle(null)?.id).toBe('baru');
    expect(library.findArticle('  ')?.id).toBe('baru');
    expect(library.findArticle('lama')?.id).toBe('lama');
    expect(library.findArticle('gandum')?.id).toBe('lama');
    expect(library.findArticle('banjir bandang')).toBeUndefined();
  });

  it('finds a speaker by id or by typed name, and lists their quotes newest article first, in reading order', () => {
    const typed = library.findSpeaker('putin');
    expect(typed.kind).toBe('found');
    if (typed.kind !== 'found') return;
    const putin = typed.speaker;
    expect(library.findSpeaker(putin.id)).toEqual({ kind: 'found', speaker: putin });
    expect(library.speakerById(putin.id)).toBe(putin);
    const quotes = library.quotesBy(putin.id);
    expect(quotes.map((q) => [q.article?.id, q.text])).toEqual([
      ['baru', 'Kerja sama ini penting bagi kami,'],
      ['lama', 'Gandum kami cukup untuk semua,'],
      ['lama', 'Ekspor akan berlanjut,'],
    ]);
    expect(library.quotesBy(putin.id)).toBe(quotes);
    expect(library.quotesBy(putin.id, 'lama').map((q) => q.article?.id)).toEqual(['lama', 'lama']);
    expect([...library.articlesQuoting(putin.id)].sort()).toEqual(['baru', 'lama']);
    expect(library.findSpeaker('Zzyzx').kind).toBe('none');
  });
});

describe('the limits every adapter shares', () => {
  it('clamps the sentence count in one place', () => {
    expect(SUMMARY_SENTENCES).toEqual({ min: 1, max: 10, default: 3 });
    expect([-4, 0, 1, 3.7, 10, 11, 99, Number.NaN].map(clampSentences)).toEqual([1, 1, 1, 3, 10, 10, 10, 3]);
  });
});
