import { loadFold } from './summary-data.js';
for (const f of ['01', '02', '03']) {
  const fold = await loadFold(`../shared/data/indosum/dev.${f}.jsonl`);
  for (const a of fold.articles) {
    const t = a.analyzed.sentences[0]?.text ?? '';
    if (/^(\S+\s+){0,6}\S*\s*(-|–|—)/.test(t)) console.log(t.slice(0, 90));
  }
}
