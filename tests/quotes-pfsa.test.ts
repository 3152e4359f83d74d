import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runQuotesEval } from '../scripts/eval-quotes.js';
import { sharedData } from './helpers/tmp.js';

const pfsa = join(sharedData, 'pfsa-id', 'dev-40.txt');

async function evaluate(args: string[]): Promise<string> {
  let stdout = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  try {
    expect(await runQuotesEval(args)).toBe(0);
  } finally {
    out.mockRestore();
  }
  return stdout;
}

function figure(report: string, line: string, label: string): number {
  const row = report.split('\n').find((l) => l.startsWith(line)) ?? '';
  const value = new RegExp(`${label} ([0-9.]+)`).exec(row)?.[1];
  return Number(value) / 100;
}

describe('quotes on PFSA-ID (the eval users run)', () => {
  it('meets the floors on the articles held out from tuning, however the text is paragraphed', { timeout: 120_000 }, async () => {
    for (const paragraphs of ['quote', 'sentence']) {
      const report = await evaluate(['--split', 'holdout', '--paragraphs', paragraphs, '--show', '0', pfsa]);
      expect(figure(report, 'quote', 'F1'), report).toBeGreaterThanOrEqual(0.9);
      expect(figure(report, 'speaker', 'matched quotes'), report).toBeGreaterThanOrEqual(0.9);
      expect(figure(report, 'end2end', 'F1'), report).toBeGreaterThanOrEqual(0.85);
    }
  });

  it('prints a dozen disagreements by default', { timeout: 120_000 }, async () => {
    const report = await evaluate(['--split', 'holdout', pfsa]);
    expect(report.split('\n').filter((l) => /^ {2}\[(speaker|missed|spurious)\]/.test(l))).toHaveLength(12);
  });
});
