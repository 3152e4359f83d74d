import { afterEach, describe, expect, it } from 'vitest';
import { loadCorpus, normalizeDate, parseIndonesianDate } from '../src/corpus/index.js';
import { scratchDir } from './helpers/tmp.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function corpusOf(files: Record<string, string | Uint8Array>) {
  const scratch = await scratchDir();
  cleanup = scratch.cleanup;
  for (const [name, content] of Object.entries(files)) await scratch.write(name, content);
  return loadCorpus(scratch.dir);
}

describe('dates', () => {
  it('reads Indonesian date lines in every zone', () => {
    expect(parseIndonesianDate('Kamis, 14 September 2023 - 20:22 WIB')).toBe('2023-09-14T20:22:00+07:00');
    expect(parseIndonesianDate('Jumat, 1 Desember 2023 | 07:05 WITA')).toBe('2023-12-01T07:05:00+08:00');
    expect(parseIndonesianDate("Jum'at, 02 Februari 2024 09.30 WIT")).toBe('2024-02-02T09:30:00+09:00');
    expect(parseIndonesianDate('14/09/2023, 20:22 WIB')).toBe('2023-09-14T20:22:00+07:00');
    expect(parseIndonesianDate('Senin, 31 Februari 2023 - 10:00 WIB')).toBeNull();
    expect(parseIndonesianDate('Presiden Joko Widodo pada 14 September 2023 meresmikan jalan tol')).toBeNull();
  });

  it('normalises metadata dates to ISO 8601 with an offset', () => {
    expect(normalizeDate('2024-03-01T10:00:00Z')).toBe('2024-03-01T10:00:00+00:00');
    expect(normalizeDate('2024-03-01')).toBe('2024-03-01T00:00:00+07:00');
    expect(normalizeDate('2024-03-01 08:15+0800')).toBe('2024-03-01T08:15:00+08:00');
    expect(normalizeDate('kemarin')).toBeNull();
  });
});

describe('scraped text', () => {
  it('finds a KOMPAS.com dateline, strips boilerplate wherever it stands and double initials', async () => {
    const { articles, problems } = await corpusOf({
      'kompas.txt': [
        'Banjir Rendam Jakarta Utara',
        '',
        'Senin, 4 Maret 2024 - 06:15 WIB',
        'Warga mengungsi di Penjaringan. (Foto: ANTARA/Hafidz)',
        'JAKARTA, KOMPAS.com - Banjir merendam ratusan rumah di Jakarta Utara sejak Minggu malam.',
        'ADVERTISEMENT',
        'SCROLL TO CONTINUE WITH CONTENT',
        'Baca juga: Hujan Deras, 20 RT Terendam',
        'Petugas mengevakuasi 300 warga ke tempat yang lebih tinggi. (dil/dil)',
      ].join('\r\n'),
    });
    expect(problems).toEqual([]);
    const a = articles[0];
    expect(a?.city).toBe('JAKARTA');
    expect(a?.source).toBe('KOMPAS.com');
    expect(a?.published).toBe('2024-03-04T06:15:00+07:00');
    expect(a?.paragraphs).toEqual([
      'Banjir merendam ratusan rumah di Jakarta Utara sejak Minggu malam.',
      'Petugas mengevakuasi 300 warga ke tempat yang lebih tinggi.',
    ]);
  });

  it('leaves the outlet null when the text does not name it', async () => {
    const { articles } = await corpusOf({ 'a.txt': 'Judul\n\nBANDUNG - Isi berita pertama.\n\nIsi kedua.' });
    expect(articles[0]?.source).toBeNull();
    expect(articles[0]?.city).toBe('BANDUNG');
    expect(articles[0]?.published).toBeNull();
  });
});

describe('markdown', () => {
  it('reads front matter', async () => {
    const { articles, problems } = await corpusOf({
      'note.md': '---\ntitle: "Harga Beras Naik"\ndate: 2024-02-10T09:00:00+07:00\nsource: Antara\nurl: https://example.org/beras\n---\n\nHarga beras naik **lima persen** pekan ini.\n\nPedagang di [pasar induk](https://x.y) mengeluh.\n',
    });
    expect(problems).toEqual([]);
    expect(articles[0]).toMatchObject({
      id: 'note', title: 'Harga Beras Naik', published: '2024-02-10T09:00:00+07:00', source: 'Antara', url: 'https://example.org/beras',
      paragraphs: ['Harga beras naik lima persen pekan ini.', 'Pedagang di pasar induk mengeluh.'],
    });
  });

  it('takes the first heading as the title without front matter', async () => {
    const { articles } = await corpusOf({ 'b.md': '# Gempa di Cianjur\n\nGempa bermagnitudo 5,6 mengguncang\nCianjur siang tadi.\n\n## Korban\n\nPuluhan rumah rusak.' });
    expect(articles[0]?.title).toBe('Gempa di Cianjur');
    expect(articles[0]?.paragraphs).toEqual(['Gempa bermagnitudo 5,6 mengguncang Cianjur siang tadi.', 'Puluhan rumah rusak.']);
  });
});

describe('JSON and JSON Lines', () => {
  it('reads one object, arrays with #n ids, and gives untitled articles a title from their first sentence', async () => {
    const { articles, problems } = await corpusOf({
      'one.json': JSON.stringify({ title: 'Satu', published: '2024-01-01T08:00:00+07:00', body: 'Paragraf satu.\n\nParagraf dua.' }),
      'many.json': JSON.stringify([
        { id: 'own-id', title: 'Punya id', paragraphs: ['Teks.'] },
        { paragraphs: ['Presiden meresmikan bendungan baru di Jawa Tengah. Bendungan itu mengairi 5.000 hektare sawah.'] },
      ]),
    });
    expect(problems).toEqual([]);
    const ids = articles.map((a) => a.id).sort();
    expect(ids).toEqual(['many#2', 'one', 'own-id']);
    const one = articles.find((a) => a.id === 'one');
    expect(one?.paragraphs).toEqual(['Paragraf satu.', 'Paragraf dua.']);
    expect(articles.find((a) => a.id === 'many#2')?.title).toBe('Presiden meresmikan bendungan baru di Jawa Tengah');
  });

  it('reports a malformed JSONL line with its number and keeps the other lines and their ids', async () => {
    const { articles, problems } = await corpusOf({
      'feed.jsonl': ['{"title":"A","body":"Satu."}', '{"title": "B", "body": ', '', '{"title":"C","body":"Tiga."}', '{"title":"D"}'].join('\n'),
    });
    expect(articles.map((a) => a.id).sort()).toEqual(['feed#1', 'feed#3']);
    expect(problems).toEqual([
      expect.objectContaining({ file: 'feed.jsonl', line: 2, reason: expect.stringMatching(/malformed JSON/) }),
      expect.objectContaining({ file: 'feed.jsonl', line: 5, reason: expect.stringMatching(/body.*paragraphs/) }),
    ]);
  });

  it('loads a JSONL corpus of 1,000 articles with no problems', async () => {
    const lines = Array.from({ length: 1000 }, (_, i) =>
      JSON.stringify({ id: `art-${i}`, title: `Berita ${i}`, published: `2024-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00+07:00`, body: `Kalimat pertama berita ${i}. Kalimat kedua.\n\nParagraf kedua berita ${i}.` }),
    );
    const { articles, problems } = await corpusOf({ 'big.jsonl': lines.join('\n') });
    expect(problems).toEqual([]);
    expect(articles).toHaveLength(1000);
    expect(new Set(articles.map((a) => a.contentHash)).size).toBe(1000);
  });
});

describe('datelines of other outlets', () => {
  it.each([
    ['Jakarta, CNN Indonesia -- Harga minyak turun.', 'Jakarta', 'CNN Indonesia'],
    ['Jakarta (ANTARA News) - Harga minyak turun.', 'Jakarta', 'ANTARA News'],
    ['JAKARTA (Pos Kota) – Harga minyak turun.', 'JAKARTA', 'Pos Kota'],
    ['Merdeka.com - Harga minyak turun.', null, 'Merdeka.com'],
    ['MOSKOW - Harga minyak turun.', 'MOSKOW', null],
    ['Liputan6.com, Jakarta - Harga minyak turun.', 'Jakarta', 'Liputan6.com'],
    ['REPUBLIKA.CO.ID, BANDUNG – Harga minyak turun.', 'BANDUNG', 'REPUBLIKA.CO.ID'],
    ['TEMPO.CO, Jakarta - Harga minyak turun.', 'Jakarta', 'TEMPO.CO'],
    ['JAKARTA, KOMPAS.com - Harga minyak turun.', 'JAKARTA', 'KOMPAS.com'],
  ])('%s', async (first, city, outlet) => {
    const { articles } = await corpusOf({ 'x.json': JSON.stringify({ title: 'T', body: `${first}\n\n(Baca juga: Harga Emas Naik)\n\nParagraf kedua.` }) });
    expect(articles[0]).toMatchObject({ city, source: outlet, paragraphs: ['Harga minyak turun.', 'Paragraf kedua.'] });
  });
});
