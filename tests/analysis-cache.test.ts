import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANALYSIS_CACHE_FILE, openAnalysisCache, type AnalysisCache } from '../src/store/index.js';
import { scratchDir } from './helpers/tmp.js';

let scratch: Awaited<ReturnType<typeof scratchDir>>;
const opened: AnalysisCache[] = [];

function open(fingerprint = 'analyser-v1', dataDir = scratch.dir) {
  const result = openAnalysisCache(dataDir, fingerprint);
  if (!result.ok) throw new Error(`expected the cache to open: ${result.reason}`);
  opened.push(result.cache);
  return result;
}

const bytes = (...values: number[]) => Uint8Array.from(values);
const payloadFor = (hash: string) => new TextEncoder().encode(`analysis of ${hash} `.repeat(60));

beforeEach(async () => {
  scratch = await scratchDir();
});
afterEach(async () => {
  for (const cache of opened.splice(0)) cache.close();
  await scratch.cleanup();
});

describe('the analysis cache', () => {
  it('lives in its own file in the data dir, starts empty and reports nothing discarded', () => {
    const { cache, discarded } = open();
    expect(cache.file).toBe(join(scratch.dir, ANALYSIS_CACHE_FILE));
    expect(existsSync(cache.file)).toBe(true);
    expect(cache.size()).toBe(0);
    expect(discarded).toBe(0);
  });

  it('returns the stored payloads byte for byte, including an empty one, as Buffers', () => {
    const { cache } = open();
    const backing = new Uint8Array([9, 9, 1, 2, 3, 9]);
    cache.putMany([
      ['a', bytes(0, 1, 255)],
      ['empty', new Uint8Array(0)],
      ['view', backing.subarray(2, 5)],
      ['large', payloadFor('large')],
    ]);
    const found = cache.getMany(['a', 'empty', 'view', 'large']);
    expect(found.size).toBe(4);
    for (const payload of found.values()) expect(Buffer.isBuffer(payload)).toBe(true);
    expect([...found.get('a')!]).toEqual([0, 1, 255]);
    expect(found.get('empty')!.length).toBe(0);
    expect([...found.get('view')!]).toEqual([1, 2, 3]);
    expect(found.get('large')!.equals(payloadFor('large'))).toBe(true);
    expect(cache.size()).toBe(4);
  });

  it('leaves hashes without an entry out of the map, and tolerates empty and repeated requests', () => {
    const { cache } = open();
    cache.putMany([['present', bytes(1)]]);
    const found = cache.getMany(['missing', 'present', 'present', 'also-missing']);
    expect([...found.keys()]).toEqual(['present']);
    expect(cache.getMany([]).size).toBe(0);
  });

  it('finds every one of more hashes than fit in one query', () => {
    const { cache } = open();
    const hashes = Array.from({ length: 1234 }, (_, i) => `hash-${i}`);
    cache.putMany(hashes.filter((_, i) => i % 3 !== 0).map((hash) => [hash, payloadFor(hash)] as const));
    const found = cache.getMany(hashes);
    expect(found.size).toBe(hashes.filter((_, i) => i % 3 !== 0).length);
    for (const [i, hash] of hashes.entries()) {
      if (i % 3 === 0) expect(found.has(hash)).toBe(false);
      else expect(found.get(hash)!.equals(payloadFor(hash))).toBe(true);
    }
  });

  it('replaces the payload when a hash is put again', () => {
    const { cache } = open();
    cache.putMany([['h', bytes(1, 1)]]);
    cache.putMany([
      ['h', bytes(2)],
      ['other', bytes(3)],
    ]);
    expect([...cache.getMany(['h']).get('h')!]).toEqual([2]);
    expect(cache.size()).toBe(2);
  });

  it('stores nothing from a putMany whose entries fail part-way (one transaction)', () => {
    const { cache } = open();
    function* failing(): Generator<readonly [string, Uint8Array]> {
      yield ['first', bytes(1)];
      throw new Error('encoding failed');
    }
    expect(() => cache.putMany(failing())).toThrow('encoding failed');
    expect(cache.size()).toBe(0);
  });

  it('retainOnly deletes exactly the entries not kept and returns how many', () => {
    const { cache } = open();
    const hashes = Array.from({ length: 50 }, (_, i) => `h${i}`);
    cache.putMany(hashes.map((hash) => [hash, bytes(hashes.indexOf(hash))] as const));
    const keep = new Set([...hashes.filter((_, i) => i % 5 === 0), 'never-stored']);
    expect(cache.retainOnly(keep)).toBe(40);
    expect(cache.size()).toBe(10);
    expect([...cache.getMany(hashes).keys()].sort()).toEqual([...keep].filter((h) => h !== 'never-stored').sort());
    expect(cache.retainOnly(keep)).toBe(0);
    expect(cache.retainOnly(new Set())).toBe(10);
    expect(cache.size()).toBe(0);
  });

  it('keeps its entries across a reopen with the same fingerprint', () => {
    const first = open('analyser-v1');
    first.cache.putMany([
      ['a', bytes(1)],
      ['b', bytes(2)],
    ]);
    first.cache.close();
    opened.splice(opened.indexOf(first.cache), 1);

    const again = open('analyser-v1');
    expect(again.discarded).toBe(0);
    expect(again.cache.size()).toBe(2);
    expect([...again.cache.getMany(['b']).get('b')!]).toEqual([2]);
  });

  it('discards every entry at open when the fingerprint differs, and reports how many', () => {
    const first = open('analyser-v1');
    first.cache.putMany([
      ['a', bytes(1)],
      ['b', bytes(2)],
      ['c', bytes(3)],
    ]);
    first.cache.close();
    opened.splice(opened.indexOf(first.cache), 1);

    const changed = open('analyser-v2');
    expect(changed.discarded).toBe(3);
    expect(changed.cache.size()).toBe(0);
    changed.cache.putMany([['d', bytes(4)]]);
    changed.cache.close();
    opened.splice(opened.indexOf(changed.cache), 1);

    const reopened = open('analyser-v2');
    expect(reopened.discarded).toBe(0);
    expect([...reopened.cache.getMany(['a', 'd']).keys()]).toEqual(['d']);
  });

  it('discards entries of another schema version even under the same fingerprint, and rebuilds the table', () => {
    const legacy = new BetterSqlite3(join(scratch.dir, ANALYSIS_CACHE_FILE));
    legacy.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO meta VALUES ('schema_version', 'legacy'), ('fingerprint', 'analyser-v1');
      CREATE TABLE entries (hash TEXT PRIMARY KEY, payload BLOB NOT NULL, analysed_at INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO entries VALUES ('a', x'01', 1), ('b', x'02', 2);
    `);
    legacy.close();

    const { cache, discarded } = open('analyser-v1');
    expect(discarded).toBe(2);
    expect(cache.size()).toBe(0);
    cache.putMany([['c', bytes(3)]]);
    expect([...cache.getMany(['a', 'c']).keys()]).toEqual(['c']);
  });

  it('replaces a file of garbage at its path (and stale -wal/-shm beside it) with a working cache', async () => {
    const file = await scratch.write(ANALYSIS_CACHE_FILE, Buffer.from('this is not a database '.repeat(400)));
    await scratch.write(`${ANALYSIS_CACHE_FILE}-wal`, Buffer.from('stale wal'));
    await scratch.write(`${ANALYSIS_CACHE_FILE}-shm`, Buffer.from('stale shm'));

    const { cache, discarded } = open();
    expect(cache.file).toBe(file);
    expect(discarded).toBe(0);
    cache.putMany([['a', bytes(7)]]);
    expect([...cache.getMany(['a']).get('a')!]).toEqual([7]);
    expect(readFileSync(file).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
  });

  it('replaces a short garbage file too', async () => {
    await scratch.write(ANALYSIS_CACHE_FILE, Buffer.from('oops'));
    const { cache } = open();
    cache.putMany([['a', bytes(1)]]);
    expect(cache.size()).toBe(1);
  });

  it('replaces a SQLite file whose tables have some other shape', () => {
    const foreign = new BetterSqlite3(join(scratch.dir, ANALYSIS_CACHE_FILE));
    foreign.exec("CREATE TABLE meta (id INTEGER PRIMARY KEY, note TEXT); INSERT INTO meta (note) VALUES ('not ours');");
    foreign.close();

    const { cache } = open();
    cache.putMany([['a', bytes(1)]]);
    expect([...cache.getMany(['a']).get('a')!]).toEqual([1]);
  });

  it('returns ok: false with a one-line reason, without throwing, when the data dir is a regular file', async () => {
    const notADir = await scratch.write('data', 'a file where the data dir should be');
    const result = openAnalysisCache(notADir, 'analyser-v1');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain(notADir);
    expect(result.reason).not.toContain('\n');
    expect(readFileSync(notADir, 'utf8')).toBe('a file where the data dir should be');
  });

  it('returns ok: false and leaves the path alone when a directory occupies it (not a corrupt file, so not deleted)', () => {
    const occupied = join(scratch.dir, ANALYSIS_CACHE_FILE);
    mkdirSync(join(occupied, 'something'), { recursive: true });
    const result = openAnalysisCache(scratch.dir, 'analyser-v1');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain(occupied);
    expect(statSync(join(occupied, 'something')).isDirectory()).toBe(true);
  });

  it('creates a missing data dir', () => {
    const nested = join(scratch.dir, 'deeper', 'data');
    const { cache } = open('analyser-v1', nested);
    expect(cache.file).toBe(join(nested, ANALYSIS_CACHE_FILE));
  });

  // The contract: openAnalysisCache never throws, but getMany/putMany/retainOnly may throw on I/O errors or corruption
  // that only shows when pages are read; the caller catches (and can treat it as a cache miss).
  it('lets getMany throw on corruption beyond the header that open does not read', () => {
    const first = open();
    const hashes = Array.from({ length: 300 }, (_, i) => `hash-${i}`);
    first.cache.putMany(hashes.map((hash) => [hash, payloadFor(hash)] as const));
    first.cache.close();
    opened.splice(opened.indexOf(first.cache), 1);

    const { size } = statSync(first.cache.file);
    const fd = openSync(first.cache.file, 'r+');
    try {
      writeSync(fd, Buffer.alloc(size / 2, 0xff), 0, size / 2, size / 2);
    } finally {
      closeSync(fd);
    }

    const damaged = open();
    expect(() => damaged.cache.getMany(hashes)).toThrow(/malformed|corrupt/i);
  });

  it('throws from its methods once closed', () => {
    const { cache } = open();
    cache.close();
    opened.splice(opened.indexOf(cache), 1);
    expect(() => cache.getMany(['a'])).toThrow();
    expect(() => cache.putMany([['a', bytes(1)]])).toThrow();
  });
});
