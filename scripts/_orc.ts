import { loadFold } from './summary-data.js';
import { documentView } from '../src/summarize/document.js';
import { meanScores, scoreSummary } from './rouge.js';
const fold = await loadFold('../shared/data/indosum/dev.02.jsonl');
for (const K of [3, 4, 5, 6, 8]) {
  const res = fold.articles.map((a) => {
    const v = documentView(a.analyzed, fold.stats);
    const el = v.sentences.filter((s) => s.eligible).slice(0, K);
    let best = { rouge1: -1, rouge2: 0, rougeL: 0 };
    for (let i = 0; i < el.length; i++) for (let j = i + 1; j < el.length; j++) for (let k = j + 1; k < el.length; k++) {
      const r = scoreSummary([el[i]!.text, el[j]!.text, el[k]!.text], a.reference, 'paper');
      if (r.rouge1 > best.rouge1) best = r;
    }
    if (best.rouge1 < 0) best = scoreSummary(el.map((s) => s.text), a.reference, 'paper');
    return best;
  });
  console.log(K, meanScores(res));
}
