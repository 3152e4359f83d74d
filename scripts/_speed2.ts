import { loadFold } from './summary-data.js';
import { documentView, surfaceForms } from '../src/summarize/document.js';
import { inverseDocumentFrequency } from '../src/text/index.js';
const fold = await loadFold('../shared/data/indosum/dev.01.jsonl');
const views = fold.articles.map((a) => documentView(a.analyzed, fold.stats));
const time = (name: string, f: (i: number) => unknown) => { const t = performance.now(); for (let i = 0; i < views.length; i++) f(i); console.log(name, ((performance.now() - t) / views.length).toFixed(3)); };
for (let r = 0; r < 2; r++) {
time('rank', (i) => [...views[i]!.analyzed.termFrequencies].map(([term, tf]) => ({ term, score: tf * inverseDocumentFrequency(fold.stats, term) })).sort((a, b) => b.score - a.score));
time('surf', (i) => surfaceForms(views[i]!, new Set(['x', 'y'])));
time('pairs', (i) => { let c = 0; for (const s of views[i]!.sentences) for (const t of s.tokens) if (/^\p{Lu}\p{Ll}/u.test(t)) c++; return c; });
}
