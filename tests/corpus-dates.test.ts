import { utimes } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/index.js';
import { isBroken } from '../src/corpus/article.js';
import { scratchDir } from './helpers/tmp.js';

const FILE_TIME = new Date('2024-03-05T06:07:08.000Z');
const body = 'Pemerintah kota meresmikan taman baru di tepi sungai pada Selasa pagi.\n\nWarga menyambut taman itu dengan gembira.';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function corpusOf(files: Record<string, string>) {
  const corpus = await scratchDir();
  cleanups.push(corpus.cleanup);
  for (const [name, content] of Object.entries(files)) {
    const path = await corpus.write(name, content);
    await utimes(path, FILE_TIME, FILE_TIME);
  }
  return loadCorpus(corpus.dir);
}

describe('an unreadable date', () => {
  it('in front matter: the article loads, dated by its file, and a problem names the file and the value', async () => {
    const { articles, problems } = await corpusOf({ 'taman.md': `---\ntitle: Taman Baru\ndate: kemarin sore\n---\n${body}\n` });
    expect(articles).toHaveLength(1);
    expect(articles[0]?.published).toBe(FILE_TIME.toISOString());
    expect(problems).toEqual([
      expect.objectContaining({ file: 'taman.md', code: 'date_unreadable', params: expect.objectContaining({ field: 'date', value: '"kemarin sore"' }), loaded: true }),
    ]);
    expect(problems[0]?.reason).toContain('"kemarin sore"');
    expect(problems.filter(isBroken)).toEqual([]);
  });

  it('in JSON, JSON Lines and a JSON array: each article loads dated by its file, with a problem naming the record', async () => {
    const record = (published: string) => JSON.stringify({ title: 'Taman Baru', published, body });
    const { articles, problems } = await corpusOf({
      'satu.json': record('kemarin sore'),
      'banyak.json': `[${record('2024-01-02T03:04:05+07:00')}, ${record('besok pagi')}]`,
      'baris.jsonl': `${record('2024-01-02')}\n${record('31/02/2024')}\n`,
    });
    const byId = new Map(articles.map((a) => [a.id, a.published]));
    expect(Object.fromEntries(byId)).toEqual({
      satu: FILE_TIME.toISOString(),
      'banyak#1': '2024-01-02T03:04:05+07:00',
      'banyak#2': FILE_TIME.toISOString(),
      'baris#1': expect.stringMatching(/^2024-01-02T/),
      'baris#2': FILE_TIME.toISOString(),
    });
    const shown = problems.map((p) => [p.file, p.code, p.params?.value, p.params?.record]);
    expect(shown).toEqual(
      expect.arrayContaining([
        ['satu.json', 'date_unreadable', '"kemarin sore"', undefined],
        ['banyak.json', 'date_unreadable', '"besok pagi"', 2],
        ['baris.jsonl', 'date_unreadable', '"31/02/2024"', 2],
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it('a readable or missing date is no problem', async () => {
    const { articles, problems } = await corpusOf({
      'a.md': `---\ntitle: A\ndate: Kamis, 14 September 2023 - 20:22 WIB\n---\n${body}\n`,
      'b.md': `---\ntitle: B\ndate:\n---\n${body}\n`,
      'c.json': JSON.stringify({ title: 'C', body }),
    });
    expect(problems).toEqual([]);
    expect(articles.map((a) => [a.id, a.published])).toEqual([
      ['a', '2023-09-14T20:22:00+07:00'],
      ['b', null],
      ['c', null],
    ]);
  });
});
