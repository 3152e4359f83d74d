export { RankedIndex, type NumberedDocuments, type RankedHit } from './ranked.js';
export { TitleIndex } from './titles.js';
export { bestSnippet } from './snippet.js';
