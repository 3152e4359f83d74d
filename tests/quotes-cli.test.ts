import { afterEach, describe, expect, it } from 'vitest';
import { capture } from './helpers/capture.js';
import { commandRunner } from './helpers/cli.js';
import { scratchDir, seedFile } from './helpers/tmp.js';

const runQuotes = commandRunner('quotes');

function records(stdout: string): Record<string, unknown>[] {
  return stdout
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('cli quotes', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('prints one JSON object per quote and nothing else with --json', async () => {
    const { code, stdout } = await capture(() => runQuotes(['--json', seedFile]));
    expect(code).toBe(0);
    const lines = records(stdout);
    expect(lines).toHaveLength(8);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['article', 'speaker', 'role', 'quote', 'cue', 'partial', 'attribution', 'aliases', 'mention', 'speakerId', 'speakerName']);
      expect(line.article).toBe('000_0fa5bb280fb2bb71');
      expect(typeof line.quote).toBe('string');
      expect(typeof line.partial).toBe('boolean');
    }
    expect(lines.filter((l) => l.speaker === 'Vladimir Putin')).toHaveLength(4);
    expect(lines.find((l) => l.quote === 'secara aktif maju')).toMatchObject({ speaker: 'para pejabat Amerika Serikat', partial: true });
    expect(lines.find((l) => l.cue === 'tambahnya')).toMatchObject({ attribution: 'Vladimir Putin, Presiden', speakerId: 'vladimir-putin', speakerName: 'Vladimir Putin', mention: null, aliases: [] });
  });

  it('filters by --speaker, forgiving case and accents', async () => {
    const { code, stdout } = await capture(() => runQuotes(['--speaker', 'pútin', '--json', seedFile]));
    expect(code).toBe(0);
    const lines = records(stdout);
    expect(lines.map((l) => l.cue)).toEqual(['kata', 'tambahnya', 'kata', 'ia menambahkan']);
    const kim = records((await capture(() => runQuotes(['--speaker=Kim', '--json', seedFile]))).stdout);
    expect(kim.map((l) => l.quote)).toContain('berdiri melawan kekuatan hegemonik');
    expect(kim).toHaveLength(3);
  });

  it('says who was meant on a typo, on stderr only', async () => {
    const { code, stdout, stderr } = await capture(() => runQuotes(['--speaker', 'Putn', '--json', seedFile]));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('Vladimir Putin');
  });

  it('shows a readable view grouped by speaker, and reports bad files on stderr', async () => {
    const scratch = await scratchDir();
    cleanups.push(scratch.cleanup);
    await scratch.write('broken.json', '{ not json');
    const { code, stdout, stderr } = await capture(() => runQuotes([seedFile, scratch.dir]));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^8 quotes from 3 speakers/);
    const putin = stdout.indexOf('Vladimir Putin');
    const kim = stdout.indexOf('Kim Jong-un');
    expect(putin).toBeGreaterThan(0);
    expect(kim).toBeGreaterThan(putin);
    expect(stdout).toContain('“berdiri melawan kekuatan hegemonik” (memuji, partial)');
    expect(stderr).toContain('broken.json');
  });
});
