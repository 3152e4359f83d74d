export type { Article, LoadProblem, Problem, ProblemCode, ProblemParams } from './article.js';
export { loadArticles, loadCorpus, loadCorpusFiles, SUPPORTED_EXTENSIONS, DEFAULT_MAX_ARTICLE_BYTES } from './load.js';
export type { LoadOptions, LoadResult } from './load.js';
export { surveyCorpus, CorpusUnavailableError, type CorpusSurvey } from './survey.js';
export { CorpusSnapshot, compareArticles, diffSnapshots } from './snapshot.js';
export type { CorpusStats, SnapshotDiff } from './snapshot.js';
export { parseIndonesianDate, normalizeDate } from './dates.js';
export { sameStamp, type EarlierReadings, type FileReading, type FileStamp } from './file-stamps.js';
export { StoredArticle, paragraphCount, type ParagraphStore } from './stored-article.js';
