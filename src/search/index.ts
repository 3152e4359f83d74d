export { RankedIndex, type RankedHit } from './ranked.js';
export { TitleIndex } from './titles.js';
export { bestSnippet, clip } from './snippet.js';
