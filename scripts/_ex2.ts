import { loadFold, oracleShares } from './summary-data.js';
import { documentView } from '../src/summarize/document.js';
import { scorerFor, summarizeWith } from '../src/summarize/index.js';
import { scoreSummary } from './rouge.js';
const src = process.argv[2]!;
const fold = await loadFold('../shared/data/indosum/dev.02.jsonl');
const fitted = scorerFor('fitted');
let shown = 0;
for (const item of fold.articles) {
  if (item.record.source !== src) continue;
  const view = documentView(item.analyzed, fold.stats);
  const shares = oracleShares(item);
  const scores = fitted.score(view);
  const s = summarizeWith(fitted, item.analyzed, fold.stats, { sentences: 3 });
  const lead = scoreSummary(item.analyzed.sentences.slice(0, 3).map((x) => x.text), item.reference, 'paper').rouge1;
  const r = scoreSummary(s.sentences, item.reference, 'paper');
  if (r.rouge1 >= lead) continue;
  console.log('=====', item.record.id, r.rouge1.toFixed(2), lead.toFixed(2));
  view.sentences.slice(0, 8).forEach((v, i) => console.log(i, v.paragraph, v.eligible ? ' ' : 'X', v.quote[0], shares[i]!.toFixed(1), scores[i]!.toFixed(2), s.sentences.includes(v.text) ? '*' : ' ', v.text.slice(0, 160)));
  console.log('REF:', item.reference.join(' | ').slice(0, 500));
  if (++shown >= 6) break;
}
