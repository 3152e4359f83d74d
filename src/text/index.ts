export { splitSentences, type TextSpan } from './sentences.js';
export { tokenize } from './tokenize.js';
export { stemWord } from './stem.js';
export { isStopword } from './stopwords.js';
export { terms } from './terms.js';
export { fold } from './fold.js';
export { datelineLength } from './dateline.js';
export { analyzeArticle, type AnalyzedArticle, type AnalyzedSentence } from './analyze.js';
export { buildCorpusStats, inverseDocumentFrequency, type CorpusStats } from './corpus-stats.js';
