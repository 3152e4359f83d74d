import { loadFold } from './summary-data.js';
import { documentView } from '../src/summarize/document.js';
import { sentenceFeatures } from '../src/summarize/features.js';
import { centralityScores } from '../src/summarize/centrality.js';
import { keywords } from '../src/summarize/keywords.js';
import { summarize } from '../src/summarize/index.js';
import { analyzeArticle, buildCorpusStats } from '../src/text/index.js';
const fold = await loadFold('../shared/data/indosum/dev.01.jsonl');
const arts = fold.articles.map((a) => a.analyzed.article);
for (let r = 0; r < 3; r++) {
  const docs = arts.map(analyzeArticle);
  const stats = buildCorpusStats(docs);
  const T = { view: 0, cent: 0, feat: 0, kw: 0, sum: 0 };
  const per: number[] = [];
  for (const d of docs) {
    const t0 = performance.now();
    const v = documentView(d, stats);
    const t1 = performance.now();
    centralityScores(v);
    const t2 = performance.now();
    sentenceFeatures(v);
    const t3 = performance.now();
    keywords(v);
    const t4 = performance.now();
    T.view += t1 - t0; T.cent += t2 - t1; T.feat += t3 - t2; T.kw += t4 - t3;
  }
  const docs2 = arts.map(analyzeArticle);
  for (const d of docs2) { const t = performance.now(); summarize(d, stats); per.push(performance.now() - t); }
  per.sort((a, b) => a - b);
  const n = docs.length;
  console.log(Object.entries(T).map(([k, v]) => `${k} ${(v / n).toFixed(3)}`).join(' '), 'summarize cold median', per[n >> 1]!.toFixed(3), 'p90', per[Math.floor(n * 0.9)]!.toFixed(3), 'max', per[n - 1]!.toFixed(2));
}
