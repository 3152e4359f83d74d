import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capture } from './helpers/capture.js';
import { commandRunner } from './helpers/cli.js';
import { scratchDir, sharedData } from './helpers/tmp.js';
import { parseJsonLines } from '../src/corpus/formats/json.js';
import { parseScrapedText } from '../src/corpus/formats/scraped-text.js';

/**
 * Web furniture as a reader would spot it in a title or summary sentence. Written from the pages, not from the
 * cleaner: the two must agree on what furniture is, not on how it is found.
 */
const furniture: ReadonlyArray<readonly [string, RegExp]> = [
  ['outlet dateline', /^(?:[\p{Lu}][\p{L}. ]{1,25},\s*)?[\p{L}\d-]+\.\s?(?:com|co\.id|co|id|net|tv)\b/iu],
  ['outlet dateline', /^[^.!?]{0,30}\((?:antara|antaranews)[^)]*\)/i],
  ['outlet dateline', /^(?:[\p{Lu}][\p{L}.]*\s*,\s*)?(?:KOMPAS|TEMPO|ANTARA|CNN Indonesia|POSMETRO(?: [\p{Lu}]+)?)\b/u],
  // `JAKARTA - …`, `NEW YORK–Donald …`; not a compound such as `TNI-Polri` or `ALIH-alih`
  ['caps dateline', /^\p{Lu}{2,}(?:[ ,]+\p{Lu}[\p{Lu}.]*){0,3}(?:\s+(?:-{1,2}|–|—)|(?:-{1,2}|–|—)\s)/u],
  ['caps dateline', /^(?=[\p{Lu} ]{4})\p{Lu}{2,}(?:[ ,]+\p{Lu}[\p{Lu}.]*){0,3}(?:-{1,2}|–|—|:)(?=[\p{Lu}"“])/u],
  ['city dateline', /^\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?(?:\s*,\s*[^-–—,]{2,30})?\s+(?:-{1,2}|–|—)\s(?=[\p{Lu}"“])/u],
  ['dateline cut', /^(?:[-–—]|nya\b)/],
  ['baca juga', /\bbaca\s*(?:juga|pula|selengkapnya)?\s*[:：]/i],
  ['baca juga', /\bbaca juga\b/i],
  ['baca juga', /\[\s*baca\b/i],
  ['ad', /scroll to continue/i],
  ['ad', /\badvertisement\b/i],
  ['ad', /\[gambas:/i],
  ['ad', /\bloading\.\.\./i],
  ['ad', /\bikuti (?:whatsapp channel|kami di)\b/i],
  ['ad', /\bdapatkan berita\b/i],
  ['byline', /\b(?:penulis|editor|reporter|pewarta|redaktur)\s*:/i],
  ['byline', /^laporan (?:wartawan|reporter)\b/i],
  ['media', /\((?:foto|video|image|credit|sumber foto|dok)\s*[:.]/i],
  ['media', /\b(?:foto|video|image by)\s*:/i],
  ['media', /\blihat juga\s*[:：]/i],
  ['media', /^lihat juga\b/i],
  ['media', /\bsimak (?:juga )?video\b/i],
  ['media', /\(credit\b/i],
  ['editor initials', /\((?:[a-z]{2,5})(?:\s*\/\s*[a-z]{2,5})+\)/],
  ['editor initials', /\([a-z]{2,4}\)\s*$/],
];

/** `jakarta - harga …` read as `Jakarta - Harga …`, so that furniture in text delivered in lower case is seen too. */
const capitalised = (text: string): string => text.replace(/(^|[^\p{L}\p{N}.'’])(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());

function furnitureIn(text: string): string | undefined {
  const lowerCase = !/\p{Lu}/u.test(text);
  return furniture.find(([, pattern]) => pattern.test(text) || (lowerCase && pattern.test(capitalised(text))))?.[0];
}

interface RawText {
  readonly id: string;
  readonly outlet: string;
  readonly title: string;
  readonly text: string;
}

interface Printed {
  readonly id: string;
  readonly title: string | null;
  readonly summary: readonly string[];
}

const textsFile = join(sharedData, 'realnews', 'texts.jsonl');
const haveTexts = existsSync(textsFile);
const raw: RawText[] = haveTexts
  ? readFileSync(textsFile, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as RawText)
  : [];

/** Every way a user hands us an article: scraped text (also in lower case only), JSON lines with a body, Markdown with front matter. */
const formats: Record<string, (texts: readonly RawText[]) => Array<[string, string]>> = {
  txt: (texts) => texts.map((t) => [`txt/${t.id}.txt`, `${t.title}\n${t.text}`]),
  'lower-case txt': (texts) => texts.map((t) => [`lower/${t.id}.txt`, `${t.title}\n${t.text}`.toLowerCase()]),
  jsonl: (texts) => [['all.jsonl', texts.map((t) => JSON.stringify({ id: t.id, title: t.title, body: t.text })).join('\n')]],
  md: (texts) => texts.map((t) => [`md/${t.id}.md`, `---\ntitle: ${t.title}\n---\n${t.text.split('\n').join('\n\n')}\n`]),
};

const runSummarize = commandRunner('summarize');

describe.runIf(haveTexts)('clean text from every outlet (realnews dev texts)', () => {
  let scratch: Awaited<ReturnType<typeof scratchDir>>;
  beforeAll(async () => {
    scratch = await scratchDir();
  });
  afterAll(async () => scratch.cleanup());

  for (const [format, files] of Object.entries(formats)) {
    it(`no title or summary sentence shows furniture, ${format}`, async () => {
      for (const [name, content] of files(raw)) await scratch.write(`${format.replace(/\W/g, '-')}/${name}`, content);
      const { stdout } = await capture(() => runSummarize(['--json', '--sentences', '3', join(scratch.dir, format.replace(/\W/g, '-'))]));
      const printed = stdout.trim().split('\n').map((line) => JSON.parse(line) as Printed);
      expect(printed.length).toBeGreaterThan(raw.length * 0.99);
      const dirty = printed.flatMap((article) => {
        const found = [article.title ?? '', ...article.summary].map((text) => [furnitureIn(text), text] as const).find(([kind]) => kind !== undefined);
        return found === undefined ? [] : [`${article.id} ${found[0]}: ${found[1].slice(0, 140)}`];
      });
      const rate = dirty.length / printed.length;
      console.log(`${format}: ${dirty.length}/${printed.length} articles (${(rate * 100).toFixed(2)}%) show furniture\n${dirty.slice(0, 40).join('\n')}`);
      expect(rate).toBeLessThanOrEqual(0.005);
    }, 120_000);
  }

  it('keeps prose that merely mentions a photo or a video', () => {
    const prose = [
      'Foto-foto itu beredar luas di media sosial sejak Senin malam.',
      'Polisi memeriksa video rekaman kamera pengawas di lokasi kejadian.',
      'Ia mengunggah foto bersama keluarganya di akun Instagram pribadinya.',
      'Video tersebut memperlihatkan kerumunan warga di depan kantor desa.',
      'Menurut editor majalah itu, baca tulis masih menjadi masalah di desa terpencil.',
    ];
    const { records } = parseScrapedText(`Judul Berita\n${prose.join('\n')}`);
    expect(records[0]?.paragraphs).toEqual(prose);
  });
});

describe('cleaning every format alike', () => {
  const body = (first: string): string[] => parseScrapedText(`Judul\n${first}\nParagraf kedua tetap ada.`).records[0]?.paragraphs.slice() ?? [];

  it.each([
    'Liputan6.com, Jakarta - Harga cabai naik lagi.',
    'Liputan6.com, Jakarta: Harga cabai naik lagi.',
    'Liputan6.com, JakartaHarga cabai naik lagi.',
    'JAKARTA, KOMPAS.com - Harga cabai naik lagi.',
    'Jakarta, CNN Indonesia -- Harga cabai naik lagi.',
    'TEMPO.CO, Jakarta - Harga cabai naik lagi.',
    'TEMPO.CO,Jakarta-Harga cabai naik lagi.',
    'Bisnis.com, JAKARTA - Harga cabai naik lagi.',
    'Jakarta - Harga cabai naik lagi.',
    'Jakarta (ANTARA) - Harga cabai naik lagi.',
    'TRIBUN-MEDAN.COM, MEDAN - Harga cabai naik lagi.',
    'SURABAYA–Harga cabai naik lagi.',
    'SUARA.COM - Harga cabai naik lagi.',
    'kumparan.com - Harga cabai naik lagi.',
    'REPUBLIKA.CO.ID, BANDUNG -- Harga cabai naik lagi.',
    'BATAM, POSMETRO.CO: Harga cabai naik lagi.',
  ])('takes the dateline off %s', (first) => {
    expect(body(first)).toEqual(['Harga cabai naik lagi.', 'Paragraf kedua tetap ada.']);
  });

  it.each([
    'liputan6.com, jakarta: harga cabai naik lagi.',
    'liputan6.com, jakartaharga cabai naik lagi.',
    'jakarta, kompas.com - harga cabai naik lagi.',
    'tempo.co,jakarta-harga cabai naik lagi.',
    'los angeles - harga cabai naik lagi.',
    'jakarta (antara) - harga cabai naik lagi.',
  ])('takes the dateline off text in lower case only: %s', (first) => {
    expect(parseScrapedText(`judul\n${first}\nparagraf kedua tetap ada.`).records[0]?.paragraphs).toEqual(['harga cabai naik lagi.', 'paragraf kedua tetap ada.']);
  });

  it('never leaves a fragment of a word as a dateline cut (`GoPro -nya`)', () => {
    expect(body('Kamera GoPro -nya action cam terbaru dirilis pekan ini.')[0]).toBe('Kamera GoPro -nya action cam terbaru dirilis pekan ini.');
    expect(body('Produk Insta360 -nya laris di pasar.')[0]).toBe('Produk Insta360 -nya laris di pasar.');
    expect(body('KAMERA GOPRO -NYA LARIS.')[0]).toBe('KAMERA GOPRO -NYA LARIS.');
    expect(parseScrapedText('judul\nkamera gopro -nya laris di pasar.\ncovid-19 menyebar.').records[0]?.paragraphs).toEqual(['kamera gopro -nya laris di pasar.', 'covid-19 menyebar.']);
  });

  it('cuts inline links, ads, bylines, embeds and initials, in a JSON body as in scraped text', () => {
    const text = [
      'Harga cabai naik lagi di pasar induk.Baca Juga: Harga Bawang Merah Turun di Pasar Induk Pedagang mengeluhkan pasokan yang seret.',
      'Baca juga',
      'ADVERTISEMENT',
      'SCROLL TO CONTINUE WITH CONTENT',
      'Pemerintah akan menggelar operasi pasar [ baca: Operasi Pasar Digelar ] mulai pekan depan.',
      '[Gambas:Video 20detik]',
      'Penulis: Budi Santoso',
      'Editor: Ani',
      'Foto: Dok. Humas',
      'Lihat juga Video: Harga Cabai Meroket',
      'Warga berharap harga segera turun. (ant/rdn)',
    ].join('\n');
    const expected = [
      'Harga cabai naik lagi di pasar induk. Pedagang mengeluhkan pasokan yang seret.',
      'Pemerintah akan menggelar operasi pasar mulai pekan depan.',
      'Warga berharap harga segera turun.',
    ];
    expect(parseScrapedText(`Judul\n${text}`).records[0]?.paragraphs).toEqual(expected);
    expect(parseJsonLines(JSON.stringify({ title: 'Judul', body: text })).records[0]?.paragraphs).toEqual([expected.join(' ')]);
  });
});
