import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFold } from '../scripts/rouge-folds.js';
import { meanScores, scoreSummary } from '../scripts/rouge.js';
import { summarize } from '../src/summarize/index.js';
import { sharedData } from './helpers/tmp.js';

describe('summaries on IndoSum dev.01, through the users’ pipeline', () => {
  it('beat LEAD-3 by at least one ROUGE-1 point (paper convention) and are not worse on ROUGE-2 and ROUGE-L', async () => {
    const fold = await loadFold(path.join(sharedData, 'indosum', 'dev.01.jsonl'));
    expect(fold.articles).toHaveLength(750);
    const ours = meanScores(fold.articles.map((item) => scoreSummary(summarize(item.analyzed, fold.stats, { sentences: 3 }).sentences, item.reference, 'paper')));
    const lead = meanScores(fold.articles.map((item) => scoreSummary(item.analyzed.sentences.slice(0, 3).map((s) => s.text), item.reference, 'paper')));
    expect(ours.rouge1).toBeGreaterThanOrEqual(lead.rouge1 + 1);
    expect(ours.rouge2).toBeGreaterThanOrEqual(lead.rouge2);
    expect(ours.rougeL).toBeGreaterThanOrEqual(lead.rougeL);
  }, 60_000);
});
