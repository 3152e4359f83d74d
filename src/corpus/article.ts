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

/** Why a file (or one record of it) was not read. */
export interface LoadProblem {
  readonly file: string;
  readonly reason: string;
  /** 1-based line for JSON Lines records. */
  readonly line?: number;
  /** A file skipped for its type rather than for being broken. */
  readonly ignored?: boolean;
}
