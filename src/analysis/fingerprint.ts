import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folders of code whose output an analysis is: when any of it changes, stored analyses no longer count. */
const ANALYSING_CODE = ['../text/', '../quotes/', './'];
/** Built at every start from the quotes, never stored with an analysis: changing it must not make a deployment analyse again. */
const NOT_ANALYSING = /^(speaker-index|edit-distance)\.(ts|js)$/;

/** A digest of the analysing code as it runs (TypeScript from source or the built JavaScript) and of natural's version. */
export function analysisFingerprint(): string {
  const hash = createHash('sha256');
  for (const folder of ANALYSING_CODE) {
    const dir = fileURLToPath(new URL(folder, import.meta.url));
    for (const name of readdirSync(dir).sort()) {
      if (!/\.(ts|js|json)$/.test(name) || (folder === '../quotes/' && NOT_ANALYSING.test(name))) continue;
      hash.update(`${folder}${name}\0`).update(readFileSync(join(dir, name))).update('\0');
    }
  }
  const natural = createRequire(import.meta.url)('natural/package.json') as { version?: unknown };
  hash.update(`natural@${String(natural.version)}`);
  return hash.digest('hex');
}
