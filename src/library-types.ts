import type { Article, LoadProblem } from './corpus/article.js';
import type { ReloadReport } from './corpus/reload.js';
import type { Summary } from './summarize/index.js';
import type { Quote, SpeakerIndex } from './quotes/index.js';

export interface SearchHit {
  readonly article: Article;
  readonly score: number;
  /** A short excerpt around the best-matching passage. */
  readonly snippet: string;
}

export interface TitleChoice {
  readonly id: string;
  readonly title: string;
  readonly published: string | null;
}

/** Everything an answer needs, computed once per corpus load; immutable. */
export interface Library {
  /** Newest first by `published`, then by id. */
  readonly articles: readonly Article[];
  readonly problems: readonly LoadProblem[];
  readonly loadedAt: Date;
  get(id: string): Article | undefined;
  /** Memoised per library. */
  summary(id: string, sentences: number): Summary | undefined;
  readonly speakers: SpeakerIndex;
  quotesIn(articleId: string): readonly Quote[];
  search(query: string, limit: number): SearchHit[];
  titleAutocomplete(query: string, limit: number): TitleChoice[];
  readonly stats: LibraryStats;
}

export interface LibraryStats {
  readonly articles: number;
  readonly paragraphs: number;
  readonly quotes: number;
  readonly speakers: number;
  readonly sources: number;
  readonly newest: string | null;
  readonly oldest: string | null;
}

/** Holds the current library and swaps it atomically on reload. */
export interface LibraryHolder {
  current(): Library;
  reload(): Promise<ReloadReport>;
  /** Called after every successful swap (digests learn of new articles this way). */
  onSwap(listener: (next: Library, previous: Library, report: ReloadReport) => void): void;
}

export type { ReloadReport };
