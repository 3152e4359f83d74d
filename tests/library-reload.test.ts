import { rm, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpus, type CorpusSnapshot } from '../src/corpus/index.js';
import { CorpusReloader } from '../src/library/index.js';
import { scratchDir } from './helpers/tmp.js';

const article = (title: string, body: string, date = 'Senin, 4 Maret 2024 - 06:15 WIB') => `${title}\n\n${date}\n${body}`;

let scratch: Awaited<ReturnType<typeof scratchDir>>;
let builds: number;
const open = () =>
  CorpusReloader.open(
    () => loadCorpus(scratch.dir),
    (snapshot: CorpusSnapshot) => {
      builds++;
      return snapshot;
    },
  );

beforeEach(async () => {
  scratch = await scratchDir();
  builds = 0;
  await scratch.write('a.txt', article('A', 'Isi A.'));
  await scratch.write('b.txt', article('B', 'Isi B.', 'Selasa, 5 Maret 2024 - 08:00 WIB'));
  await scratch.write('c.txt', article('C', 'Isi C.'));
});
afterEach(async () => {
  await scratch.cleanup();
});

describe('reloading the corpus', () => {
  it('orders articles newest first, then by id', async () => {
    const reloader = await open();
    expect(reloader.current().articles.map((a) => a.id)).toEqual(['b', 'a', 'c']);
    expect(reloader.current().get('c')?.title).toBe('C');
    expect(Object.isFrozen(reloader.current().articles)).toBe(true);
  });

  it('reports what was added, changed and removed', async () => {
    const reloader = await open();
    const before = reloader.current();
    await scratch.write('d.json', JSON.stringify({ title: 'D', body: 'Isi D.' }));
    await scratch.write('b.txt', article('B', 'Isi B yang diperbarui.'));
    await rm(join(scratch.dir, 'c.txt'));
    await scratch.write('notes.docx', 'x');
    const report = await reloader.reload();
    expect(report).toMatchObject({ ok: true, added: ['d'], changed: ['b'], removed: ['c'], kept: [], articles: 3 });
    expect(report.problems).toEqual([expect.objectContaining({ file: 'notes.docx', ignored: true })]);
    expect(reloader.current()).not.toBe(before);
    expect(before.get('c')?.title).toBe('C');
  });

  it('does the work once for two reloads requested at once', async () => {
    const reloader = await open();
    const [first, second] = await Promise.all([reloader.reload(), reloader.reload()]);
    expect(first).toBe(second);
    expect(builds).toBe(2);
  });

  it('keeps the old snapshot when the directory vanishes', async () => {
    const reloader = await open();
    const before = reloader.current();
    await rename(scratch.dir, `${scratch.dir}-gone`);
    try {
      const report = await reloader.reload();
      expect(report.ok).toBe(false);
      expect(report.error).toMatch(/does not exist; the previous corpus is still served/);
      expect(reloader.current()).toBe(before);
      expect(reloader.current().size).toBe(3);
    } finally {
      await rename(`${scratch.dir}-gone`, scratch.dir);
    }
  });

  it('keeps the previous version of an article whose file broke', async () => {
    const reloader = await open();
    await scratch.write('a.txt', new Uint8Array([0x41, 0x00, 0x42]));
    const report = await reloader.reload();
    expect(report.ok).toBe(true);
    expect(report.kept).toEqual(['a']);
    expect(report.removed).toEqual([]);
    expect(reloader.current().get('a')?.title).toBe('A');
    expect(report.problems).toContainEqual(expect.objectContaining({ file: 'a.txt', reason: expect.stringMatching(/binary/) }));
  });

  it('notifies listeners after a swap, not after a failure', async () => {
    const reloader = await open();
    const seen: number[] = [];
    reloader.onSwap((next, previous, report) => seen.push(next.size, previous.size, report.added.length));
    await scratch.write('e.md', '# E\n\nIsi E.');
    await reloader.reload();
    expect(seen).toEqual([4, 3, 1]);
  });

  it('starts empty with the reason when the corpus cannot be read at all', async () => {
    const reloader = await CorpusReloader.open(() => loadCorpus(join(scratch.dir, 'missing')), (s) => s);
    expect(reloader.current().size).toBe(0);
    expect(reloader.current().problems[0]?.reason).toMatch(/does not exist/);
  });
});
