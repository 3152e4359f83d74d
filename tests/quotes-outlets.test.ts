import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateOutlets, readAnnotations } from '../scripts/eval-quotes-outlets.js';
import { repoRoot, sharedData } from './helpers/tmp.js';

const annotations = join(repoRoot, 'tests', 'quotes-outlets.annotated.jsonl');

describe('speakers on the annotated sample of twenty outlets', () => {
  it('holds quotes from every outlet, annotated with a speaker or why there is none', async () => {
    const sample = await readAnnotations(annotations);
    expect(sample.length).toBeGreaterThanOrEqual(300);
    expect(new Set(sample.map((a) => `${a.dataset}:${a.outlet}`)).size).toBe(20);
    for (const a of sample) expect(a.kind === 'none' ? a.speaker === null : typeof a.speaker === 'string' && a.speaker !== '').toBe(true);
  });

  it('names a speaker for the quotes the text attributes, and a name rather than a description', { timeout: 60_000 }, async () => {
    const { all } = await evaluateOutlets(annotations, sharedData);
    const summary = JSON.stringify({ ...all, errors: all.errors.slice(0, 20) }, null, 1);
    expect(all.found / all.spoken, summary).toBeGreaterThanOrEqual(0.97);
    expect(all.noSpeaker / all.found, summary).toBeLessThanOrEqual(0.03);
    expect(all.description / all.named, summary).toBeLessThanOrEqual(0.02);
    expect(all.right / all.named, summary).toBeGreaterThanOrEqual(0.9);
  });

  it('still names them when the outlet delivers its text all in lower case', { timeout: 60_000 }, async () => {
    const { all } = await evaluateOutlets(annotations, sharedData, 'lower');
    const summary = JSON.stringify({ ...all, errors: all.errors.slice(0, 20) }, null, 1);
    expect(all.noSpeaker / all.found, summary).toBeLessThanOrEqual(0.05);
    expect(all.description / all.named, summary).toBeLessThanOrEqual(0.03);
    expect(all.right / all.named, summary).toBeGreaterThanOrEqual(0.8);
  });
});
