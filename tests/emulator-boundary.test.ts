import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/tmp.js';

interface Import {
  file: string;
  specifier: string;
  dynamic: boolean;
  /** Repository-relative path of a relative import's target, with `.ts` for `.js`. */
  target: string | null;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*'([^']+)'|(?:^|\n)\s*import\s*'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

async function sourcesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(join(repoRoot, folder), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(repoRoot, join(entry.parentPath, entry.name)));
}

async function importsOf(file: string): Promise<Import[]> {
  const text = await readFile(join(repoRoot, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => {
    const specifier = match[1] ?? match[2] ?? match[3] ?? '';
    const target = specifier.startsWith('.') ? relative(repoRoot, resolve(repoRoot, dirname(file), specifier)).replace(/\.js$/, '.ts') : null;
    return { file, specifier, dynamic: match[3] !== undefined, target };
  });
}

async function importsUnder(...folders: string[]): Promise<Import[]> {
  const files = (await Promise.all(folders.map(sourcesUnder))).flat();
  return (await Promise.all(files.map(importsOf))).flat();
}

const inEmulator = (path: string | null) => path !== null && path.startsWith('discord-emulator/');

describe('the Discord emulator is a tool apart from the bot', () => {
  it('imports nothing of the bot but the shared clock, and no Discord library', async () => {
    const imports = await importsUnder('discord-emulator');
    expect(imports.length).toBeGreaterThan(50);
    const foreign = imports.filter(
      (i) => !i.specifier.startsWith('node:') && i.specifier !== 'ws' && !inEmulator(i.target) && i.target !== 'src/clock.ts',
    );
    expect(foreign.map((i) => `${i.file} → ${i.specifier}`)).toEqual([]);
  });

  it('is imported by the bot only in local mode (src/local-mode, through its index), which the start-up (src/app/bot-process.ts) loads only dynamically', async () => {
    const imports = await importsUnder('src', 'commands');
    const ofEmulator = imports.filter((i) => inEmulator(i.target));
    expect(ofEmulator.length).toBeGreaterThan(0);
    expect(ofEmulator.filter((i) => !i.file.startsWith('src/local-mode/')).map((i) => i.file)).toEqual([]);
    expect(ofEmulator.filter((i) => i.target !== 'discord-emulator/index.ts').map((i) => `${i.file} → ${i.specifier}`)).toEqual([]);
    const ofLocalMode = imports.filter((i) => i.target?.startsWith('src/local-mode/') && !i.file.startsWith('src/local-mode/'));
    expect([...new Set(ofLocalMode.map((i) => `${i.file} ${i.dynamic ? 'import()' : 'static import'}`))]).toEqual(['src/app/bot-process.ts import()']);
  });
});
