import type { Hash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Feeds `hash` every file of a code folder (relative to `base`, a module URL) whose path matches, in path order: path, then bytes. */
export function hashCodeFolder(hash: Hash, base: string, folder: string, wanted: RegExp, options: { recursive?: boolean; label?: string } = {}): void {
  const dir = fileURLToPath(new URL(folder, base));
  for (const name of readdirSync(dir, { recursive: options.recursive ?? false }).map(String).sort()) {
    if (wanted.test(name)) hash.update(`${options.label ?? folder}${name}\0`).update(readFileSync(join(dir, name))).update('\0');
  }
}
