import { describe, expect, it } from 'vitest';
import type { Article } from '../src/corpus/article.js';
import { paginateQuotes, quotesView } from '../src/discord/views/index.js';

const words = (n: number, word = 'kata'): string => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');

function article(id: string, title: string, published: string | null): Article {
  return { id, title, published, source: 'Sindonews', url: `https://example.com/${id}`, city: null, category: null, paragraphs: ['Satu.'], contentHash: id, file: `${id}.txt` };
}

/** Texts that take every path of a line: plain, markdown to escape, odd spacing, a list-like start, too long to keep whole. */
const TEXTS = [
  (i: number) => words(130 + (i % 30)),
  (i: number) => words(110 + (i % 30)),
  (i: number) => `Harga *naik* ${i}% dan _turun_ ~lagi~ | [catatan] \`kode\` ${words(150)}`,
  (i: number) => `  Spasi   ganda\n\tdan baris baru ${i} ${words(150)}  `,
  (i: number) => `${i}. Nomor di awal, # dan > juga ${words(150)}`,
  (i: number) => `- ${words(400)}`,
  (i: number) => words(200 + (i % 50)),
  () => '',
];
const FIELDS_BUDGET = 5000;
const QUOTES_PER_PAGE = 5;

describe('pages of a speaker with thousands of quotes', () => {
  const articles = Array.from({ length: 900 }, (_, i) => article(`a${i}`, i % 5 !== 0 ? words(90, 'judul') : `Judul *${i}*`, i % 13 === 0 ? null : `2023-0${1 + (i % 9)}-1${i % 10}T0${i % 10}:15:00+07:00`));
  const items = Array.from({ length: 3000 }, (_, i) => ({
    text: (TEXTS[i % TEXTS.length] as (i: number) => string)(i),
    role: i % 4 === 0 ? null : i % 4 === 1 ? 'Presiden Rusia' : '  ',
    partial: i % 5 === 0,
    article: i % 97 === 0 ? undefined : articles[Math.floor(i / 3) % articles.length],
  }));
  const speaker = { name: 'Vladimir *Putin*', quoteCount: items.length, articleCount: articles.length };

  it('fills each page greedily up to five quotes or the size budget, and lists every quote once in order', () => {
    const pages = paginateQuotes(items, speaker.name, 'id', 'Asia/Jakarta');
    expect(pages.length).toBeGreaterThan(items.length / QUOTES_PER_PAGE);
    expect(pages.slice(0, -1).some((fields) => fields.reduce((n, field) => n + field.value.split('\n\n').length, 0) < QUOTES_PER_PAGE)).toBe(true);
    // every quote's size as the page split counts it: its heading and its line as shown, with the separator
    const sized: number[][] = pages.map((fields) => {
      let heading = '';
      return fields.flatMap((field) => {
        if (field.name !== '\u200b') heading = field.name;
        return field.value.split('\n\n').map((line) => heading.length + line.length + 2);
      });
    });
    expect(sized.flat()).toHaveLength(items.length);
    sized.forEach((sizes, p) => {
      const used = sizes.reduce((a, b) => a + b, 0);
      expect(sizes.length).toBeLessThanOrEqual(QUOTES_PER_PAGE);
      if (sizes.length > 1) expect(used).toBeLessThanOrEqual(FIELDS_BUDGET);
      const next = sized[p + 1]?.[0];
      if (next !== undefined && sizes.length < QUOTES_PER_PAGE) expect(used + next).toBeGreaterThan(FIELDS_BUDGET);
    });
  });

  it('shows any page asked for as the same fields, before and after other pages were shown', () => {
    const view = (page: number) => quotesView({ speaker, items, page, lang: 'en', timeZone: 'UTC', pageButtonId: (p, d) => `q:${d}:${p}` });
    const last = view(10_000);
    const middle = view(Math.floor(last.pages / 2));
    expect(last.page).toBe(last.pages - 1);
    expect(view(Math.floor(last.pages / 2)).embeds).toEqual(middle.embeds);
    expect(paginateQuotes(items, speaker.name, 'en', 'UTC')[middle.page]).toEqual(middle.embeds[0]?.fields);
  });
});
