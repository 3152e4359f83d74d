import type { Article, LoadProblem, Problem } from '../corpus/article.js';
import type { Quote, SpeakerEntry, SpeakerIndex, SpeakerLookup } from '../quotes/index.js';
import type { Summary } from '../summarize/index.js';

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

/** One of a speaker's quotes with the article it is in. */
export interface SpeakerQuote {
  readonly text: string;
  readonly role: string | null;
  readonly partial: boolean;
  readonly article: Article | undefined;
}

/** Everything an answer needs, computed once per corpus load; immutable. */
export interface Library {
  /** Newest first by `published`, then by id. */
  readonly articles: readonly Article[];
  readonly problems: readonly LoadProblem[];
  readonly loadedAt: Date;
  readonly stats: LibraryStats;
  get(id: string): Article | undefined;
  /** The article someone named: the newest when nothing is named, else by id, else the best title match. */
  findArticle(query: string | null): Article | undefined;
  /** Memoised per library; the sentence count is clamped to SUMMARY_SENTENCES. */
  summary(id: string, sentences: number): Summary | undefined;
  search(query: string, limit: number): SearchHit[];
  titleAutocomplete(query: string, limit: number): TitleChoice[];
  readonly speakers: SpeakerIndex;
  /** The speaker someone named: by id (what autocomplete sends), else the index's forgiving lookup of typed text. */
  findSpeaker(query: string): SpeakerLookup;
  speakerById(id: string): SpeakerEntry | undefined;
  /**
   * A speaker's quotes, newest article first and in reading order within one; the same array on every call, so pages cut
   * from it stay valid. Across the library, quotes an article repeats from a duplicate of it (an article carrying nearly
   * the same quotes: the same story re-titled or copied) count once.
   */
  quotesBy(speakerId: string, articleId?: string): readonly SpeakerQuote[];
  /** The ids of the articles a speaker is quoted in, one of each set of duplicated articles. */
  articlesQuoting(speakerId: string): ReadonlySet<string>;
  /** Groups the given articles that tell the same story (near-duplicates, src/library/near-duplicates.ts), each in the given order. */
  nearDuplicateGroups(articles: readonly Article[]): readonly (readonly Article[])[];
  quotesIn(articleId: string): readonly Quote[];
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

/** Why a reload kept the previous corpus, for the replies to say it in the reader's language (`reload.failures.<code>`). */
export type ReloadFailure =
  | { readonly code: 'unavailable'; readonly problem: Problem }
  | { readonly code: 'nothing_readable' }
  | { readonly code: 'build_failed'; readonly detail: string };

export interface ReloadReport {
  readonly ok: boolean;
  /** Why a failed reload kept the previous corpus, in English (logs, CLI); `failure` says the same as a code. */
  readonly error?: string;
  readonly failure?: ReloadFailure;
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  /** Articles whose file broke since the last load: their previous version stays in the corpus. */
  readonly kept: readonly string[];
  readonly problems: readonly LoadProblem[];
  readonly articles: number;
  readonly durationMs: number;
}

export type SwapListener<T> = (next: T, previous: T, report: ReloadReport) => void;

/** Holds the current library and swaps it atomically on reload. */
export interface LibraryHolder {
  current(): Library;
  /** Reads the corpus again; concurrent calls share one run, so anyone (a moderator, a notice from another process) may ask. */
  reload(): Promise<ReloadReport>;
  /** Reads only these files (relative to the corpus folder) and merges them in, through the same swap and report as a reload. */
  takeIn(files: readonly string[]): Promise<ReloadReport>;
  /** Called after every successful swap (digests learn of new articles this way). */
  onSwap(listener: SwapListener<Library>): void;
}
