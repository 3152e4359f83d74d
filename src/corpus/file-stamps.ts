import type { Stats } from 'node:fs';
import type { Article, LoadProblem } from './article.js';

/** What tells a file unchanged since it was read: its size and its modification and status-change times. */
export interface FileStamp {
  /** Relative to the corpus folder, with `/` separators. */
  readonly name: string;
  readonly size: number;
  readonly mtimeMs: number;
  /** Changes on every write and cannot be set back (as a copy or an archive can set the modification time). */
  readonly ctimeMs: number;
}

/** What reading one file gave: its articles and its own problems. */
export interface FileReading {
  readonly articles: readonly Article[];
  readonly problems: readonly LoadProblem[];
}

/** Files read by an earlier run: the reading of a file whose stamp is the same, so that it is not read again. */
export interface EarlierReadings {
  reading(stamp: FileStamp): FileReading | undefined;
}

/** A file modified this recently could change again within the clock's resolution and keep its stamp: it is not stamped. */
const SETTLED_MS = 2_000;

/** The stamp of a file that can be trusted at the next start, or undefined for a file modified too recently. */
export function stampOf(name: string, info: Pick<Stats, 'size' | 'mtimeMs' | 'ctimeMs'>, now = Date.now()): FileStamp | undefined {
  if (now - Math.max(info.mtimeMs, info.ctimeMs) < SETTLED_MS) return undefined;
  return { name, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs };
}

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.name === b.name && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}
