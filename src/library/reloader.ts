import { isBroken, type Article, type LoadProblem, type Problem } from '../corpus/article.js';
import { CorpusSnapshot, CorpusUnavailableError, diffSnapshots, type LoadResult } from '../corpus/index.js';
import { messageOf } from '../error-message.js';
import { collectSoon } from './collect-soon.js';
import { SwappingHolder } from './holder.js';
import type { ReloadFailure, ReloadReport, SwapListener } from './types.js';

/**
 * Keeps a value built from the corpus: a reload reads the corpus, builds the next value aside and swaps it in whole,
 * so readers always see a whole corpus. Concurrent reloads share one run.
 */
export class CorpusReloader<T> {
  readonly #holder: SwappingHolder<T>;
  #running: Promise<ReloadReport> | null = null;
  /** Reloads and take-ins run one at a time, each on the corpus the previous one left. */
  #tail: Promise<void> = Promise.resolve();
  readonly #pendingFiles = new Set<string>();
  #queuedTakeIn: Promise<ReloadReport> | null = null;

  private constructor(
    private readonly load: () => Promise<LoadResult>,
    private readonly build: (snapshot: CorpusSnapshot) => T | Promise<T>,
    holder: SwappingHolder<T>,
    private readonly readFiles: ((files: readonly string[]) => Promise<LoadResult>) | undefined,
  ) {
    this.#holder = holder;
  }

  /**
   * Loads once; a corpus that cannot be read at all starts empty with the reason as a problem rather than failing. `readFiles`
   * reads some files of the corpus by name (as `load` names them), for takeIn; without it takeIn reloads everything.
   */
  static async open<T>(
    load: () => Promise<LoadResult>,
    build: (snapshot: CorpusSnapshot) => T | Promise<T>,
    readFiles?: (files: readonly string[]) => Promise<LoadResult>,
  ): Promise<CorpusReloader<T>> {
    let snapshot: CorpusSnapshot;
    try {
      const result = await load();
      snapshot = new CorpusSnapshot(result.articles, result.problems, result.stamps);
    } catch (error) {
      snapshot = new CorpusSnapshot([], [{ file: '.', ...problemOf(error) }]);
    }
    return new CorpusReloader(load, build, new SwappingHolder<T>(snapshot, await build(snapshot)), readFiles);
  }

  current(): T {
    return this.#holder.current();
  }

  snapshot(): CorpusSnapshot {
    return this.#holder.snapshot();
  }

  onSwap(listener: SwapListener<T>): void {
    this.#holder.onSwap(listener);
  }

  reload(): Promise<ReloadReport> {
    this.#running ??= this.#exclusive(() => this.#reload()).finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /**
   * Takes new or changed files of the corpus in without reading the rest: only `files` are read, merged with the current
   * corpus (their previous articles replaced, a file gone removed), and swapped in through the same path as a reload, with
   * one report. Calls made while one waits are read together.
   */
  takeIn(files: readonly string[]): Promise<ReloadReport> {
    const readFiles = this.readFiles;
    if (readFiles === undefined) return this.reload();
    for (const file of files) this.#pendingFiles.add(file);
    this.#queuedTakeIn ??= this.#exclusive(() => {
      this.#queuedTakeIn = null;
      const names = [...this.#pendingFiles];
      this.#pendingFiles.clear();
      return this.#takeIn(names, readFiles);
    });
    return this.#queuedTakeIn;
  }

  #exclusive<R>(work: () => Promise<R>): Promise<R> {
    const run = this.#tail.then(work, work);
    // Settles with nothing: the last report (every removed id of a corpus that shrank) is not kept alive until the next run.
    this.#tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  async #takeIn(names: readonly string[], readFiles: (files: readonly string[]) => Promise<LoadResult>): Promise<ReloadReport> {
    const started = performance.now();
    let read: LoadResult;
    try {
      read = await readFiles(names);
    } catch (error) {
      const problem = problemOf(error);
      return failed(this.snapshot(), started, `${problem.reason}; the previous corpus is still served`, { code: 'unavailable', problem });
    }
    return this.#apply(mergeFiles(this.snapshot(), new Set(names), read), started);
  }

  async #reload(): Promise<ReloadReport> {
    const started = performance.now();
    let result: LoadResult;
    try {
      result = await this.load();
    } catch (error) {
      const problem = problemOf(error);
      return failed(this.snapshot(), started, `${problem.reason}; the previous corpus is still served`, { code: 'unavailable', problem });
    }
    return this.#apply(result, started);
  }

  /** The one way a read becomes the current corpus: whatever produced `result` (a whole re-read, or later a few files merged in), readers see one swap and one report. */
  async #apply(result: LoadResult, started: number): Promise<ReloadReport> {
    const previous = this.snapshot();
    const { articles, kept } = carryForwardBrokenFiles(previous, result);
    const broken = result.problems.filter((p) => p.ignored !== true);
    if (articles.length === 0 && previous.size > 0 && broken.length > 0) {
      return failed(previous, started, 'no article could be read; the previous corpus is still served', { code: 'nothing_readable' }, result.problems);
    }
    const next = new CorpusSnapshot(articles, result.problems, result.stamps);
    let value: T;
    try {
      value = await this.build(next);
    } catch (error) {
      return failed(previous, started, `building the corpus failed: ${messageOf(error)}`, { code: 'build_failed', detail: messageOf(error) }, result.problems);
    }
    const report: ReloadReport = {
      ok: true, ...diffSnapshots(previous, next), kept, problems: result.problems, articles: next.size, durationMs: performance.now() - started,
    };
    this.#holder.swap(next, value, report);
    // The previous library is garbage now; when it was much larger, its memory is wanted back before V8 would look.
    if (next.size < previous.size / 2) collectSoon();
    return report;
  }
}

function failed(
  previous: CorpusSnapshot,
  started: number,
  error: string,
  failure: ReloadFailure,
  problems: readonly LoadProblem[] = [],
): ReloadReport {
  return {
    ok: false, error, failure, added: [], changed: [], removed: [], kept: [], problems, articles: previous.size, durationMs: performance.now() - started,
  };
}

/** The current corpus with the articles and problems of `named` files replaced by what was read of them now; an id already taken by another file is a problem, as in a whole read. */
function mergeFiles(previous: CorpusSnapshot, named: ReadonlySet<string>, read: LoadResult): LoadResult {
  const articles = previous.articles.filter((a) => !named.has(a.file));
  const problems = previous.problems.filter((p) => !named.has(p.file));
  const owner = new Map(articles.map((a) => [a.id, a.file]));
  for (const article of read.articles) {
    const first = owner.get(article.id);
    if (first === undefined) {
      owner.set(article.id, article.file);
      articles.push(article);
    } else {
      const reason = `duplicate article id "${article.id}" (already read from ${first}); skipped`;
      problems.push({ file: article.file, code: 'duplicate_id', params: { id: article.id, first }, reason });
    }
  }
  return { articles, problems: [...problems, ...read.problems] };
}

/** A file that loaded before and is broken now keeps its previous articles: a half-written file must not delete news. */
function carryForwardBrokenFiles(previous: CorpusSnapshot, result: LoadResult): { articles: Article[]; kept: string[] } {
  const brokenFiles = new Set(result.problems.filter((p) => isBroken(p) && p.line === undefined).map((p) => p.file));
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
