export { bodyOccurrences, RankedIndex, type NumberedDocuments, type RankedHit, type RankedParts } from './ranked.js';
export { TitleIndex, type TitleParts } from './titles.js';
export { joinedCount, type JoinedStrings } from './joined-strings.js';
export { bestSnippet } from './snippet.js';
