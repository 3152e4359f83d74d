export type { Quote } from './quote.js';
export { findQuotes } from './find-quotes.js';
export { SpeakerIndex, buildSpeakerIndex } from './speaker-index.js';
export type { SpeakerEntry, SpeakerLookup } from './speaker-index.js';
export { fold } from '../text/fold.js';
