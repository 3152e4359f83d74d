import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/tmp.js';

// docs/architecture.md is the house plan: its rooms table says what each room may import; this keeps the code to it.

interface Room {
  readonly path: string;
  readonly allowed: ReadonlySet<string>;
}

const DOC = readFileSync(join(repoRoot, 'docs', 'architecture.md'), 'utf8');
const CORE = ['src/text', 'src/corpus', 'src/quotes', 'src/summarize', 'src/search', 'src/analysis', 'src/library', 'src/store', 'src/digest', 'src/fetch', 'src/extract', 'src/feeds', 'src/i18n'];
const DISCORD_PACKAGES = /^(discord\.js|@discordjs\/|discord-hybrid-sharding)/;

function roomsOfDoc(doc: string): Room[] {
  const table = doc.slice(doc.indexOf('| room |'));
  return table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const cells = line.split('|').map((cell) => cell.trim());
      const path = (cells[1] ?? '').replace(/`/g, '').replace(/\/$/, '');
      const allowed = [...(cells[3] ?? '').matchAll(/`([^`]+)`/g)].map((m) => (m[1] as string).replace(/\/$/, ''));
      return { path, allowed: new Set(allowed) };
    });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(repoRoot, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(repoRoot, path)).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function roomOf(rooms: readonly Room[], path: string): Room | undefined {
  return rooms
    .filter((room) => path === room.path || path.startsWith(`${room.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
}

/** Module specifiers of static imports, re-exports and dynamic imports with a literal specifier. */
function importsOf(source: string): string[] {
  const pattern = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  return [...source.matchAll(pattern)].map((m) => (m[1] ?? m[2] ?? m[3]) as string);
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

const builtins = new Set(builtinModules);
const rooms = roomsOfDoc(DOC);
const files = ['src', 'commands', 'discord-emulator'].flatMap(sourceFiles);

describe('docs/architecture.md', () => {
  it('names every room once, and each room exists', () => {
    expect(rooms.length).toBeGreaterThan(20);
    expect(new Set(rooms.map((room) => room.path)).size).toBe(rooms.length);
    const missing = rooms.filter((room) => {
      try {
        statSync(join(repoRoot, room.path));
        return false;
      } catch {
        return true;
      }
    });
    expect(missing.map((room) => room.path)).toEqual([]);
  });

  it('houses every source file in a room', () => {
    expect(files.filter((file) => roomOf(rooms, file) === undefined)).toEqual([]);
  });

  it('every import of every file is one its room may make', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const room = roomOf(rooms, file) as Room;
      for (const specifier of importsOf(readFileSync(join(repoRoot, file), 'utf8'))) {
        if (specifier.startsWith('.')) {
          const target = relative(repoRoot, normalize(join(repoRoot, dirname(file), specifier))).replace(/\.js$/, '.ts');
          const targetRoom = roomOf(rooms, target);
          if (targetRoom === undefined) wrong.push(`${file} imports ${specifier}, which is in no room`);
          else if (targetRoom !== room && !room.allowed.has(targetRoom.path)) wrong.push(`${file} (${room.path}) imports ${targetRoom.path}`);
        } else if (!specifier.startsWith('node:') && !builtins.has(specifier)) {
          const name = packageOf(specifier);
          if (!room.allowed.has(name)) wrong.push(`${file} (${room.path}) imports the package ${name}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps the core free of Discord, and imports natural by deep path only', () => {
    const wrong: string[] = [];
    for (const file of files) {
      for (const specifier of importsOf(readFileSync(join(repoRoot, file), 'utf8'))) {
        if (specifier === 'natural') wrong.push(`${file} imports the whole of natural`);
        const core = CORE.some((path) => file.startsWith(`${path}/`));
        if (core && (DISCORD_PACKAGES.test(specifier) || specifier.includes('discord-emulator') || /\/discord\//.test(specifier) || /commands\//.test(specifier))) {
          wrong.push(`${file} (core) imports ${specifier}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    for (const path of CORE) expect(rooms.find((room) => room.path === path)?.allowed.has('discord.js')).toBe(false);
  });
});
