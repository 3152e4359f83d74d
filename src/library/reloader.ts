import { isBroken, type Article, type LoadProblem, type Problem } from '../corpus/article.js';
import { CorpusSnapshot, CorpusUnavailableError, diffSnapshots, type LoadResult } from '../corpus/index.js';
import { messageOf } from '../error-message.js';
import { SwappingHolder } from './holder.js';
import type { ReloadFailure, ReloadReport, SwapListener } from './types.js';

/**
 * Keeps a value built from the corpus: a reload reads the corpus, builds the next value aside and swaps it in whole,
 * so readers always see a whole corpus. Concurrent reloads share one run.
 */
export class CorpusReloader<T> {
  readonly #holder: SwappingHolder<T>;
  #running: Promise<ReloadReport> | null = null;

  private constructor(
    private readonly load: () => Promise<LoadResult>,
    private readonly build: (snapshot: CorpusSnapshot) => T | Promise<T>,
    holder: SwappingHolder<T>,
  ) {
    this.#holder = holder;
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
    return new CorpusReloader(load, build, new SwappingHolder<T>(snapshot, await build(snapshot)));
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
    this.#running ??= this.#reload().finally(() => {
      this.#running = null;
    });
    return this.#running;
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
    const next = new CorpusSnapshot(articles, result.problems);
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
