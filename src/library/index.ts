export type { Library, LibraryHolder, LibraryStats, ReloadFailure, ReloadReport, SearchHit, SpeakerQuote, SwapListener, TitleChoice } from './types.js';
export { SUMMARY_SENTENCES, SEARCH_HITS, clampSentences } from './limits.js';
export { assembleLibrary, buildLibrary } from './library.js';
export { CorpusReloader } from './reloader.js';
export { corpusFolder, namedPaths, type CorpusSource } from './source.js';
export { openLibrary, type LibraryOptions, type LoadCounts, type OpenedLibrary } from './open.js';
