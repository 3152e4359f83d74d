import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { detokenizeParagraph, readIndoSum } from '../scripts/rouge-indosum.js';
import { extractArticle } from '../src/extract/index.js';
import { datelineLength } from '../src/text/dateline.js';
import { FURNITURE_MARKERS, LAYOUTS, type PageArticle } from './extract-layouts.js';
import { tokenF1 } from './extract-quality.js';
import { sharedData } from './helpers/tmp.js';

const ARTICLES_PER_LAYOUT = 8;
const CITIES = ['Jakarta', 'Surabaya', 'Bandung', 'Medan', 'Makassar', 'Semarang', 'Yogyakarta', 'Denpasar', 'Padang', 'Bogor'];
const dataFile = join(sharedData, 'indosum', 'dev.02.jsonl');

/** The article as its outlet printed it: the data's own dateline, `Baca juga` lines and sign-off initials are not article text. */
function trueParagraphs(paragraphs: readonly string[]): string[] {
  const kept = paragraphs
    .map((p) => p.trim())
    .filter((p) => p !== '' && !/^[([]?\s*(?:(?:baca|lihat|simak|saksikan)\s+(?:juga|pula|video)\b|baca\s*:)/i.test(p) && !/^advertisement$/i.test(p));
  if (kept[0] !== undefined) kept[0] = kept[0].slice(datelineLength(kept[0])).trim();
  const last = kept.length - 1;
  if (last >= 0) kept[last] = (kept[last] ?? '').replace(/\s*\([a-z]{2,6}(?:\/[a-z]{2,6})*\)\s*$/, '').trim();
  return kept.filter((p) => p !== '');
}

function titleOf(first: string): string {
  const words = (first.split(/(?<=[.!?])\s/)[0] ?? first).split(/\s+/).slice(0, 10).join(' ').replace(/[\s,.;:!?"“”]+$/u, '');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

let articles: PageArticle[] = [];

beforeAll(async () => {
  const records = await readIndoSum(dataFile);
  articles = records
    .map((record, i): PageArticle => {
      const paragraphs = trueParagraphs(record.paragraphs.map((p) => detokenizeParagraph(p).text));
      return {
        id: record.id,
        title: titleOf(paragraphs[0] ?? ''),
        paragraphs,
        published: { year: 2023, month: 1 + (i % 12), day: 1 + (i % 28), hour: (i * 7) % 24, minute: (i * 13) % 60, second: (i * 17) % 60 },
        city: CITIES[i % CITIES.length] ?? 'Jakarta',
        category: record.category,
      };
    })
    .filter((a) => a.paragraphs.length >= 3 && a.paragraphs.join(' ').length > 800 && a.title.split(' ').length >= 5)
    .slice(0, LAYOUTS.length * ARTICLES_PER_LAYOUT);
});

const minute = (iso: string | null): number => (iso === null ? Number.NaN : Math.floor(Date.parse(iso) / 60_000));
const expectedMinute = (a: PageArticle): number => {
  const { year, month, day, hour, minute: m } = a.published;
  return Math.floor((Date.UTC(year, month - 1, day, hour, m) - 7 * 3600_000) / 60_000);
};

describe.skipIf(!existsSync(dataFile))('extraction from pages in the layouts of Indonesian outlets', () => {
  it(`builds ${LAYOUTS.length} layouts`, () => {
    expect(new Set(LAYOUTS.map((l) => l.outlet)).size).toBeGreaterThanOrEqual(8);
    expect(articles.length).toBe(LAYOUTS.length * ARTICLES_PER_LAYOUT);
  });

  for (const [index, layout] of LAYOUTS.entries()) {
    it(`${layout.outlet}: body F1 ≥ 0.97, exact title, date to the minute, city, no furniture`, () => {
      const chosen = articles.filter((_, i) => i % LAYOUTS.length === index);
      const scores: number[] = [];
      for (const article of chosen) {
        const page = layout.build(article);
        const result = extractArticle(page, { url: 'https://example.org/news/1' });
        const truth = article.paragraphs.join('\n');
        const { f1 } = tokenF1(result.paragraphs.join('\n'), truth);
        scores.push(f1);
        const label = `${layout.outlet} ${article.id}`;
        expect(result.title, label).toBe(article.title);
        expect(minute(result.published), `${label} ${result.published}`).toBe(expectedMinute(article));
        expect(f1, `${label}\n${result.paragraphs.join('\n')}`).toBeGreaterThanOrEqual(0.97);
        if (layout.printsCity) expect(result.city?.toLowerCase(), label).toBe(article.city.toLowerCase());
        for (const marker of FURNITURE_MARKERS) {
          if (truth.includes(marker)) continue;
          for (const paragraph of result.paragraphs) expect(paragraph, `${label}: furniture "${marker}" left`).not.toContain(marker);
        }
        expect(result.partial).toBe(false);
        expect(result.url).toMatch(/^https:\/\//);
        expect(result.url).not.toMatch(/utm_|#/);
      }
      const mean = scores.reduce((s, x) => s + x, 0) / scores.length;
      process.stdout.write(`${layout.outlet.padEnd(14)} pages ${scores.length}  mean F1 ${mean.toFixed(4)}  min ${Math.min(...scores).toFixed(4)}\n`);
    });
  }
});
