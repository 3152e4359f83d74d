import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli/command.js';
import { capture } from './helpers/capture.js';
import { commandRunner } from './helpers/cli.js';
import { openLibrary } from '../src/library/index.js';
import { scratchDir, seedFile, seedsDir } from './helpers/tmp.js';

const runSummarize = commandRunner('summarize');

describe('cli summarize', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('prints one JSON object per article and nothing else with --json', async () => {
    const scratch = await scratchDir();
    cleanups.push(scratch.cleanup);
    const paragraphs = ['Harga beras di pasar induk naik tajam pekan ini.', 'Pedagang menyebut pasokan dari daerah berkurang karena panen mundur.', 'Pemerintah menjanjikan operasi pasar mulai Senin depan.'];
    await scratch.write('news.jsonl', `${JSON.stringify({ id: 'beras', title: 'Harga Beras Naik', paragraphs })}\nnot json\n`);
    const { code, stdout, stderr } = await capture(() => runSummarize(['--json', '--sentences', '2', scratch.dir]));
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(Object.keys(record)).toEqual(['id', 'title', 'summary', 'keywords', 'reduction']);
    expect(record.id).toBe('beras');
    expect(record.title).toBe('Harga Beras Naik');
    expect(record.summary).toHaveLength(2);
    expect(Array.isArray(record.keywords)).toBe(true);
    expect(typeof record.reduction).toBe('number');
    expect(stderr).toMatch(/news\.jsonl:2/);
  });

  it('shows a readable view of the seed article', async () => {
    const { code, stdout } = await capture(() => runSummarize([seedFile]));
    expect(code).toBe(0);
    expect(stdout).toContain('Barat Patut Waswas, Putin Buka Peluang Kerja Sama Militer dengan Korut');
    expect(stdout).toMatch(/reduced by \d+%/);
    expect(stdout.match(/^ {2}• /gm)).toHaveLength(3);
  });

  it('answers as the bot does: the same library, the same summary, the same 1–10 sentences', async () => {
    const bot = (await openLibrary(seedsDir)).current();
    for (const sentences of [1, 3, 10]) {
      const { code, stdout } = await capture(() => runSummarize(['--json', '--sentences', String(sentences), seedFile]));
      expect(code).toBe(0);
      const record = JSON.parse(stdout) as { id: string; summary: string[]; keywords: string[] };
      const expected = bot.summary(record.id, sentences);
      expect(record.summary).toEqual(expected?.sentences);
      expect(record.keywords).toEqual(expected?.keywords);
    }
    await expect(runSummarize(['--sentences', '11', seedFile])).rejects.toThrow('--sentences must be a whole number from 1 to 10');
  });

  it('rejects a bad sentence count', async () => {
    await expect(runSummarize(['--sentences', '0', seedFile])).rejects.toBeInstanceOf(UsageError);
    await expect(runSummarize(['--sentences', 'tiga', seedFile])).rejects.toBeInstanceOf(UsageError);
  });

  it('reports a missing path on stderr and fails when nothing could be read', async () => {
    const { code, stdout, stderr } = await capture(() => runSummarize(['--json', '/nonexistent/ringkas.txt']));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('/nonexistent/ringkas.txt');
  });
});
