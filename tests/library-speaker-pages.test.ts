import { afterAll, describe, expect, it } from 'vitest';
import { quotesView } from '../src/discord/views/index.js';
import { openLibrary } from '../src/library/index.js';
import { scratchDir } from './helpers/tmp.js';

const ARTICLES = 600;
const QUOTES_PER_ARTICLE = 4;

/** Day `n` of 2023 as an ISO date; article n is published on it, so the highest n is the newest. */
function day(n: number): string {
  return new Date(Date.UTC(2023, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
}

function quoteOf(article: number, paragraph: number): string {
  return `Anggaran nomor ${article} bagian ${paragraph} sudah kami periksa dengan teliti`;
}

describe('a speaker quoted thousands of times', async () => {
  const scratch = await scratchDir();
  afterAll(() => scratch.cleanup());
  for (let n = 0; n < ARTICLES; n++) {
    const body = Array.from({ length: QUOTES_PER_ARTICLE }, (_, p) => `"${quoteOf(n, p)}," kata Sri Mulyani di Jakarta.`).join('\n\n');
    await scratch.write(`a${String(n).padStart(4, '0')}.md`, `---\ntitle: Laporan Anggaran ${n}\ndate: ${day(n)}\n---\n\n${body}`);
  }
  // the same story copied under another id a day before its source: its quotes are the source's and count once
  const copied = 300;
  const copiedBody = Array.from({ length: QUOTES_PER_ARTICLE }, (_, p) => `"${quoteOf(copied, p)}," kata Sri Mulyani di Jakarta.`).join('\n\n');
  await scratch.write('salinan.md', `---\ntitle: Salinan Laporan\ndate: ${day(copied - 1)}\n---\n\n${copiedBody}`);
  // one statement two different stories report: one shared quote is not a copy, both keep it
  await scratch.write('lain.md', `---\ntitle: Berita Lain\ndate: ${day(10)}\n---\n\n"${quoteOf(20, 0)}," kata Sri Mulyani.\n\n"Pajak naik tahun depan," kata Sri Mulyani.`);
  const library = (await openLibrary(scratch.dir)).current();

  it(
    'lists every quote once, newest article first and in reading order, and pages through all of them',
    () => {
      const found = library.findSpeaker('Sri Mulyani');
      expect(found.kind).toBe('found');
      if (found.kind !== 'found') return;
      const items = library.quotesBy(found.speaker.id);
      const expected: [string, string][] = [];
      for (let n = ARTICLES - 1; n >= 0; n--) {
        for (let p = 0; p < QUOTES_PER_ARTICLE; p++) expected.push([`a${String(n).padStart(4, '0')}`, `${quoteOf(n, p)},`]);
        if (n === 10) expected.push(['lain', `${quoteOf(20, 0)},`], ['lain', 'Pajak naik tahun depan,']);
      }
      expect(items.map((q) => [q.article?.id, q.text])).toEqual(expected);
      expect(library.articlesQuoting(found.speaker.id).has('salinan')).toBe(false);
      expect(library.quotesBy(found.speaker.id, 'salinan')).toHaveLength(QUOTES_PER_ARTICLE);

      const view = (page: number) => quotesView({ speaker: found.speaker, items, page, lang: 'en', timeZone: 'UTC', pageButtonId: (p, d) => `q:${d}:${p}` });
      const first = view(0);
      expect(first.pages).toBeGreaterThan(ARTICLES / 2);
      expect(first.embeds[0]?.description).toBe(`${items.length.toLocaleString('en')} quotes in ${(ARTICLES + 1).toLocaleString('en')} articles`);
      const shown: string[] = [];
      for (let page = 0; page < first.pages; page++) {
        const embed = view(page).embeds[0];
        expect(embed?.footer?.text).toBe(`Page ${page + 1} of ${first.pages}`);
        for (const field of embed?.fields ?? []) shown.push(...field.value.split('\n\n'));
      }
      expect(shown).toHaveLength(items.length);
      expect(shown.map((line) => line.slice(1, line.indexOf('”')))).toEqual(items.map((q) => q.text));
      expect(view(first.pages + 5).page).toBe(first.pages - 1);
    },
    120_000,
  );
});
