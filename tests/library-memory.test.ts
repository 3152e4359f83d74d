import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
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

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ringkas-memory-'));
  corpus = await writeShrinkCorpus(join(root, 'corpus'), { jsonArticles: 15_000, files: 5_000, kept: 5, paragraphs: 2 });
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A process of its own with --expose-gc, so its heap after a full collection belongs to this library alone. */
async function measure(dir: string, extra: readonly string[]): Promise<MemoryFigures> {
  const child = join(repoRoot, 'bench', 'memory-child.ts');
  const args = ['--expose-gc', '--import', 'tsx', child, dir, '--max-bytes', String(corpus.jsonBytes * 2), ...extra];
  const { stdout } = await run(process.execPath, args, { cwd: repoRoot, timeout: 150_000, maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as MemoryFigures;
}

describe('memory after the corpus shrinks', () => {
  it('after loading 20,000 articles then removing all but 5 and reloading, the heap is within 20% of a fresh start on those 5', async () => {
    const dataDir = join(root, 'data-shrunk');
    const shrunk = await measure(corpus.dir, ['--remove', corpus.remove.join(','), '--threads', '1', '--data-dir', dataDir]);
    expect(shrunk).toMatchObject({ articlesLoaded: 20_005, articlesAfter: 5, reloadOk: true });
    // the big corpus really was in the heap: the comparison below measures its release, not a load that never happened
    expect(shrunk.heapUsedLoadedBytes).toBeGreaterThan(shrunk.heapUsedBytes * 3);

    // the same folder, now holding the 5 articles only
    const fresh = await measure(corpus.dir, ['--threads', '1', '--data-dir', join(root, 'data-fresh')]);
    expect(fresh).toMatchObject({ articlesLoaded: 5, articlesAfter: 5 });

    const data = (figures: MemoryFigures): number => figures.heapUsedBytes - figures.codeBytes;
    const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;
    const detail = `heap ${mb(shrunk.heapUsedBytes)} (code ${mb(shrunk.codeBytes)}) after shrinking, ${mb(fresh.heapUsedBytes)} (code ${mb(fresh.codeBytes)}) fresh`;
    expect(data(shrunk), detail).toBeLessThanOrEqual(data(fresh) * 1.2);
    expect(shrunk.codeBytes - fresh.codeBytes, detail).toBeLessThanOrEqual(CODE_ALLOWANCE_BYTES);
    expect(shrunk.heapUsedBytes, detail).toBeLessThanOrEqual(fresh.heapUsedBytes * 1.2 + CODE_ALLOWANCE_BYTES);
  }, 240_000);
});
