import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemoryFigures } from '../bench/memory-child.js';
import { writeShrinkCorpus, type ShrinkCorpus } from '../bench/memory-corpus.js';
import { repoRoot } from './helpers/tmp.js';

const run = promisify(execFile);

/**
 * Compiled code and bytecode are the one part of the heap a process that analysed 20,000 articles may keep beyond a fresh
 * one: V8 compiles and optimises more of the analysis code the longer it runs, and that grows with the program, not the
 * corpus (measured about 1.5 to 2.5 MB here). Everything else must be within 20%.
 */
const CODE_ALLOWANCE_BYTES = 4 * 1024 * 1024;

let root: string;
let corpus: ShrinkCorpus;
/** The same corpus again, for the second shrink. */
let copy: ShrinkCorpus;
/** A fresh process on the 5 articles left, measured once. */
let fresh: MemoryFigures | undefined;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ringkas-memory-'));
  corpus = await writeShrinkCorpus(join(root, 'corpus'), { jsonArticles: 15_000, files: 5_000, kept: 5, paragraphs: 2 });
  const copyDir = join(root, 'copy');
  await cp(corpus.dir, copyDir, { recursive: true });
  copy = { ...corpus, dir: copyDir, remove: corpus.remove.map((path) => path.replace(corpus.dir, copyDir)) };
}, 90_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A process of its own (with --expose-gc unless told otherwise), so its heap after a full collection belongs to this library alone. */
async function measure(dir: string, extra: readonly string[], exposeGc = true): Promise<MemoryFigures> {
  const child = join(repoRoot, 'bench', 'memory-child.ts');
  const args = [...(exposeGc ? ['--expose-gc'] : []), '--import', 'tsx', child, dir, '--max-bytes', String(corpus.jsonBytes * 2), ...extra];
  const { stdout } = await run(process.execPath, args, { cwd: repoRoot, timeout: 150_000, maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as MemoryFigures;
}

/** The folder the first shrink left (the 5 articles only), opened by a process of its own. */
async function freshStart(): Promise<MemoryFigures> {
  fresh ??= await measure(corpus.dir, ['--threads', '1', '--data-dir', join(root, 'data-fresh')]);
  expect(fresh).toMatchObject({ articlesLoaded: 5, articlesAfter: 5 });
  return fresh;
}

const data = (figures: MemoryFigures): number => figures.heapUsedBytes - figures.codeBytes;
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;

describe('memory after the corpus shrinks', () => {
  it('after loading 20,000 articles then removing all but 5 and reloading, the heap is within 20% of a fresh start on those 5', async () => {
    const dataDir = join(root, 'data-shrunk');
    const shrunk = await measure(corpus.dir, ['--remove', corpus.remove.join(','), '--threads', '1', '--data-dir', dataDir]);
    expect(shrunk).toMatchObject({ articlesLoaded: 20_005, articlesAfter: 5, reloadOk: true });
    // the big corpus really was in the heap: the comparison below measures its release, not a load that never happened
    expect(shrunk.heapUsedLoadedBytes).toBeGreaterThan(shrunk.heapUsedBytes * 3);

    const fresh = await freshStart();

    const detail = `heap ${mb(shrunk.heapUsedBytes)} (code ${mb(shrunk.codeBytes)}) after shrinking, ${mb(fresh.heapUsedBytes)} (code ${mb(fresh.codeBytes)}) fresh`;
    expect(data(shrunk), detail).toBeLessThanOrEqual(data(fresh) * 1.2);
    expect(shrunk.codeBytes - fresh.codeBytes, detail).toBeLessThanOrEqual(CODE_ALLOWANCE_BYTES);
    expect(shrunk.heapUsedBytes, detail).toBeLessThanOrEqual(fresh.heapUsedBytes * 1.2 + CODE_ALLOWANCE_BYTES);
  }, 240_000);

  it('without anyone forcing a collection, the old library is let go within seconds of the swap, not when V8 next needs room', async () => {
    // No --expose-gc and no collection after the load: as the bot runs. Before, V8 held the old heap a minute or more.
    const shrunk = await measure(copy.dir, ['--remove', copy.remove.join(','), '--threads', '1', '--idle-ms', '15000'], false);
    expect(shrunk).toMatchObject({ articlesLoaded: 20_005, articlesAfter: 5, reloadOk: true });
    const idle = shrunk.idle;
    const fresh = await freshStart();
    const detail = `heap ${mb(idle?.heapUsedBytes ?? 0)} after ${idle?.releasedAfterMs ?? 'no release in'} ms (${mb(idle?.heapAtSwapBytes ?? 0)} at the swap), ${mb(fresh.heapUsedBytes)} fresh`;
    expect(idle?.releasedAfterMs ?? Number.POSITIVE_INFINITY, detail).toBeLessThan(10_000);
    expect(idle?.heapAtSwapBytes).toBeGreaterThan(3 * (idle?.heapUsedBytes ?? 0));
    expect(idle?.heapUsedBytes, detail).toBeLessThanOrEqual(fresh.heapUsedBytes * 1.2 + CODE_ALLOWANCE_BYTES);
  }, 240_000);
});
