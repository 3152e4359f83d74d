import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const seedsDir = join(repoRoot, 'seeds');
export const seedFile = join(seedsDir, '000_0fa5bb280fb2bb71.txt');
export const sharedData = join(repoRoot, '..', 'shared', 'data');

/** A scratch folder removed after the test. */
export async function scratchDir(): Promise<{ dir: string; write: (name: string, content: string | Uint8Array) => Promise<string>; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ringkas-'));
  return {
    dir,
    write: async (name, content) => {
      const path = join(dir, name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
      return path;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
