import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SharedCorpus } from '../src/feeds/index.js';
import { corpusFolder, openLibrary, type OpenedLibrary } from '../src/library/index.js';
import { eventually, newsParagraphs, silentLog } from './feeds-fixtures.js';
import { storeFixture } from './helpers/store-backends.js';
import { scratchDir } from './helpers/tmp.js';

const article = (title: string, seed = title) => JSON.stringify({ title, published: '2025-01-06T08:00:00+07:00', paragraphs: newsParagraphs(seed) });

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function folderWithLibrary(): Promise<{ write: (name: string, text: string) => Promise<string>; dir: string; library: OpenedLibrary }> {
  const corpus = await scratchDir();
  cleanups.push(corpus.cleanup);
  await corpus.write('tangan.json', article('Artikel yang ditaruh dengan tangan di folder'));
  const library = await openLibrary(corpusFolder(corpus.dir));
  cleanups.push(() => library.close());
  return { write: corpus.write, dir: corpus.dir, library };
}

describe('the library takes new files in without a reload', () => {
  it('reads only the named files: added, changed and removed as a reload would report them, one swap each', async () => {
    const { write, dir, library } = await folderWithLibrary();
    const swaps: number[] = [];
    library.onSwap((next) => swaps.push(next.articles.length));
    await write('feeds/contoh.example/a.json', article('Banjir rendam ribuan rumah di Kabupaten Bandung'));
    await write('feeds/contoh.example/b.json', article('Harga beras naik menjelang akhir tahun di Jawa'));
    // a file nobody named is not read yet
    await write('feeds/contoh.example/c.json', article('Jalan tol baru diresmikan presiden pekan ini'));
    const first = await library.takeIn(['feeds/contoh.example/a.json', 'feeds/contoh.example/b.json']);
    expect(first).toMatchObject({ ok: true, added: ['feeds/contoh.example/a', 'feeds/contoh.example/b'], changed: [], removed: [], articles: 3 });
    expect(library.current().get('feeds/contoh.example/c')).toBeUndefined();
    expect(library.current().search('banjir', 3)[0]?.article.id).toBe('feeds/contoh.example/a');

    await write('feeds/contoh.example/a.json', article('Banjir rendam ribuan rumah di Kabupaten Bandung', 'diperbarui'));
    await rm(join(dir, 'feeds/contoh.example/b.json'));
    const second = await library.takeIn(['feeds/contoh.example/a.json', 'feeds/contoh.example/b.json']);
    expect(second).toMatchObject({ ok: true, added: [], changed: ['feeds/contoh.example/a'], removed: ['feeds/contoh.example/b'], articles: 2 });
    expect(swaps).toEqual([3, 2]);
    // the same as a whole reload finds, apart from the file nobody named
    const reload = await library.reload();
    expect(reload).toMatchObject({ added: ['feeds/contoh.example/c'], changed: [], removed: [] });
  });

  it('keeps the previous version of a file that breaks, refuses a name outside the folder or hidden, reports a duplicate id', async () => {
    const { write, library } = await folderWithLibrary();
    await write('feeds/x/a.json', article('Gempa kecil guncang Sukabumi tanpa kerusakan berarti'));
    await library.takeIn(['feeds/x/a.json']);
    await write('feeds/x/a.json', '');
    await write('feeds/x/.b.json.tmp', article('Berkas sementara yang belum selesai ditulis poller'));
    await write('feeds/x/dup.json', JSON.stringify({ id: 'tangan', title: 'Salinan dengan id yang sama', paragraphs: newsParagraphs('dup') }));
    const outside = await scratchDir();
    cleanups.push(outside.cleanup);
    await outside.write('luar.json', article('Artikel di luar folder korpus sama sekali'));
    const report = await library.takeIn(['feeds/x/a.json', 'feeds/x/.b.json.tmp', '../luar.json', `${outside.dir}/luar.json`, 'feeds/x/dup.json']);
    expect(report.ok).toBe(true);
    expect(report.kept).toEqual(['feeds/x/a']);
    expect(library.current().get('feeds/x/a')?.title).toBe('Gempa kecil guncang Sukabumi tanpa kerusakan berarti');
    expect(report.problems.map((p) => [p.file, p.code])).toEqual(
      expect.arrayContaining([
        ['feeds/x/a.json', 'empty'],
        ['feeds/x/dup.json', 'duplicate_id'],
      ]),
    );
    expect(library.current().articles.map((a) => a.title)).not.toContain('Berkas sementara yang belum selesai ditulis poller');
    expect(library.current().articles.map((a) => a.title)).not.toContain('Artikel di luar folder korpus sama sekali');
  });

  it('runs take-ins and reloads one after another, each on the corpus the one before left', async () => {
    const { write, library } = await folderWithLibrary();
    const names: string[] = [];
    for (let i = 0; i < 20; i++) names.push(await write(`feeds/y/${i}.json`, article(`Berita nomor ${i} tentang pembangunan jalan desa`)).then(() => `feeds/y/${i}.json`));
    const runs = await Promise.all([library.takeIn(names.slice(0, 10)), library.reload(), library.takeIn(names.slice(10)), library.takeIn(names.slice(5, 15))]);
    expect(runs.every((r) => r.ok)).toBe(true);
    expect(library.current().articles).toHaveLength(21);
  });
});

describe.each(['sqlite', 'postgres'] as const)('corpus changes between processes (%s)', (backend) => {
  const fixture = storeFixture(backend);

  it('a take-in or a reload in one process is followed by the others, never echoed back', { timeout: 60_000 }, async () => {
    const { store, peer } = await fixture.fresh();
    const corpus = await scratchDir();
    cleanups.push(corpus.cleanup);
    await corpus.write('awal.json', article('Artikel pertama di folder bersama kedua proses'));
    const libraryA = await openLibrary(corpusFolder(corpus.dir));
    const libraryB = await openLibrary(corpusFolder(corpus.dir));
    cleanups.push(() => libraryA.close(), () => libraryB.close());
    // SQLite is one process: its notices reach the listeners of the same store; PostgreSQL reaches other connections (hosts)
    const storeB = backend === 'postgres' ? await peer() : store;
    const a = new SharedCorpus(libraryA, store.corpus, 'host-a:1:aaaa', silentLog);
    const b = new SharedCorpus(libraryB, storeB.corpus, 'host-b:2:bbbb', silentLog);
    await a.start();
    await b.start();
    cleanups.push(() => a.stop(), () => b.stop());
    let reloadsB = 0;
    libraryB.onSwap((_next, _previous, report) => {
      if (report.ok) reloadsB++;
    });

    await corpus.write('feeds/contoh.example/baru.json', article('Pemerintah umumkan bantuan untuk korban banjir'));
    const report = await a.takeIn(['feeds/contoh.example/baru.json']);
    expect(report.added).toEqual(['feeds/contoh.example/baru']);
    await eventually(() => libraryB.current().get('feeds/contoh.example/baru') !== undefined, 20_000, 'the other process to take the file in');

    await corpus.write('kedua.json', article('Artikel kedua ditambahkan moderator lalu dimuat ulang'));
    await a.holder().reload();
    await eventually(() => libraryB.current().get('kedua') !== undefined, 20_000, 'the other process to reload');
    expect(reloadsB).toBe(2);
    // B followed without announcing: two notices in all, both A's
    const notices = await store.corpus.since(0);
    expect(notices.map((n) => [n.kind, JSON.parse(n.detail).origin])).toEqual([
      ['files', 'host-a:1:aaaa'],
      ['reloaded', 'host-a:1:aaaa'],
    ]);
  });
});
