import { describe, expect, it } from 'vitest';
import { openLibrary } from '../src/library-open.js';
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
