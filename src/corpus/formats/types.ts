import type { Problem, ProblemCode, ProblemParams } from '../article.js';

/** What a format parser extracts from one record, before ids and hashes are assigned. */
export interface ParsedRecord {
  readonly id?: string;
  /** 1-based position among the file's records, counting unreadable ones, so ids stay stable when a neighbour breaks. */
  readonly ordinal: number;
  readonly title: string | null;
  readonly published: string | null;
  readonly source: string | null;
  readonly url: string | null;
  readonly city: string | null;
  readonly category: string | null;
  readonly paragraphs: readonly string[];
  /** A date the record gives that is not a date (`kemarin sore`), as written, and the field it is in: the loader dates the article by its file. */
  readonly unreadableDate?: { readonly field: string; readonly value: string };
}

/** One record that could not be read, within a file that otherwise could. */
export interface RecordProblem extends Problem {
  readonly line?: number;
}

export interface ParsedFile {
  readonly records: readonly ParsedRecord[];
  readonly problems: readonly RecordProblem[];
  /** True when the file holds a list of records (`#n` ids), false for one article. */
  readonly multi: boolean;
}

/** A file its format cannot read; `message` is the English reason. */
export class FormatError extends Error {
  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly line?: number,
    readonly params?: ProblemParams,
  ) {
    super(message);
    this.name = 'FormatError';
  }
}
