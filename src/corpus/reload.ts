import type { Article, LoadProblem, Problem } from './article.js';
import { CorpusUnavailableError, type LoadResult } from './load.js';
import { CorpusSnapshot, diffSnapshots } from './snapshot.js';
import { messageOf } from '../error-message.js';

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

type Listener<T> = (next: T, previous: T, report: ReloadReport) => void;

/**
 * Holds the current value built from a corpus snapshot; a reload builds the next one aside and swaps one reference,
 * so readers always see a whole corpus. Concurrent reloads share one run.
 */
export class CorpusReloader<T> {
  #snapshot: CorpusSnapshot;
  #value: T;
  #running: Promise<ReloadReport> | null = null;
  readonly #listeners: Listener<T>[] = [];

  private constructor(
    private readonly load: () => Promise<LoadResult>,
    private readonly build: (snapshot: CorpusSnapshot) => T | Promise<T>,
    snapshot: CorpusSnapshot,
    value: T,
  ) {
    this.#snapshot = snapshot;
    this.#value = value;
  }

  /** Loads once; a corpus that cannot be read at all starts empty with the reason as a problem rather than failing. */
  static async open<T>(load: () => Promise<LoadResult>, build: (snapshot: CorpusSnapshot) => T | Promise<T>): Promise<CorpusReloader<T>> {
    let snapshot: CorpusSnapshot;
    try {
      const result = await load();
      snapshot = new CorpusSnapshot(result.articles, result.problems);
    } catch (error) {
      snapshot = new CorpusSnapshot([], [{ file: '.', ...problemOf(error) }]);
    }
    return new CorpusReloader(load, build, snapshot, await build(snapshot));
  }

  current(): T {
    return this.#value;
  }

  snapshot(): CorpusSnapshot {
    return this.#snapshot;
  }

  onSwap(listener: Listener<T>): void {
    this.#listeners.push(listener);
  }

  reload(): Promise<ReloadReport> {
    this.#running ??= this.#reload().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #reload(): Promise<ReloadReport> {
    const started = performance.now();
    const previous = this.#snapshot;
    const failed = (error: string, failure: ReloadFailure, problems: readonly LoadProblem[] = []): ReloadReport => ({
      ok: false, error, failure, added: [], changed: [], removed: [], kept: [], problems, articles: previous.size,
      durationMs: performance.now() - started,
    });
    let result: LoadResult;
    try {
      result = await this.load();
    } catch (error) {
      const problem = problemOf(error);
      return failed(`${problem.reason}; the previous corpus is still served`, { code: 'unavailable', problem });
    }
    const { articles, kept } = carryForwardBrokenFiles(previous, result);
    const broken = result.problems.filter((p) => p.ignored !== true);
    if (articles.length === 0 && previous.size > 0 && broken.length > 0) {
      return failed('no article could be read; the previous corpus is still served', { code: 'nothing_readable' }, result.problems);
    }
    const next = new CorpusSnapshot(articles, result.problems);
    let value: T;
    try {
      value = await this.build(next);
    } catch (error) {
      return failed(`building the corpus failed: ${messageOf(error)}`, { code: 'build_failed', detail: messageOf(error) }, result.problems);
    }
    const diff = diffSnapshots(previous, next);
    const report: ReloadReport = {
      ok: true, ...diff, kept, problems: result.problems, articles: next.size, durationMs: performance.now() - started,
    };
    const before = this.#value;
    this.#snapshot = next;
    this.#value = value;
    for (const listener of this.#listeners) listener(value, before, report);
    return report;
  }
}

/** A file that loaded before and is broken now keeps its previous articles: a half-written file must not delete news. */
function carryForwardBrokenFiles(previous: CorpusSnapshot, result: LoadResult): { articles: Article[]; kept: string[] } {
  const brokenFiles = new Set(result.problems.filter((p) => p.ignored !== true && p.line === undefined).map((p) => p.file));
  if (brokenFiles.size === 0) return { articles: result.articles, kept: [] };
  const present = new Set(result.articles.map((a) => a.id));
  const carried = previous.articles.filter((a) => brokenFiles.has(a.file) && !present.has(a.id));
  return { articles: [...result.articles, ...carried], kept: carried.map((a) => a.id).sort() };
}

/** Why the corpus could not be read at all, as a problem. */
function problemOf(error: unknown): Problem {
  if (error instanceof CorpusUnavailableError) return error.problem;
  return { code: 'unreadable', params: { detail: messageOf(error) }, reason: messageOf(error) };
}
