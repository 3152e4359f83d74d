import { stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { isBroken, type Article, type LoadProblem } from './article.js';
import type { EarlierReadings, FileReading, FileStamp } from './file-stamps.js';
import { contentHash } from './hash.js';
import { displayTitle } from './title.js';
import { notRegularFile, readTextFile } from './read.js';
import { parseJson, parseJsonLines } from './formats/json.js';
import { parseMarkdown } from './formats/markdown.js';
import { parseScrapedText } from './formats/scraped-text.js';
import { FormatError, type ParsedFile, type ParsedRecord } from './formats/types.js';
import { findFiles, stampNow, surveyed, toPosix, walk, type CorpusSurvey, type FoundFile, type StampOf } from './survey.js';

export const DEFAULT_MAX_ARTICLE_BYTES = 5 * 1024 * 1024;

const parsers: Readonly<Record<string, (text: string) => ParsedFile>> = {
  '.txt': parseScrapedText,
  '.md': parseMarkdown,
  '.markdown': parseMarkdown,
  '.json': parseJson,
  '.jsonl': parseJsonLines,
  '.ndjson': parseJsonLines,
};

export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(parsers);

export interface LoadOptions {
  readonly maxBytes?: number;
  /** Told how many files will be read before reading starts (the library starts its analysis threads then). */
  readonly onFilesFound?: (count: number) => void;
  /** What an earlier run read (loadCorpus only): a file with the same stamp is taken from it instead of read again. */
  readonly earlier?: EarlierReadings;
  /** The folder's files and their stamps taken ahead (loadCorpus only, `surveyCorpus`); undefined: walk the folder now. */
  readonly survey?: Promise<CorpusSurvey | undefined>;
}

export interface LoadResult {
  readonly articles: Article[];
  /** Files and records that were not read, and files ignored for their type (`ignored: true`). */
  readonly problems: LoadProblem[];
  /**
   * loadCorpus only: the stamp of every file whose reading can be reused by a later run (not one modified in the last
   * seconds, nor one with a broken or duplicate record: those are always read again).
   */
  readonly stamps?: readonly FileStamp[];
  /** Files taken from `earlier` instead of read. */
  readonly reusedFiles?: number;
}

function baseId(name: string): string {
  const extension = extname(name);
  return extension === '' ? name : name.slice(0, -extension.length);
}

function readOne(file: FoundFile, maxBytes: number): FileReading {
  const extension = extname(file.name).toLowerCase();
  const parse = parsers[extension];
  if (parse === undefined) {
    const problem: LoadProblem =
      extension === ''
        ? { file: file.name, code: 'no_extension', reason: 'unsupported file type (no extension); ignored', ignored: true }
        : { file: file.name, code: 'unsupported_type', params: { extension }, reason: `unsupported file type (${extension}); ignored`, ignored: true };
    return { articles: [], problems: [problem] };
  }
  const read = readTextFile(file.path, maxBytes);
  if (!read.ok) {
    const { ok: _ok, ...problem } = read;
    return { articles: [], problems: [{ file: file.name, ...problem }] };
  }
  let parsed: ParsedFile;
  try {
    parsed = parse(read.text);
  } catch (error) {
    if (error instanceof FormatError) {
      const problem: LoadProblem = { file: file.name, code: error.code, reason: error.message, ...(error.params === undefined ? {} : { params: error.params }) };
      return { articles: [], problems: [error.line === undefined ? problem : { ...problem, line: error.line }] };
    }
    return { articles: [], problems: [{ file: file.name, code: 'parse_failed', params: { detail: String(error) }, reason: `could not be parsed: ${String(error)}` }] };
  }
  const id = baseId(file.name);
  const fileTime = new Date(read.modifiedMs).toISOString();
  const problems = parsed.problems.map((p): LoadProblem => ({ file: file.name, ...p }));
  const articles = parsed.records.map((record): Article => {
    const title = record.title ?? displayTitle(record.paragraphs);
    if (record.unreadableDate !== undefined) problems.push(unreadableDateProblem(file.name, record, parsed.multi, fileTime));
    return {
      id: record.id ?? (parsed.multi ? `${id}#${record.ordinal}` : id),
      title,
      published: record.published ?? (record.unreadableDate === undefined ? null : fileTime),
      source: record.source,
      url: record.url,
      city: record.city,
      category: record.category,
      paragraphs: record.paragraphs,
      contentHash: contentHash(title, record.paragraphs),
      file: file.name,
    };
  });
  return { articles, problems };
}

/** A date that is not one (`date: kemarin sore`): named with the file, the article dated by the file's time instead of left undated. */
function unreadableDateProblem(file: string, record: ParsedRecord, multi: boolean, fileTime: string): LoadProblem {
  const { field, value } = record.unreadableDate as NonNullable<ParsedRecord['unreadableDate']>;
  const shown = JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  const reason = `${field} ${shown} is not a date; dated by the file's time (${fileTime}) instead`;
  return {
    file,
    code: 'date_unreadable',
    params: { field, value: shown, fileTime, ...(multi ? { record: record.ordinal } : {}) },
    reason: multi ? `article ${record.ordinal}: ${reason}` : reason,
    loaded: true,
  };
}

/** Files read between two yields to the event loop, so a reload never stalls the bot for long. */
const FILES_PER_SLICE = 64;

async function readAll(files: readonly FoundFile[], options: LoadOptions, stampOf?: StampOf): Promise<LoadResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
  const results: FileReading[] = [];
  const stamps = new Map<string, FileStamp>();
  let reusedFiles = 0;
  for (let index = 0; index < files.length; index++) {
    if (index > 0 && index % FILES_PER_SLICE === 0) await nextTurn();
    const file = files[index];
    if (file === undefined) continue;
    // stat before the read: a change after it gives another stamp next time, so it is read again then
    const stamp = stampOf?.(file, index);
    const earlier = stamp === undefined ? undefined : options.earlier?.reading(stamp);
    if (earlier !== undefined) reusedFiles++;
    const reading = earlier ?? readOne(file, maxBytes);
    results.push(reading);
    if (stamp !== undefined && !reading.problems.some(isBroken)) stamps.set(stamp.name, stamp);
  }

  const articles: Article[] = [];
  const problems: LoadProblem[] = [];
  const seen = new Map<string, string>();
  for (const result of results) {
    problems.push(...result.problems);
    for (const article of result.articles) {
      const first = seen.get(article.id);
      if (first !== undefined) {
        problems.push({
          file: article.file,
          code: 'duplicate_id',
          params: { id: article.id, first },
          reason: `duplicate article id "${article.id}" (already read from ${first}); skipped`,
        });
        // which of the two is kept depends on the other file: both are read again next time
        stamps.delete(article.file);
        stamps.delete(first);
        continue;
      }
      seen.set(article.id, article.file);
      articles.push(article);
    }
  }
  return stampOf !== undefined ? { articles, problems, stamps: [...stamps.values()], reusedFiles } : { articles, problems };
}

/** Reads every supported file under a corpus directory; throws CorpusUnavailableError only when the directory itself cannot be read. */
export async function loadCorpus(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const ahead = surveyed(dir, await options.survey);
  const { files, problems } = ahead ?? (await findFiles(dir));
  options.onFilesFound?.(files.length);
  const result = await readAll(files, options, ahead?.stampOf ?? stampNow());
  return { ...result, problems: [...problems, ...result.problems] };
}

/**
 * Reads some files of a corpus directory, named relative to it (`feeds/host/id.json`), exactly as loadCorpus reads them
 * (same names, so the same ids); a file that is gone yields nothing (its articles leave the corpus), and a name outside
 * the directory or hidden (a temporary file) is not read.
 */
export async function loadCorpusFiles(dir: string, names: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const files: FoundFile[] = [];
  const problems: LoadProblem[] = [];
  for (const raw of new Set(names)) {
    const name = toPosix(raw);
    const segments = name.split('/');
    if (name === '' || isAbsolute(name) || segments.some((s) => s === '' || s === '..' || s.startsWith('.'))) continue;
    try {
      const info = await stat(join(dir, name));
      const special = notRegularFile(info);
      if (special !== undefined) problems.push({ file: name, ...special });
      else if (info.isFile()) files.push({ path: join(dir, name), name });
    } catch {
      // gone since it was named: a reload would not find it either
    }
  }
  options.onFilesFound?.(files.length);
  const result = await readAll(files, options);
  return { articles: result.articles, problems: [...problems, ...result.problems] };
}

/** Reads files and directories named on a command line; a missing path is a problem, not a failure. */
export async function loadArticles(paths: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const problems: LoadProblem[] = [];
  const files: FoundFile[] = [];
  for (const path of paths) {
    try {
      const info = await stat(path);
      const special = notRegularFile(info);
      if (special !== undefined) problems.push({ file: path, ...special });
      else if (info.isDirectory()) files.push(...(await walk(path, problems)));
      else files.push({ path, name: basename(path) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const detail = code ?? String(error);
      problems.push(
        code === 'ENOENT'
          ? { file: path, code: 'not_found', reason: 'does not exist' }
          : code === 'ELOOP'
            ? { file: path, code: 'symlink_loop', reason: 'is a symbolic link loop' }
            : { file: path, code: 'unreadable', params: { detail }, reason: `cannot be read (${detail})` },
      );
    }
  }
  options.onFilesFound?.(files.length);
  const result = await readAll(files, options);
  return { articles: result.articles, problems: [...problems, ...result.problems] };
}
