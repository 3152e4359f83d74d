import { loadFold, oracleShares } from './summary-data.js';
import { scorerFor, summarizeWith } from '../src/summarize/index.js';
import { documentView } from '../src/summarize/document.js';
import { selectSentences } from '../src/summarize/select.js';
import { scoreSummary } from './rouge.js';
const by = new Map<string, number[][]>();
for (const f of ['02']) {
  const fold = await loadFold(`../shared/data/indosum/dev.${f}.jsonl`);
  for (const a of fold.articles) {
    const s = summarizeWith(scorerFor('fitted'), a.analyzed, fold.stats, { sentences: 3 }).sentences;
    const v = documentView(a.analyzed, fold.stats);
    const lead = a.analyzed.sentences.slice(0, 3).map((x) => x.text);
    const o = selectSentences(v, oracleShares(a), 3, 2).map((i) => v.sentences[i]!.text);
    const r = [s, lead, o].map((x) => scoreSummary(x, a.reference, 'paper').rouge1);
    const k = a.record.source;
    by.set(k, [...(by.get(k) ?? []), r]);
  }
}
for (const [k, v] of by) console.log(k.padEnd(16), v.length, [0, 1, 2].map((q) => (100 * v.reduce((a, r) => a + r[q]!, 0) / v.length).toFixed(1)).join(' '));
