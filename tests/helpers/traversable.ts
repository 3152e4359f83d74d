import { chmodSync, realpathSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

/**
 * As root, some tests run programs as other users (PostgreSQL as `postgres`, a store as `nobody`) that must reach the
 * checkout's node_modules. A checkout made in a private temp folder (`mktemp -d` is mode 700) would stop them at its
 * door, so folders between the system temp folder and `dir` get the traverse bit for others (never read or write),
 * and folders outside the temp folder are left as they are.
 */
export function letOtherUsersTraverse(dir: string): string[] {
  if (userInfo().uid !== 0) return [];
  const temp = realpathSync(tmpdir());
  const changed: string[] = [];
  let current = realpathSync(dir);
  while (current.startsWith(`${temp}${path.sep}`)) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(current, (mode & 0o7777) | 0o001);
      changed.push(current);
    }
    current = path.dirname(current);
  }
  return changed;
}
