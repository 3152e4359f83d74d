import { loadFold } from './summary-data.js';
import { scorerFor, summarizeWith } from '../src/summarize/index.js';
import { meanScores, scoreSummary, rougeTokens } from './rouge.js';
const fold = await loadFold('../shared/data/indosum/dev.02.jsonl');
const f = scorerFor('fitted');
const sums = fold.articles.map((a) => summarizeWith(f, a.analyzed, fold.stats, { sentences: 3 }).sentences);
const variants: Record<string, (s: string) => string> = {
  none: (s) => s,
  dates: (s) => s.replace(/\s*\(\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\)/g, ''),
  allParens: (s) => s.replace(/\s*\([^()]*\)/g, ''),
};
for (const [name, fn] of Object.entries(variants)) {
  const r = meanScores(fold.articles.map((a, i) => scoreSummary(sums[i]!.map(fn), a.reference, 'paper')));
  console.log(name, r);
}
const len = (ss: string[]) => ss.reduce((a, s) => a + rougeTokens(s).length, 0);
console.log('our len', sums.reduce((a, s) => a + len(s), 0) / sums.length, 'ref len', fold.articles.reduce((a, x) => a + len(x.reference), 0) / sums.length);
