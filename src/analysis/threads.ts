import { availableParallelism } from 'node:os';

/** One worker per spare core, at most 3: the main thread analyses too, and indexing after the analysis is single-threaded. */
export function defaultAnalysisThreads(): number {
  return Math.min(3, Math.max(0, availableParallelism() - 1));
}
