import { execFile, execFileSync } from 'node:child_process';
import { symlink } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoadProblem } from '../src/corpus/article.js';
import { loadCorpus } from '../src/corpus/index.js';
import { t } from '../src/i18n/index.js';
import { openLibrary } from '../src/library/index.js';
import { repoRoot, scratchDir } from './helpers/tmp.js';

const run = promisify(execFile);

const good = 'Berita Baik\n\nSenin, 4 Maret 2024 - 06:15 WIB\nSURABAYA - Kalimat pertama berita yang baik.\n\nKalimat kedua.';
const goodIds = ['also-good', 'good', 'sub/nested'];

let scratch: Awaited<ReturnType<typeof scratchDir>>;
let socketServer: Server | undefined;
/** Whether this machine let us make a device node (root can): then a device file sits in the folder itself, not only behind a link. */
let deviceNode = false;

/** Each special file, by name in the folder, with the code its problem carries. */
function expectedProblems(): Record<string, LoadProblem['code']> {
  return {
    'pipe.txt': 'named_pipe',
    'pipe-link.json': 'named_pipe',
    'sock.json': 'socket',
    'zero.txt': 'device_file',
    'null.md': 'device_file',
    ...(deviceNode ? { 'dev.txt': 'device_file' as const } : {}),
  };
}

beforeEach(async () => {
  scratch = await scratchDir();
  await scratch.write('good.txt', good);
  await scratch.write('also-good.json', JSON.stringify({ title: 'Juga baik', body: 'Isi yang baik.' }));
  await scratch.write('sub/nested.md', '# Berita di subfolder\n\nIsi berita yang ada di subfolder.');
  execFileSync('mkfifo', [join(scratch.dir, 'pipe.txt')]);
  await symlink(join(scratch.dir, 'pipe.txt'), join(scratch.dir, 'pipe-link.json'));
  await symlink('/dev/zero', join(scratch.dir, 'zero.txt'));
  await symlink('/dev/null', join(scratch.dir, 'null.md'));
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(join(scratch.dir, 'sock.json'), resolve));
  socketServer = server;
  try {
    execFileSync('mknod', [join(scratch.dir, 'dev.txt'), 'c', '1', '3'], { stdio: 'ignore' });
    deviceNode = true;
  } catch {
    deviceNode = false;
  }
});

afterEach(async () => {
  await new Promise((resolve) => (socketServer === undefined ? resolve(undefined) : socketServer.close(resolve)));
  socketServer = undefined;
  await scratch.cleanup();
});

function expectNamed(problems: readonly LoadProblem[]): void {
  for (const [file, code] of Object.entries(expectedProblems())) {
    const problem = problems.find((p) => p.file === file);
    expect(problem, `a problem for ${file}`).toMatchObject({ code, reason: expect.stringMatching(/not a regular file; skipped$/) });
    expect(problem?.ignored).not.toBe(true);
  }
}

describe('FIFOs, sockets and device files in the corpus folder are problems by name, and never block the load', () => {
  it('a whole read: the good articles all load, each special file is named with its reason', async () => {
    const { articles, problems } = await loadCorpus(scratch.dir);
    expect(articles.map((a) => a.id).sort()).toEqual(goodIds);
    expectNamed(problems);
  });

  it('the library and its reloads and take-ins report them the same, in both languages', async () => {
    const library = await openLibrary(scratch.dir);
    try {
      expect(library.current().articles.map((a) => a.id).sort()).toEqual(goodIds);
      expectNamed(library.current().problems);
      const reload = await library.reload();
      expect(reload.ok).toBe(true);
      expectNamed(reload.problems);

      await scratch.write('fresh.json', JSON.stringify({ title: 'Berita baru', body: 'Isi berita yang baru masuk.' }));
      const takeIn = await library.takeIn(['fresh.json', ...Object.keys(expectedProblems())]);
      expect(takeIn).toMatchObject({ ok: true, added: ['fresh'], removed: [] });
      expectNamed(takeIn.problems);
      expect(library.current().articles.map((a) => a.id).sort()).toEqual([...goodIds, 'fresh'].sort());
    } finally {
      await library.close();
    }
    for (const code of ['named_pipe', 'socket', 'device_file'] as const) {
      for (const lang of ['en', 'id'] as const) expect(t(lang, `corpus.problems.${code}`)).not.toContain('corpus.problems');
    }
  });

  it('a FIFO or device named on the command line, or read directly, is refused without opening it for a blocking read', async () => {
    const paths = ['pipe.txt', 'pipe-link.json', 'zero.txt', 'sock.json', 'good.txt'].map((name) => join(scratch.dir, name));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(repoRoot, 'tests', 'corpus-special-child.ts'), ...paths], {
      cwd: repoRoot,
      timeout: 30_000,
    });
    const result = JSON.parse(stdout) as { reads: { path: string; ok: boolean; code?: string }[]; articles: string[]; problems: LoadProblem[] };
    expect(result.reads.map((r) => r.code ?? 'ok')).toEqual(['named_pipe', 'named_pipe', 'device_file', 'socket', 'ok']);
    expect(result.articles).toEqual(['good']);
    expect(result.problems.map((p) => [p.file, p.code])).toEqual([
      [paths[0], 'named_pipe'],
      [paths[1], 'named_pipe'],
      [paths[2], 'device_file'],
      [paths[3], 'socket'],
    ]);
  }, 40_000);
});
