import { mkdir, readlink, symlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { seedsDir } from './sample-feed.js';

/**
 * The corpus folder local mode reads. When it is the repository's own seeds/, feed articles must not be written into it:
 * local mode reads DATA_DIR/local-corpus instead, which holds a link to seeds/ (so articles added there still load) and the
 * feeds/ folder the poller writes. Any other CORPUS_DIR is used as it is; so is seeds/ where no link can be made.
 */
export async function localCorpusDir(corpusDir: string, dataDir: string): Promise<string> {
  const seeds = resolve(corpusDir);
  if (seeds !== resolve(seedsDir())) return corpusDir;
  const dir = resolve(dataDir, 'local-corpus');
  const link = join(dir, 'seeds');
  try {
    await mkdir(dir, { recursive: true });
    await symlink(seeds, link, 'dir');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return corpusDir;
    const target = await readlink(link).catch(() => null);
    if (target === null || resolve(dir, target) !== seeds) return corpusDir;
  }
  return dir;
}
