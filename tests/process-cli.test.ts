import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/cli/commands.js';
import { overview } from '../src/cli/run.js';
import { repoRoot, scratchDir, seedsDir } from './helpers/tmp.js';

/** Each case starts a Node process with tsx; on a busy machine a few of them take seconds. */
const SLOW = { timeout: 120_000 };
const SEED_ID = '000_0fa5bb280fb2bb71';

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm run --silent cli -- …` as a user runs it, with the seed folder as CORPUS_DIR; `firstChunkOnly` closes the pipe after the first output, as `| head -1` does. */
function cli(args: readonly string[], options: { firstChunkOnly?: boolean; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli.ts'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, CORPUS_DIR: seedsDir, NODE_OPTIONS: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (options.firstChunkOnly === true) child.stdout.destroy();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

let scratch: Awaited<ReturnType<typeof scratchDir>>;
let manyArticles: string;

beforeAll(async () => {
  scratch = await scratchDir();
  // far more output than a pipe buffers, so the CLI is still writing when the reader leaves
  const records = Array.from({ length: 1500 }, (_, i) =>
    JSON.stringify({ id: `n${i}`, title: `Harga beras naik di pasar ${i}`, paragraphs: [`Harga beras di pasar ${i} naik tajam pekan ini.`, 'Pedagang menyebut pasokan dari daerah berkurang karena panen mundur.'] }),
  );
  manyArticles = await scratch.write('many.jsonl', `${records.join('\n')}\n`);
});
afterAll(async () => {
  await scratch.cleanup();
});

describe('the command line as a process', SLOW, () => {
  it('answers --help on its own and on every subcommand, on stdout, with status 0', async () => {
    const names = Object.keys(COMMANDS);
    expect(names).toEqual(expect.arrayContaining(['articles', 'summarize', 'quotes', 'search']));
    const [top, ...subcommands] = await Promise.all([cli(['--help']), ...names.map((name) => cli([name, '--help']))]);
    expect(top).toMatchObject({ code: 0, stderr: '' });
    expect(top?.stdout).toBe(`${await overview()}\n`);
    subcommands.forEach((run, i) => {
      const name = names[i] as string;
      expect(run, name).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(new RegExp(`^Usage: npm run --silent cli -- ${name} `));
      expect(run.stdout).toContain('-h, --help');
      expect(run.stdout).toContain('Exit status: 0 answered');
    });
    const short = await cli(['quotes', '-h']);
    expect(short).toMatchObject({ code: 0, stdout: subcommands[names.indexOf('quotes')]?.stdout, stderr: '' });
  });

  it('reads the corpus folder when no path is named', async () => {
    const [summaries, quotes] = await Promise.all([cli(['summarize', '--json']), cli(['quotes', '--json', '--speaker', 'Putin'])]);
    expect(summaries).toMatchObject({ code: 0, stderr: '' });
    expect(summaries.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id)).toEqual([SEED_ID]);
    expect(quotes.code).toBe(0);
    expect(quotes.stdout.trim().split('\n')).toHaveLength(4);
  });

  it('exits 0 when it answered, also with no hits', async () => {
    const [none, noneJson] = await Promise.all([cli(['search', 'zzzqqq']), cli(['search', '--json', 'zzzqqq', '--', seedsDir])]);
    expect(none).toMatchObject({ code: 0, stdout: 'No article matches "zzzqqq".\n', stderr: '' });
    expect(noneJson).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 1 when nothing is found where something was named', async () => {
    const missing = join(scratch.dir, 'no-such-file.txt');
    const runs = await Promise.all([
      cli(['quotes', '--speaker', 'Putn']),
      cli(['quotes', '--speaker', 'Zzyzx Qwerty']),
      cli(['summarize', missing]),
      cli(['articles', '--json', missing]),
      cli(['search', 'putin', '--', missing]),
    ]);
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect(runs[0]?.stderr).toContain('Did you mean Vladimir Putin');
    expect(runs[2]?.stderr).toContain(`${missing} does not exist`);
  });

  it('exits 2 on a usage error, saying what was wrong and how it is used', async () => {
    const runs = await Promise.all([
      cli(['summarize', '--sentences', '11']),
      cli(['summarize', '--sentences']),
      cli(['quotes', '--bogus']),
      cli(['search']),
      cli(['search', '--limit', '0', 'putin']),
      cli(['frob']),
      cli([]),
    ]);
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/Usage: npm run --silent cli -- /);
    }
    expect(runs[0]?.stderr).toContain('--sentences must be a whole number from 1 to 10');
    expect(runs[2]?.stderr).toContain('unknown option --bogus');
    expect(runs[3]?.stderr).toContain('search needs a query');
    expect(runs[5]?.stderr).toContain('Unknown command "frob"');
    const badSetting = await cli(['articles'], { env: { MAX_ARTICLE_BYTES: 'abc' } });
    expect(badSetting).toMatchObject({ code: 2, stdout: '' });
    expect(badSetting.stderr).toContain('MAX_ARTICLE_BYTES');
  });

  it('stops quietly when the reader closes the pipe early (cli … | head -1)', async () => {
    const runs = await Promise.all([
      cli(['articles', '--json', manyArticles], { firstChunkOnly: true }),
      cli(['summarize', '--json', manyArticles], { firstChunkOnly: true }),
    ]);
    for (const run of runs) {
      expect(run.stdout).toMatch(/^\{"id":"n0",/);
      expect(run.stderr).toBe('');
      expect(run).toMatchObject({ code: 0, signal: null });
    }
  });
});

describe('the README', () => {
  it('shows the usage the command line itself prints', async () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Command line'));
    const block = /```text\n([\s\S]*?)\n```/.exec(section)?.[1];
    expect(block).toBe(await overview());
  });
});
