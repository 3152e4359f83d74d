import { danglingIn, withoutConnective } from '../src/summarize/coherence.js';
import { meanScores, scoreSummary, type RougeScores } from './rouge.js';
import type { EvalArticle } from './rouge-folds.js';

/** One system's summaries of a list of articles, as the summary eval holds them. */
export interface SystemSummaries {
  readonly name: string;
  readonly summaries: readonly (readonly string[])[];
}

const BANDS: ReadonlyArray<readonly [string, number]> = [['<250 words', 250], ['250-500', 500], ['500-800', 800], ['>800 words', Infinity]];

function wordsOf(item: EvalArticle): number {
  return item.analyzed.article.paragraphs.reduce((sum, p) => sum + p.split(/\s+/).filter((w) => w !== '').length, 0);
}

function bandOf(item: EvalArticle): string {
  const words = wordsOf(item);
  return BANDS.find(([, limit]) => words < limit)?.[0] ?? '';
}

const fmt = (s: RougeScores): string => [s.rouge1, s.rouge2, s.rougeL].map((v) => v.toFixed(2).padStart(6)).join(' ');

/** ROUGE (paper convention) of ours beside LEAD-3 for each group of articles, one line a group. */
function groupTable(title: string, articles: readonly EvalArticle[], groupOf: (item: EvalArticle) => string, ours: SystemSummaries, lead: SystemSummaries, order?: readonly string[]): string {
  const groups = new Map<string, number[]>();
  articles.forEach((item, i) => {
    const key = groupOf(item);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const lines = [`${title.padEnd(16)} ${'n'.padStart(5)}   ${'ours R-1    R-2    R-L'.padStart(22)}   ${'LEAD-3 R-1    R-2    R-L'.padStart(24)}   ΔR-1`];
  const rank = (key: string): number => order?.indexOf(key) ?? 0;
  for (const [key, indexes] of [...groups].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))) {
    const score = (system: SystemSummaries): RougeScores =>
      meanScores(indexes.map((i) => scoreSummary(system.summaries[i] ?? [], articles[i]?.reference ?? [], 'paper')));
    const a = score(ours);
    const b = score(lead);
    lines.push(`${key.padEnd(16)} ${String(indexes.length).padStart(5)}   ${fmt(a).padStart(22)}   ${fmt(b).padStart(24)}   ${(a.rouge1 - b.rouge1).toFixed(2).padStart(6)}`);
  }
  return lines.join('\n');
}

/** How many summaries open with, or hold anywhere, a sentence whose referent (`Ia …`, `Namun …`) they left out. */
export function coherenceCounts(articles: readonly EvalArticle[], system: SystemSummaries): { opening: number; any: number } {
  let opening = 0;
  let any = 0;
  articles.forEach((item, i) => {
    const article = item.analyzed.sentences.map((s) => s.text);
    // what the reader sees at each sentence's place: a sentence shown without its connective is judged as shown
    const shown = [...article];
    const indexes: number[] = [];
    for (const sentence of system.summaries[i] ?? []) {
      let index = article.indexOf(sentence);
      if (index < 0) index = article.findIndex((text) => withoutConnective(text) === sentence);
      if (index < 0) continue;
      shown[index] = sentence;
      indexes.push(index);
    }
    const found = danglingIn(indexes.sort((a, b) => a - b), shown);
    if (found.opening) opening++;
    if (found.any) any++;
  });
  return { opening, any };
}

/** The per-length-band and per-category tables (ours vs LEAD-3) and the coherence counts of every system. */
export function summaryTables(articles: readonly EvalArticle[], systems: readonly SystemSummaries[], ours: SystemSummaries, lead: SystemSummaries): string {
  const coherence = systems.map((system) => {
    const { opening, any } = coherenceCounts(articles, system);
    return `${system.name.padEnd(30)} ${String(opening).padStart(8)} ${String(any).padStart(10)}   of ${articles.length}`;
  });
  return [
    groupTable('length band', articles, bandOf, ours, lead, BANDS.map(([name]) => name)),
    groupTable('category', articles, (item) => item.record.category, ours, lead),
    `${'coherence'.padEnd(30)} ${'opening'.padStart(8)} ${'anywhere'.padStart(10)}   (summaries with a sentence whose referent was dropped)`,
    ...coherence,
  ].join('\n');
}
