/** One news article as plain data: what every format is read into. */
export interface Article {
  /** Stable id: the file name without extension, plus `#n` for the n-th record of a multi-article file without an id of its own. */
  readonly id: string;
  readonly title: string;
  /** ISO 8601 with offset, e.g. `2023-09-14T20:22:00+07:00`, or null when the source gives no date. */
  readonly published: string | null;
  /** The outlet, only when the text names it. */
  readonly source: string | null;
  readonly url: string | null;
  /** The dateline city, e.g. `MOSKOW`. */
  readonly city: string | null;
  readonly category: string | null;
  /** Body paragraphs, boilerplate, captions, dateline and editor initials removed. */
  readonly paragraphs: readonly string[];
  /** sha256 (hex) of the title and paragraphs: identifies the content, not the file. */
  readonly contentHash: string;
  /** Path of the file it came from, relative to the corpus directory. */
  readonly file: string;
}

/** What kind of problem, for the replies to say it in the reader's language (`corpus.problems.<code>` in src/i18n/locales). */
export type ProblemCode =
  | 'permission_denied' | 'symlink_loop' | 'broken_symlink' | 'vanished' | 'is_directory' | 'io_error' | 'unreadable'
  | 'named_pipe' | 'socket' | 'device_file'
  | 'too_large' | 'over_limit' | 'empty' | 'binary' | 'not_utf8' | 'directory_cycle' | 'directory_unreadable'
  | 'unsupported_type' | 'no_extension' | 'parse_failed' | 'duplicate_id' | 'not_found' | 'malformed_json' | 'invalid_record'
  | 'bad_date' | 'front_matter_unclosed' | 'front_matter_line' | 'record_no_text' | 'no_text' | 'no_article_text'
  | 'no_text_after_title' | 'date_unreadable' | 'corpus_missing' | 'corpus_not_directory' | 'corpus_denied' | 'corpus_unreadable';

export type ProblemParams = Readonly<Record<string, string | number>>;

/** A problem before it is tied to a file: its code and params, and `reason`, the same in English for logs and the CLI. */
export interface Problem {
  readonly code: ProblemCode;
  readonly params?: ProblemParams;
  readonly reason: string;
}

/** Why a file (or one record of it) was not read. */
export interface LoadProblem extends Problem {
  readonly file: string;
  /** 1-based line for JSON Lines records. */
  readonly line?: number;
  /** A file skipped for its type rather than for being broken. */
  readonly ignored?: boolean;
  /** The article was read all the same (its date could not be, so its file's time dates it): a warning, not a broken file. */
  readonly loaded?: boolean;
}

/** A problem that cost articles: neither a file skipped for its type nor a warning about an article that was read. */
export function isBroken(problem: LoadProblem): boolean {
  return problem.ignored !== true && problem.loaded !== true;
}

/** How many files could not be read; a corpus folder that could not be read at all is told apart, not counted. */
export function unreadableFileCount(problems: readonly LoadProblem[]): number {
  return new Set(problems.filter((p) => isBroken(p) && !p.code.startsWith('corpus_')).map((p) => p.file)).size;
}
