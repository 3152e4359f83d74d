import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readyLine } from '../src/local-mode/console-texts.js';
import { corpusNotice } from '../src/startup-notice.js';
import { repoRoot, scratchDir } from './helpers/tmp.js';

const TSX = join(repoRoot, 'node_modules', '.bin', 'tsx');

/** `npm run dev` in local mode with only the environment given; resolves with everything printed once the console is up, then ends it. */
function startLocal(env: Record<string, string>): Promise<{ output: string; code: number | null }> {
  const child = spawn(TSX, ['src/main.ts'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DISCORD_TOKEN: '', LOG_LEVEL: 'info', ...env },
  });
  let output = '';
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (/Type \.help for help\./.test(output)) child.stdin.end('.quit\n');
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
  return new Promise((done) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ output, code });
    }),
  );
}

let data: Awaited<ReturnType<typeof scratchDir>>;
beforeAll(async () => {
  data = await scratchDir();
});
afterAll(async () => {
  await data.cleanup();
});

describe('start-up in local mode', () => {
  it('names a missing corpus folder by its absolute path and says what to put there', { timeout: 60_000 }, async () => {
    const { output, code } = await startLocal({ CORPUS_DIR: 'no-such-folder', DATA_DIR: join(data.dir, 'missing') });
    expect(code).toBe(0);
    expect(output).toMatch(/Ringkas is ready in local mode \(\d+ ms\): 0 articles, 0 quotes, 0 speakers\. Log: /);
    expect(output).toContain(
      `The article folder ${resolve(repoRoot, 'no-such-folder')} does not exist. Create it and put news articles there (.txt, .md, .json or .jsonl files)`,
    );
  });

  it('names an empty corpus folder the same way', { timeout: 60_000 }, async () => {
    const corpus = await scratchDir();
    try {
      const { output } = await startLocal({ CORPUS_DIR: corpus.dir, DATA_DIR: join(data.dir, 'empty') });
      expect(output).toContain(`The article folder ${corpus.dir} has no articles yet. Put news articles there (.txt, .md, .json or .jsonl files) and run /reload.`);
    } finally {
      await corpus.cleanup();
    }
  });
});

describe('start-up texts', () => {
  it('count in both languages', () => {
    const counts = { ms: 12, articles: 1, quotes: 1, speakers: 1, problemFiles: 1, logFile: 'data/local-mode.log' };
    expect(readyLine(counts)).toBe(
      'Ringkas is ready in local mode (12 ms): 1 article, 1 quote, 1 speaker, 1 file could not be read. Log: data/local-mode.log\n' +
        'Set DISCORD_TOKEN in .env to connect to Discord instead.',
    );
    expect(readyLine({ ...counts, articles: 1234, quotes: 2, problemFiles: 0 }, 'id')).toBe(
      'Ringkas siap dalam mode lokal (12 ms): 1.234 artikel, 2 kutipan, 1 narasumber. Log: data/local-mode.log\n' +
        'Isi DISCORD_TOKEN di .env untuk terhubung ke Discord.',
    );
  });

  it('say nothing when there are articles, and why there are none otherwise', () => {
    expect(corpusNotice('seeds', 3, [])).toBeNull();
    const broken = [{ file: 'a.json', code: 'malformed_json' as const, reason: 'malformed JSON' }];
    expect(corpusNotice('/srv/news', 0, broken)).toBe(
      'The article folder /srv/news has no readable article: 1 file could not be read (the log and /reload name them). Put news articles there (.txt, .md, .json or .jsonl files) and run /reload.',
    );
    const denied = [{ file: '.', code: 'corpus_denied' as const, params: { dir: '/srv/news' }, reason: 'x' }];
    expect(corpusNotice('/srv/news', 0, denied, 'id')).toBe(
      'Folder artikel /srv/news tidak dapat dibaca: akses ditolak. Perbaiki, atau isi CORPUS_DIR di .env dengan folder lain; lalu jalankan /reload.',
    );
  });
});
