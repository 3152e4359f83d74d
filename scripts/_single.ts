import { loadFold } from './summary-data.js';
import { summarize } from '../src/summarize/index.js';
import { buildCorpusStats } from '../src/text/index.js';
import { meanScores, scoreSummary } from './rouge.js';
const fold = await loadFold('../shared/data/indosum/dev.02.jsonl');
const a = meanScores(fold.articles.map((x) => scoreSummary(summarize(x.analyzed, fold.stats).sentences, x.reference, 'paper')));
const b = meanScores(fold.articles.map((x) => scoreSummary(summarize(x.analyzed, buildCorpusStats([x.analyzed])).sentences, x.reference, 'paper')));
console.log('fold stats', a, 'single-article stats', b);
