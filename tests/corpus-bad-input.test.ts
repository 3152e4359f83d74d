import { chmod, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/index.js';
import { scratchDir } from './helpers/tmp.js';

const good = 'Berita Baik\n\nSenin, 4 Maret 2024 - 06:15 WIB\nSURABAYA - Kalimat pertama berita yang baik.\n\nKalimat kedua.';

let scratch: Awaited<ReturnType<typeof scratchDir>>;
beforeEach(async () => {
  scratch = await scratchDir();
  await scratch.write('good.txt', good);
  await scratch.write('also-good.json', JSON.stringify({ title: 'Juga baik', body: 'Isi yang baik.' }));
});
afterEach(async () => {
  await scratch.cleanup();
});

async function expectProblem(file: string, reason: RegExp, options: { maxBytes?: number } = {}) {
  const { articles, problems } = await loadCorpus(scratch.dir, options);
  expect(articles.map((a) => a.id).sort()).toEqual(['also-good', 'good']);
  expect(problems).toContainEqual(expect.objectContaining({ file, reason: expect.stringMatching(reason) }));
  return problems;
}

describe('bad input is reported and skipped; the good files beside it still load', () => {
  it('an empty file', async () => {
    await scratch.write('empty.txt', '');
    await scratch.write('blank.md', '  \n\n \t\n');
    await expectProblem('empty.txt', /empty/);
    await expectProblem('blank.md', /empty/);
  });

  it('binary content', async () => {
    await scratch.write('photo.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a]));
    await expectProblem('photo.txt', /binary/);
  });

  it('invalid UTF-8', async () => {
    await scratch.write('latin1.txt', Buffer.from('Judul\n\nCaf\xe9 di Bandung ramai.', 'latin1'));
    await expectProblem('latin1.txt', /not valid UTF-8.*offset 10/);
  });

  it('a file over the size cap', async () => {
    await scratch.write('huge.txt', `Judul\n\n${'kata '.repeat(400)}`);
    await expectProblem('huge.txt', /over the 1\.0 KB limit/, { maxBytes: 1024 });
  });

  it('malformed JSON, with the line number', async () => {
    await scratch.write('broken.json', '{\n  "title": "A",\n  "body": "x",,\n}');
    const problems = await expectProblem('broken.json', /malformed JSON/);
    expect(problems.find((p) => p.file === 'broken.json')?.line).toBe(3);
  });

  it('a JSON article of the wrong shape', async () => {
    await scratch.write('shape.json', JSON.stringify({ title: 42, body: 'x' }));
    await expectProblem('shape.json', /field "title"/);
  });

  it('an unknown extension is ignored and listed', async () => {
    await scratch.write('scan.pdf', '%PDF-1.4');
    const problems = await expectProblem('scan.pdf', /unsupported file type \(\.pdf\); ignored/);
    expect(problems.find((p) => p.file === 'scan.pdf')?.ignored).toBe(true);
  });

  it('an unreadable file', async () => {
    const path = await scratch.write('secret.txt', good);
    await chmod(path, 0o000);
    // root reads past permissions, so as root a file whose every read fails stands in for it
    if (process.getuid?.() === 0) await symlink('/proc/self/mem', join(scratch.dir, 'unreadable.txt'));
    const { articles, problems } = await loadCorpus(scratch.dir);
    expect(articles.map((a) => a.id).sort()).toEqual(process.getuid?.() === 0 ? ['also-good', 'good', 'secret'] : ['also-good', 'good']);
    expect(problems).toContainEqual(
      process.getuid?.() === 0
        ? expect.objectContaining({ file: 'unreadable.txt', reason: expect.stringMatching(/cannot be read/) })
        : expect.objectContaining({ file: 'secret.txt', reason: expect.stringMatching(/permission denied/) }),
    );
  });

  it('a file inside a folder named like an article', async () => {
    await scratch.write('folder.txt/inner.bin', 'x');
    const { articles, problems } = await loadCorpus(scratch.dir);
    expect(articles.map((a) => a.id).sort()).toEqual(['also-good', 'good']);
    expect(problems).toContainEqual(expect.objectContaining({ file: 'folder.txt/inner.bin', ignored: true }));
  });

  it('a symlink loop, and a directory cycle', async () => {
    await symlink(join(scratch.dir, 'loop-b.txt'), join(scratch.dir, 'loop-a.txt'));
    await symlink(join(scratch.dir, 'loop-a.txt'), join(scratch.dir, 'loop-b.txt'));
    await scratch.write('sub/inner.txt', 'Dalam\n\nIsi dalam.');
    await symlink(scratch.dir, join(scratch.dir, 'sub', 'back'));
    const { articles, problems } = await loadCorpus(scratch.dir);
    expect(articles.map((a) => a.id).sort()).toEqual(['also-good', 'good', 'sub/inner']);
    expect(problems).toContainEqual(expect.objectContaining({ file: 'loop-a.txt', reason: expect.stringMatching(/symbolic link loop/) }));
    expect(problems).toContainEqual(expect.objectContaining({ file: 'sub/back', reason: expect.stringMatching(/cycle/) }));
  });

  it('a text file with a title but no body', async () => {
    await scratch.write('title-only.txt', 'Hanya Judul\n');
    await expectProblem('title-only.txt', /no article text/);
  });

  it('two files that would share an id', async () => {
    await scratch.write('good.md', '# Lain\n\nIsi lain.');
    const { articles, problems } = await loadCorpus(scratch.dir);
    expect(articles.filter((a) => a.id === 'good')).toHaveLength(1);
    expect(problems).toContainEqual(expect.objectContaining({ reason: expect.stringMatching(/duplicate article id "good"/) }));
  });

  it('accepts a BOM and CRLF line ends', async () => {
    await scratch.write('bom.txt', `\ufeff${good.replace(/\n/g, '\r\n').replace('Berita Baik', 'Berita BOM')}`);
    const { articles, problems } = await loadCorpus(scratch.dir);
    expect(problems).toEqual([]);
    const bom = articles.find((a) => a.id === 'bom');
    expect(bom?.title).toBe('Berita BOM');
    expect(bom?.paragraphs).toEqual(['Kalimat pertama berita yang baik.', 'Kalimat kedua.']);
  });

  it('a corpus directory that does not exist fails the load as a whole', async () => {
    await expect(loadCorpus(join(scratch.dir, 'nowhere'))).rejects.toThrow(/does not exist/);
    await expect(loadCorpus(join(scratch.dir, 'good.txt'))).rejects.toThrow(/not a directory/);
  });
});
