import { loadFold } from './summary-data.js';
import { summarize } from '../src/summarize/index.js';
import { analyzeArticle, buildCorpusStats } from '../src/text/index.js';
const folds = await Promise.all(['01', '02', '03'].map((f) => loadFold(`../shared/data/indosum/dev.${f}.jsonl`)));
const arts = folds.flatMap((f) => f.articles.map((a) => a.analyzed.article));
for (let r = 0; r < 3; r++) {
  let c = process.cpuUsage();
  const docs = arts.map(analyzeArticle);
  const stats = buildCorpusStats(docs);
  let d = process.cpuUsage(c);
  const analyzeMs = (d.user + d.system) / 1000;
  c = process.cpuUsage();
  for (const doc of docs) summarize(doc, stats);
  d = process.cpuUsage(c);
  console.log(`analyze ${arts.length} articles: ${analyzeMs.toFixed(0)} ms cpu; summarize cold: ${((d.user + d.system) / 1000 / arts.length).toFixed(3)} ms cpu/article`);
}
