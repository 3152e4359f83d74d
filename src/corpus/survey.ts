import { statSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { normalize, relative, resolve, sep } from 'node:path';
import type { LoadProblem, Problem } from './article.js';
import { stampOf, type FileStamp } from './file-stamps.js';
import { notRegularFile } from './read.js';

// The corpus folder's files and their stamps, without reading any: what a restart's worker thread takes, so it imports no parser.

/**
 * The files of a corpus folder and the stamp each had before any was read, in a form that crosses to another thread
 * cheaply (taken on a worker thread at restart, while the main thread decodes the restart snapshot).
 */
export interface CorpusSurvey {
  readonly dir: string;
  /** Relative names, one a line, in reading order. */
  readonly names: string;
  readonly count: number;
  /** Size, modification and status-change time of each file; NaN for a file not stamped (modified too recently, or gone). */
  readonly stamps: Float64Array;
  readonly problems: readonly LoadProblem[];
}

/** The corpus directory itself is missing or unreadable: the load failed as a whole. */
export class CorpusUnavailableError extends Error {
  override name = 'CorpusUnavailableError';
  constructor(readonly problem: Problem) {
    super(problem.reason);
  }
}

export interface FoundFile {
  readonly path: string;
  /** Relative to the root it was found under, with `/` separators. */
  readonly name: string;
}

export const toPosix = (path: string): string => path.split(sep).join('/');

/** `join(dir, name)` for many names (`/`-separated) under one folder, the folder normalised once instead of per name. */
function pathUnder(dir: string): (name: string) => string {
  const base = normalize(dir);
  const lead = base === '.' ? '' : base.endsWith(sep) ? base : base + sep;
  return sep === '/' ? (name) => lead + name : (name) => lead + name.split('/').join(sep);
}

export async function walk(root: string, problems: LoadProblem[]): Promise<FoundFile[]> {
  const files: FoundFile[] = [];
  const visited = new Set<string>();
  // names by concatenation: path.relative per file cost a quarter million files most of a second
  const visit = async (dir: string, prefix: string): Promise<void> => {
    const real = await realpath(dir);
    if (visited.has(real)) {
      problems.push({ file: toPosix(relative(root, dir)) || '.', code: 'directory_cycle', reason: 'is a directory already read (symbolic link cycle); skipped' });
      return;
    }
    visited.add(real);
    const entries = await readdir(dir, { withFileTypes: true });
    const inDir = pathUnder(dir);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = inDir(entry.name);
      const name = prefix + entry.name;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      let special = notRegularFile(entry);
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(path);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
          special = notRegularFile(target);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          problems.push(
            code === 'ELOOP'
              ? { file: name, code: 'symlink_loop', reason: 'is a symbolic link loop' }
              : { file: name, code: 'broken_symlink', reason: 'is a broken symbolic link' },
          );
          continue;
        }
      }
      if (special !== undefined) problems.push({ file: name, ...special });
      else if (isDirectory) {
        try {
          await visit(path, `${name}/`);
        } catch (error) {
          const detail = (error as NodeJS.ErrnoException).code ?? String(error);
          problems.push({ file: name, code: 'directory_unreadable', params: { detail }, reason: `directory cannot be read: ${detail}` });
        }
      } else if (isFile) files.push({ path, name });
    }
  };
  await visit(root, '');
  return files;
}

/** Stamps taken before the read (`stampIfReadable` now, or a survey's). */
export type StampOf = (file: FoundFile, index: number) => FileStamp | undefined;

/** Stamps each file as it is reached. */
export function stampNow(): StampOf {
  const now = Date.now();
  return (file) => stampIfReadable(file, now);
}

/** Walks a corpus folder and stamps every file (see CorpusSurvey); throws CorpusUnavailableError as loadCorpus does. */
export async function surveyCorpus(dir: string): Promise<CorpusSurvey> {
  const { files, problems } = await findFiles(dir);
  const stamps = new Float64Array(files.length * 3).fill(Number.NaN);
  const stamp = stampNow();
  files.forEach((file, i) => {
    const found = stamp(file, i);
    if (found !== undefined) stamps.set([found.size, found.mtimeMs, found.ctimeMs], i * 3);
  });
  return { dir, names: files.map((file) => file.name).join('\n'), count: files.length, stamps, problems };
}

/** A survey's files and stamps, when it is of this folder and whole. */
export function surveyed(dir: string, survey: CorpusSurvey | undefined): { files: FoundFile[]; problems: LoadProblem[]; stampOf: StampOf } | undefined {
  if (survey === undefined || resolve(survey.dir) !== resolve(dir)) return undefined;
  const names = survey.count === 0 ? [] : survey.names.split('\n');
  if (names.length !== survey.count || survey.stamps.length !== survey.count * 3) return undefined;
  const { stamps } = survey;
  const stampOf: StampOf = (file, i) => {
    const size = stamps[i * 3] as number;
    return Number.isNaN(size) ? undefined : { name: file.name, size, mtimeMs: stamps[i * 3 + 1] as number, ctimeMs: stamps[i * 3 + 2] as number };
  };
  const inDir = pathUnder(dir);
  return { files: names.map((name) => ({ path: inDir(name), name })), problems: [...survey.problems], stampOf };
}

function stampIfReadable(file: FoundFile, now: number): FileStamp | undefined {
  try {
    return stampOf(file.name, statSync(file.path), now);
  } catch {
    return undefined;
  }
}

/** Every file under a corpus directory, in reading order, and what could not be walked. */
export async function findFiles(dir: string): Promise<{ files: FoundFile[]; problems: LoadProblem[] }> {
  const problems: LoadProblem[] = [];
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) {
      throw new CorpusUnavailableError({ code: 'corpus_not_directory', params: { dir }, reason: `corpus directory ${dir} is not a directory` });
    }
    return { files: await walk(dir, problems), problems };
  } catch (error) {
    if (error instanceof CorpusUnavailableError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CorpusUnavailableError({ code: 'corpus_missing', params: { dir }, reason: `corpus directory ${dir} does not exist` });
    if (code === 'EACCES') {
      throw new CorpusUnavailableError({ code: 'corpus_denied', params: { dir }, reason: `corpus directory ${dir} cannot be read (permission denied)` });
    }
    const detail = String(error);
    throw new CorpusUnavailableError({ code: 'corpus_unreadable', params: { dir, detail }, reason: `corpus directory ${dir} cannot be read (${detail})` });
  }
}
