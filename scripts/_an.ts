import { loadFold, oracleShares } from './summary-data.js';
import { documentView } from '../src/summarize/document.js';
import { scorerFor, summarizeWith } from '../src/summarize/index.js';
import { selectSentences } from '../src/summarize/select.js';
import { meanScores, scoreSummary } from './rouge.js';
const fold = await loadFold('../shared/data/indosum/dev.01.jsonl');
const fitted = scorerFor('fitted');
const pos = new Map<string, number>();
const res: any[] = [], orc: any[] = [], orcAll: any[] = [];
let ineligibleGold = 0, goldTotal = 0;
for (const item of fold.articles) {
  const view = documentView(item.analyzed, fold.stats);
  const shares = oracleShares(item);
  const s = summarizeWith(fitted, item.analyzed, fold.stats, { sentences: 3 });
  const idx = s.sentences.map((t) => view.sentences.findIndex((v) => v.text === t));
  pos.set(idx.join(','), (pos.get(idx.join(',')) ?? 0) + 1);
  const o = selectSentences(view, shares, 3, 2);
  orc.push(scoreSummary(o.map((i) => view.sentences[i]!.text), item.reference, 'paper'));
  const oa = shares.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, 3).map((x) => x[1]).sort((a, b) => a - b);
  orcAll.push(scoreSummary(oa.map((i) => view.sentences[i]!.text), item.reference, 'paper'));
  view.sentences.forEach((v, i) => { if ((shares[i] ?? 0) > 0.5) { goldTotal++; if (!v.eligible) ineligibleGold++; } });
}
console.log('oracle eligible', meanScores(orc), 'oracle all', meanScores(orcAll));
console.log('gold sentences ineligible', ineligibleGold, goldTotal);
console.log([...pos].sort((a, b) => b[1] - a[1]).slice(0, 15));
