export type { Quote } from './quote.js';
export { findQuotes } from './find-quotes.js';
export { clearDictionaryAnswers } from './dictionary.js';
export { SpeakerIndex, buildSpeakerIndex } from './speaker-index.js';
export type { SpeakerEntry, SpeakerLookup, SpeakerParts, SpeakerTables } from './speaker-index.js';
export { attributionLine, groupByArticle } from './presentation.js';
export type { ArticleGroup } from './presentation.js';
export { fold } from '../text/fold.js';
