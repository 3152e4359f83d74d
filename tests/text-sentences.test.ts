import { describe, expect, it } from 'vitest';
import { splitSentences } from '../src/text/index.js';

const texts = (paragraph: string): string[] => splitSentences(paragraph).map((s) => s.text);

describe('splitSentences', () => {
  it('gives spans whose offsets point into the paragraph', () => {
    const paragraph = '  Harga naik. Warga mengeluh.  ';
    for (const span of splitSentences(paragraph)) expect(paragraph.slice(span.start, span.end)).toBe(span.text);
    expect(texts(paragraph)).toEqual(['Harga naik.', 'Warga mengeluh.']);
  });

  it('does not end a sentence at titles, initials, academic degrees or street abbreviations', () => {
    expect(texts('Ketua MPR Prof. Dr. H. M. Nuh, S.H., M.Si. hadir di Jl. Sudirman No. 5. Ia datang pukul 10.00 WIB.')).toEqual([
      'Ketua MPR Prof. Dr. H. M. Nuh, S.H., M.Si. hadir di Jl. Sudirman No. 5.',
      'Ia datang pukul 10.00 WIB.',
    ]);
    expect(texts('Hj. Siti dan Kol. Inf. Budi bertemu Brigjen. Pol. Ahmad di Jakarta. Mereka berbincang.')).toHaveLength(2);
    expect(texts('Pembayaran lewat Rp. 50.000 per bulan. Itu murah.')).toEqual(['Pembayaran lewat Rp. 50.000 per bulan.', 'Itu murah.']);
  });

  it('keeps numbers, dates and domains whole', () => {
    expect(texts('Harga naik menjadi Rp1.500.000 atau 3,5 persen, kata dia, Kamis (14/9/2023). Berita ini dikutip dari SINDOnews.com. Ia tidak menjelaskan.')).toEqual([
      'Harga naik menjadi Rp1.500.000 atau 3,5 persen, kata dia, Kamis (14/9/2023).',
      'Berita ini dikutip dari SINDOnews.com.',
      'Ia tidak menjelaskan.',
    ]);
  });

  it('ends a sentence after dll./dsb. only when a capitalised word follows', () => {
    expect(texts('Bahan pokok seperti beras, gula, dll. Harga itu naik.')).toEqual(['Bahan pokok seperti beras, gula, dll.', 'Harga itu naik.']);
    expect(texts('Budi dkk. meneliti hal itu. Hasilnya baik.')).toEqual(['Budi dkk. meneliti hal itu.', 'Hasilnya baik.']);
  });

  it('handles ellipses, questions and exclamations', () => {
    expect(texts('Dia menunggu... Lalu pergi. Apa? Tidak! Ya.')).toEqual(['Dia menunggu...', 'Lalu pergi.', 'Apa?', 'Tidak!', 'Ya.']);
    expect(texts('Dia berkata… entah apa. Kami pulang.')).toEqual(['Dia berkata… entah apa.', 'Kami pulang.']);
  });

  it('keeps a quote together with its attribution', () => {
    expect(texts('“Ya, ada batasan-batasan tertentu, dan Rusia mematuhi semua pembatasan ini,” kata Putin kepada kantor berita. Ia pulang.')).toEqual([
      '“Ya, ada batasan-batasan tertentu, dan Rusia mematuhi semua pembatasan ini,” kata Putin kepada kantor berita.',
      'Ia pulang.',
    ]);
    expect(texts('“Apa kabar?” tanya Budi. Semua diam.')).toEqual(['“Apa kabar?” tanya Budi.', 'Semua diam.']);
  });

  it('does not cut a quotation of several sentences, with curly or straight quotes', () => {
    expect(texts('“Tetapi ada beberapa hal. Dan di sini juga ada prospeknya,” tambahnya seperti dilansir dari CNN, Kamis (14/9/2023).')).toHaveLength(1);
    expect(texts('"Saya warga Jakarta. Kebetulan saya besar di Lebak Bulus. Dua hal yang sulit dipisahkan," ucap Ryuji kepada wartawan. Ia tersenyum.')).toEqual([
      '"Saya warga Jakarta. Kebetulan saya besar di Lebak Bulus. Dua hal yang sulit dipisahkan," ucap Ryuji kepada wartawan.',
      'Ia tersenyum.',
    ]);
  });

  it('ends a sentence after a closing quote when a new sentence starts', () => {
    expect(texts('Kim mengatakan: “Militer Rusia akan menang.” Operasi militer itu ilegal.')).toEqual([
      'Kim mengatakan: “Militer Rusia akan menang.”',
      'Operasi militer itu ilegal.',
    ]);
  });

  it('splits inside a quotation left open at the paragraph end (it goes on in the next paragraph)', () => {
    expect(texts('“Kami siap bertanding. Kami akan menang.')).toEqual(['“Kami siap bertanding.', 'Kami akan menang.']);
  });

  it('returns nothing for an empty paragraph and one span for text without a full stop', () => {
    expect(splitSentences('   ')).toEqual([]);
    expect(texts('Pemenang Liga Champions Tertua')).toEqual(['Pemenang Liga Champions Tertua']);
  });
});
