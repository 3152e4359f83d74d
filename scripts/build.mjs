// Compiles src/, commands/ and discord-emulator/ (local mode's server) to plain JavaScript and copies the files they load at run time beside them.
// Usage: node scripts/build.mjs [outDir]   (outDir defaults to dist/, relative to the current folder)
import { spawnSync } from 'node:child_process';
import { cp, readdir, rm } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const sourceDirs = ['src', 'commands', 'discord-emulator'];
const compiled = new Set(['.ts', '.mts', '.cts']);
// Documentation beside the sources is not loaded at run time.
const notShipped = new Set(['.md']);
const isWithin = (path, folder) => {
  const rest = relative(folder, path);
  return rest === '' || (!rest.startsWith('..') && !isAbsolute(rest));
};

/** The out dir is emptied first, so it must not hold the repository or lie inside its sources. */
export function isSafeOutDir(out) {
  return !isWithin(repoRoot, out) && !sourceDirs.some((dir) => isWithin(out, join(repoRoot, dir)));
}

/** Every file under `dir` that tsc does not emit (JSON weights and the like), as paths relative to the repo root. */
async function assetsUnder(dir) {
  const entries = await readdir(join(repoRoot, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && !compiled.has(extname(entry.name)) && !notShipped.has(extname(entry.name)))
    .map((entry) => relative(repoRoot, join(entry.parentPath ?? entry.path, entry.name)));
}

export async function build(outDir = 'dist') {
  const out = resolve(outDir);
  if (!isSafeOutDir(out)) {
    throw new Error(`refusing to build into ${out}: it would delete sources`);
  }
  await rm(out, { recursive: true, force: true });
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(repoRoot, 'tsconfig.build.json'), '--outDir', out], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed (exit ${result.status ?? result.signal})`);
  for (const dir of sourceDirs) {
    for (const asset of await assetsUnder(dir)) await cp(join(repoRoot, asset), join(out, asset));
  }
  return out;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  build(process.argv[2]).catch((error) => {
    process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
