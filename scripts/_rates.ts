import { loadFold, oracleShares } from './summary-data.js';
import { documentView } from '../src/summarize/document.js';
const fold = await loadFold('../shared/data/indosum/dev.01.jsonl');
const m = new Map<string, [number, number]>();
const add = (k: string, y: number) => { const v = m.get(k) ?? [0, 0]; v[0] += y; v[1]++; m.set(k, v); };
for (const item of fold.articles) {
  const v = documentView(item.analyzed, fold.stats);
  const sh = oracleShares(item);
  let elig = 0;
  v.sentences.forEach((s, i) => {
    const inPara = v.sentences.filter((x) => x.paragraph === s.paragraph).findIndex((x) => x.index === i);
    if (s.eligible) { add(`e${Math.min(elig, 6)}`, sh[i]!); elig++; }
    if (s.paragraph < 4) add(`p${s.paragraph}s${Math.min(inPara, 3)}`, sh[i]!);
    add(`q_${s.quote}`, sh[i]!);
  });
}
console.log([...m].sort().map(([k, [a, b]]) => `${k}: ${(a / b).toFixed(2)} (${b})`).join('\n'));
