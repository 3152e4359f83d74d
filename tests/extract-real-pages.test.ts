import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/extract/index.js';
import { decodeBody } from '../src/fetch/index.js';
import { tokenF1 } from './extract-quality.js';
import { sharedData } from './helpers/tmp.js';

interface PageRow {
  readonly file: string;
  readonly url: string;
  readonly title: string;
  readonly published: string;
  readonly body: string;
}

const root = join(sharedData, 'realnews');
const listing = join(root, 'pages.jsonl');
const rows: PageRow[] = existsSync(listing) ? readFileSync(listing, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as PageRow) : [];

/**
 * The same instant, or, where the reference read a minute-precision date line (seconds :00) and the page's own
 * metadata gives the seconds, the same minute (viva/1: `article:published_time` 13:01:52+07:00, printed `13:01 WIB`).
 */
function sameInstant(ours: string | null, reference: string): boolean {
  if (ours === null) return false;
  const a = Date.parse(ours);
  const b = Date.parse(reference);
  if (a === b) return true;
  return new Date(b).getUTCSeconds() === 0 && Math.floor(a / 60_000) === Math.floor(b / 60_000);
}

describe.skipIf(rows.length === 0)('the 18 real saved pages of realnews/pages', () => {
  const scores: Array<{ file: string; f1: number; precision: number; recall: number }> = [];

  it.each(rows.map((row) => [row.file, row] as const))('%s: title and publication instant as pages.jsonl states, body close to the reference', (_file, row) => {
    const { text } = decodeBody(readFileSync(join(root, row.file)), null);
    const article = extractArticle(text, { url: row.url });
    expect(article.title).toBe(row.title);
    expect(sameInstant(article.published, row.published), `${article.published} vs ${row.published}`).toBe(true);
    expect(article.published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    const score = tokenF1(article.paragraphs.join('\n'), row.body);
    scores.push({ file: row.file, ...score });
    // the reference keeps datelines, link lines and captions that we drop, and repeats a photo caption (liputan6/2)
    expect(score.f1).toBeGreaterThanOrEqual(0.88);
    expect(article.partial).toBe(false);
  });

  it('is close to the reference on average', () => {
    expect(scores).toHaveLength(rows.length);
    const mean = scores.reduce((sum, s) => sum + s.f1, 0) / scores.length;
    for (const s of scores) process.stdout.write(`${s.file.padEnd(28)} F1 ${s.f1.toFixed(3)}  P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}\n`);
    process.stdout.write(`mean token F1 over ${scores.length} pages: ${mean.toFixed(4)}\n`);
    expect(mean).toBeGreaterThanOrEqual(0.97);
  });
});
