import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/index.js';
import { seedsDir } from './helpers/tmp.js';

describe('the seed article', async () => {
  const { articles, problems } = await loadCorpus(seedsDir);
  const seed = articles[0];

  it('loads alone and without problems', () => {
    expect(problems).toEqual([]);
    expect(articles).toHaveLength(1);
  });

  it('has its title, date, outlet and dateline', () => {
    expect(seed?.id).toBe('000_0fa5bb280fb2bb71');
    expect(seed?.title).toBe('Barat Patut Waswas, Putin Buka Peluang Kerja Sama Militer dengan Korut');
    expect(seed?.published).toBe('2023-09-14T20:22:00+07:00');
    expect(seed?.city).toBe('MOSKOW');
    expect(seed?.source).toBe('SINDOnews');
    expect(seed?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(seed?.file).toBe('000_0fa5bb280fb2bb71.txt');
  });

  it('starts the body after the dateline and drops the caption', () => {
    expect(seed?.paragraphs[0]).toMatch(/^Presiden Vladimir Putin mengatakan/);
    expect(seed?.paragraphs[0]).toMatch(/dengan Kim Jong-un\.$/);
    expect(seed?.paragraphs.some((p) => /Foto\/NDTV/.test(p))).toBe(false);
    expect(seed?.paragraphs.some((p) => p.includes('Kamis, 14 September 2023'))).toBe(false);
  });

  it('keeps no footer, editor initials or boilerplate', () => {
    const body = seed?.paragraphs.join('\n') ?? '';
    for (const furniture of ['(ian)', 'tulis komentar', 'Follow', 'Dapatkan berita', 'Video Rekomendasi', 'Berita Terkait', 'Terpopuler', 'Berita Terkini']) {
      expect(body).not.toContain(furniture);
    }
    expect(seed?.paragraphs.at(-1)).toMatch(/berfungsi penuh\.$/);
    expect(seed?.paragraphs).toHaveLength(19);
  });
});
