import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, UsageError } from '../src/cli/command.js';
import extract from '../src/cli/extract.js';
import { testContext } from './helpers/cli.js';
import { capture } from './helpers/capture.js';
import { html, startServer, type TestServer } from './fetch-server.js';
import { repoRoot, scratchDir } from './helpers/tmp.js';

const story = Array.from({ length: 5 }, (_, i) => `<p>Paragraf ${i + 1}: pemerintah daerah menyiapkan anggaran tambahan untuk perbaikan jalan, kata kepala dinas kepada wartawan.</p>`).join('');
const page = `<!doctype html><html><head><meta charset="utf-8"><title>Jalan Rusak Segera Diperbaiki - Contoh.com</title>
<meta property="og:title" content="Jalan Rusak Segera Diperbaiki - Contoh.com"><meta property="og:site_name" content="Contoh.com">
<meta property="article:published_time" content="2023-09-14T20:22:31+07:00"><link rel="canonical" href="https://contoh.com/jalan?utm_source=x"></head>
<body><nav><a href="/">Beranda</a></nav><article><h1>Jalan Rusak Segera Diperbaiki</h1><p>BANDUNG, Contoh.com - ${story.slice(3)}</article></body></html>`;
const open = { ...testContext, allowPrivateUrls: true };
type Context = typeof open;
const runExtract = (args: readonly string[], _paths: readonly string[], context: Context): Promise<number> =>
  runCommand('extract', extract, args, async () => context);
const KEYS = ['url', 'title', 'published', 'source', 'city', 'paragraphs', 'partial'];

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ '/jalan': html(page), '/foto.png': (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end('x') });
});
afterAll(() => server.close());

describe('cli extract', () => {
  it('prints one JSON object per input with exactly the stable fields, from a URL and from a file', async () => {
    const scratch = await scratchDir();
    try {
      const file = await scratch.write('saved.html', page);
      const { code, stdout, stderr } = await capture(() => runExtract(['--json', server.url('/jalan'), file], [], open));
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines).toHaveLength(2);
      for (const record of lines) {
        expect(Object.keys(record)).toEqual(KEYS);
        expect(record).toMatchObject({ url: 'https://contoh.com/jalan', title: 'Jalan Rusak Segera Diperbaiki', published: '2023-09-14T20:22:31+07:00', source: 'Contoh.com', city: 'BANDUNG', partial: false });
        expect(record.paragraphs).toHaveLength(5);
      }
    } finally {
      await scratch.cleanup();
    }
  });

  it('reports each failing input on stderr, keeps going, and exits 1', async () => {
    const { code, stdout, stderr } = await capture(() =>
      runExtract(['--json', server.url('/missing'), server.url('/foto.png'), '/no/such/file.html', 'ftp://example.com/x', server.url('/jalan')], [], open),
    );
    expect(code).toBe(1);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/\/missing: http-error: the server answered 404/);
    expect(stderr).toMatch(/foto\.png: not-text: not an article/);
    expect(stderr).toMatch(/no\/such\/file\.html: ENOENT/);
    expect(stderr).toMatch(/ftp:\/\/example\.com\/x: unsupported-scheme/);
  });

  it('refuses private addresses unless ALLOW_PRIVATE_URLS is set', async () => {
    const { code, stderr } = await capture(() => runExtract(['--json', server.url('/jalan')], [], { ...open, allowPrivateUrls: false }));
    expect(code).toBe(1);
    expect(stderr).toMatch(/blocked-address/);
  });

  it('shows a readable view without --json', async () => {
    const { code, stdout } = await capture(() => runExtract([server.url('/jalan')], [], open));
    expect(code).toBe(0);
    expect(stdout).toContain('Jalan Rusak Segera Diperbaiki\n  https://contoh.com/jalan\n  2023-09-14T20:22:31+07:00 · Contoh.com · BANDUNG');
  });

  it('is a usage error without inputs', async () => {
    await expect(runExtract(['--json'], [], open)).rejects.toBeInstanceOf(UsageError);
  });

  it('is registered in the command line: exit 2 for usage, 0 for a page', async () => {
    // asynchronous: the test server answers from this process
    const run = (args: string[]) =>
      new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'extract', ...args], { cwd: repoRoot, env: { ...process.env, ALLOW_PRIVATE_URLS: 'true' }, timeout: 60_000 }, (error, stdout, stderr) =>
          resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr }),
        );
      });
    expect((await run([])).status).toBe(2);
    const ok = await run(['--json', server.url('/jalan')]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout.trim())).toMatchObject({ title: 'Jalan Rusak Segera Diperbaiki', city: 'BANDUNG' });
  }, 120_000);
});
