import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let version: string | null = null;

/** Our package version, from the nearest package.json named ringkas above this file (source and dist/ alike). */
function packageVersion(): string {
  if (version !== null) return version;
  version = '0.0.0';
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'ringkas' && typeof pkg.version === 'string') {
        version = pkg.version;
        break;
      }
    } catch {
      // no package.json at this level
    }
  }
  return version;
}

/** `Ringkas/<version> (+<contact>)`: names the bot and how its operator is reached, as polite crawlers do. */
export function userAgent(contactUrl: string | null): string {
  return `Ringkas/${packageVersion()}${contactUrl === null ? '' : ` (+${contactUrl})`}`;
}
