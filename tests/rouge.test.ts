import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detokenizeParagraph, goldSentences, readIndoSum, referenceSentences } from '../scripts/rouge-indosum.js';
import { meanScores, paperSystemText, scoreSummary } from '../scripts/rouge.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const indosum = path.resolve(repoRoot, '../shared/data/indosum');

describe('scoreSummary', () => {
  it('gives 1 for a summary identical to the reference and 0 for one with no word in common', () => {
    expect(scoreSummary(['Harga beras naik.'], ['harga beras naik .'], 'raw')).toEqual({ rouge1: 1, rouge2: 1, rougeL: 1 });
    expect(scoreSummary(['Cuaca cerah.'], ['harga beras naik .'], 'raw')).toEqual({ rouge1: 0, rouge2: 0, rougeL: 0 });
  });

  it('clips n-gram counts and computes F1', () => {
    const s = scoreSummary(['beras beras beras'], ['beras naik'], 'raw');
    expect(s.rouge1).toBeCloseTo((2 * (1 / 3) * (1 / 2)) / (1 / 3 + 1 / 2), 10);
  });

  it('turns digits to 0 on the system side under the paper convention, so numbers never match', () => {
    expect(paperSystemText('Harga Rp1.500 (naik 3,5%).')).toBe('harga rp0 000 naik 0 0');
    expect(scoreSummary(['naik 2017'], ['naik 2017'], 'paper').rouge1).toBeCloseTo(0.5, 10);
    expect(scoreSummary(['naik 2017'], ['naik 2017'], 'raw').rouge1).toBe(1);
  });

  it('cuts the system summary at 100 words', () => {
    const long = Array.from({ length: 150 }, (_, i) => `w${i}`).join(' ');
    const reference = long.split(' ').slice(100).join(' ');
    expect(scoreSummary([long], [reference], 'raw').rouge1).toBe(0);
  });
});

describe('detokenizeParagraph', () => {
  it('rebuilds natural text from IndoSum tokens', () => {
    const rebuilt = detokenizeParagraph([
      ['"', 'Kan', 'bisa', ',', '"', 'ucap', 'Zulkifli', 'di', 'Senayan', ',', 'Senin', '(', '27', '/', '3', ')', '.'],
      ['Terjadi', 'bentrokan', '-', 'bentrokan', 'di', 'akun', 'instagram', '-nya', '.'],
    ]);
    expect(rebuilt.text).toBe('"Kan bisa," ucap Zulkifli di Senayan, Senin (27/3). Terjadi bentrokan-bentrokan di akun instagram-nya.');
    expect(rebuilt.sentences.map((s) => rebuilt.text.slice(s.start, s.end))).toEqual([
      '"Kan bisa," ucap Zulkifli di Senayan, Senin (27/3).',
      'Terjadi bentrokan-bentrokan di akun instagram-nya.',
    ]);
  });
});

describe('ROUGE scorer against the reference numbers in ../shared/data/README.md', () => {
  const lead3 = async (fold: string, convention: 'paper' | 'raw') => {
    const articles = await readIndoSum(path.join(indosum, `dev.${fold}.jsonl`));
    return meanScores(articles.map((a) => scoreSummary(goldSentences(a).slice(0, 3), referenceSentences(a), convention)));
  };
  const near = (actual: { rouge1: number; rouge2: number; rougeL: number }, expected: [number, number, number]): void => {
    expect(Math.abs(actual.rouge1 - expected[0])).toBeLessThan(0.1);
    expect(Math.abs(actual.rouge2 - expected[1])).toBeLessThan(0.1);
    expect(Math.abs(actual.rougeL - expected[2])).toBeLessThan(0.1);
  };

  it('reproduces LEAD-3 on dev.01 (gold sentence split), paper and raw conventions', async () => {
    near(await lead3('01', 'paper'), [63.33, 55.09, 62.57]);
    near(await lead3('01', 'raw'), [66.17, 59.56, 65.37]);
  });

  it('reproduces LEAD-3 on dev.02 and dev.03, paper convention', async () => {
    near(await lead3('02', 'paper'), [62.5, 53.82, 61.74]);
    near(await lead3('03', 'paper'), [63.09, 55.04, 62.4]);
  });

  it('reproduces the oracle on dev.01', async () => {
    const articles = await readIndoSum(path.join(indosum, 'dev.01.jsonl'));
    const oracle = meanScores(
      articles.map((a) => {
        const labels = a.gold_labels.flat();
        return scoreSummary(goldSentences(a).filter((_, i) => labels[i] === true).slice(0, 3), referenceSentences(a), 'paper');
      }),
    );
    near(oracle, [79.28, 72.39, 78.8]);
  });
});
