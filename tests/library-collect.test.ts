import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { collectAside } from '../src/library/collect-soon.js';

describe('a full collection alongside the thread', () => {
  it('settles once done, frees what nothing holds, and leaves no gc to later contexts', async () => {
    let held: { readonly i: number }[] | null = Array.from({ length: 300_000 }, (_, i) => ({ i }));
    const before = process.memoryUsage().heapUsed;
    expect(held.length).toBe(300_000);
    held = null;
    await collectAside();
    expect(process.memoryUsage().heapUsed).toBeLessThan(before);
    expect(runInNewContext('typeof gc')).toBe('undefined');
  });
});
