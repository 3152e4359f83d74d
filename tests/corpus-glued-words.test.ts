import { describe, expect, it } from 'vitest';
import { cleanParagraphs } from '../src/corpus/formats/body.js';
import { unglueWords } from '../src/corpus/glued-words.js';

describe('words a scrape glued to the link after them', () => {
  it('puts back the space before a capitalised word glued to a lower-case one', () => {
    expect(unglueWords('kata dia kepadaRepublika, Rabu')).toBe('kata dia kepada Republika, Rabu');
    expect(unglueWords('setara belanjaManchester United')).toBe('setara belanja Manchester United');
    expect(unglueWords('pada (penelusuranRepublika) dan kontenRUU TNI')).toBe('pada (penelusuran Republika) dan konten RUU TNI');
    expect(cleanParagraphs(['Ia berbicara kepadaRepublika melalui telepon.']).paragraphs).toEqual(['Ia berbicara kepada Republika melalui telepon.']);
  });

  it('leaves names cased inside, addresses, handles and tags as written', () => {
    for (const text of ['beli iPhone, YouTube, PlayStation dan eKTP', 'buka kompas.com/readBerita', '@jokowiDodo dan #savePapua', 'https://www.x.com/jalanRaya', 'ProvinsiJabar', 'dia.Namun']) {
      expect(unglueWords(text), text).toBe(text);
    }
  });
});
