import { existsSync, renameSync } from 'node:fs';

/** UTC time as `20261204T164512Z` (with milliseconds: `20261204T164512345Z`), sortable and safe in file names. */
export function stamp(now: number, withMs = false): string {
  const iso = new Date(now).toISOString();
  const compact = iso.replace(/[-:]/g, '');
  return withMs ? compact.replace('.', '') : compact.replace(/\.\d+/, '');
}

/**
 * Renames a database file (and its -wal and -shm, which belong to it) to `<file>.<reason>-<stamp>`, never over an
 * existing file; returns the new name of the main file.
 */
export function moveAside(file: string, reason: string, now: number): string {
  let target = `${file}.${reason}-${stamp(now)}`;
  for (let n = 2; [target, `${target}-wal`, `${target}-shm`].some((name) => existsSync(name)); n++) target = `${file}.${reason}-${stamp(now)}-${n}`;
  renameSync(file, target);
  // A -wal left beside a new file of the old name would be replayed into it.
  for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  return target;
}
