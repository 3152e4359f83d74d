import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { Article } from '../corpus/article.js';
import { findQuotes, type Quote } from '../quotes/index.js';
import { analyzeArticle, exportStemCache, importStemCache, type AnalyzedArticle } from '../text/index.js';
import type { ArticleAnalysis } from './article-analysis.js';
import { decodeQuotes, decodeSentences, packedAnalysis } from './encoded.js';
import { startModuleWorker } from './start-worker.js';
import type { FromWorker, JobKind, ToWorker, WorkerSetup } from './messages.js';
import { messageOf } from '../error-message.js';

export interface AnalyzeOptions {
  /** Worker threads besides this one, or threads started ahead by `startAnalysisWorkers`. */
  readonly workers: number | PrestartedWorkers;
  /** Whether this thread analyses too: yes at start-up, no during a reload so answers keep flowing meanwhile. */
  readonly useThisThread: boolean;
  /** A worker that could not start, died or went silent; its articles are analysed elsewhere. */
  readonly onWarning?: (message: string) => void;
  /** How long a worker with work in hand may stay silent (WORKER_SILENCE_MS by default). */
  readonly silenceMs?: number;
  /** Fewer articles than this are analysed without starting workers (MIN_ARTICLES_FOR_WORKERS by default). */
  readonly minArticlesForWorkers?: number;
}

export interface AnalyzeRun {
  /** One analysis per article, in the articles' order. */
  readonly analyses: ArticleAnalysis[];
  /** Worker threads that took part. */
  readonly threads: number;
  /** Settles once the workers' stems are in this thread's stem cache and the workers are gone. */
  readonly settled: Promise<void>;
}

/**
 * Below this many articles to analyse, workers cost more (their start-up and JIT warm-up) than they save. Measured on
 * 2 cores with this thread working too: 2,246 articles loaded no faster with a worker, 22,460 about 17% faster.
 * When this thread stays free for answers (a reload), workers pay off much sooner.
 */
export const MIN_ARTICLES_FOR_WORKERS = { withThisThread: 5_000, alone: 200 } as const;
/** Workers started ahead and never used end themselves after this long. */
const UNCLAIMED_MS = 30_000;
/** Enough queued work per worker to keep it busy while this thread is inside one of its own batches. */
const BATCHES_IN_FLIGHT = 4;
/** A worker takes sentence jobs only while this many are left: near the end this thread, with its warm stem cache, is faster. */
const MIN_SENTENCE_BATCHES_FOR_WORKERS = 8;
const STEMS_TIMEOUT_MS = 5_000;
/** A worker with work in hand that says nothing for this long is taken for stuck: its work is done elsewhere. */
export const WORKER_SILENCE_MS = 60_000;

function startWorker(setup: WorkerSetup): Worker {
  return startModuleWorker(import.meta.url, 'worker', setup);
}

/** Worker threads started before the articles are read, so their start-up overlaps the reading. */
export class PrestartedWorkers {
  #workers: Worker[] | null;
  readonly #failures: string[] = [];
  readonly #timer: NodeJS.Timeout;

  constructor(workers: Worker[], failures: readonly string[] = []) {
    this.#workers = workers;
    this.#failures.push(...failures);
    for (const worker of workers) {
      const lost = (why: string): void => {
        if (this.#workers === null || !this.#workers.includes(worker)) return;
        this.#workers = this.#workers.filter((other) => other !== worker);
        this.#failures.push(why);
      };
      worker.on('error', (error) => lost(error.message));
      worker.on('exit', (code) => lost(`exit code ${code}`));
    }
    this.#timer = setTimeout(() => void this.discard(), UNCLAIMED_MS).unref();
  }

  /** Hands the live workers over once (later calls get none), with why any others were lost. */
  claim(): { workers: Worker[]; failures: string[] } {
    clearTimeout(this.#timer);
    const workers = this.#workers ?? [];
    this.#workers = null;
    for (const worker of workers) {
      worker.removeAllListeners('error');
      worker.removeAllListeners('exit');
    }
    return { workers, failures: this.#failures.splice(0) };
  }

  async discard(): Promise<void> {
    const { workers } = this.claim();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** Starts `count` analysis workers now, seeded with this thread's stems. */
export function startAnalysisWorkers(count: number): PrestartedWorkers {
  const setup: WorkerSetup = { stems: count > 0 ? exportStemCache() : {} };
  const workers: Worker[] = [];
  const failures: string[] = [];
  for (let w = 0; w < count; w++) {
    try {
      workers.push(startWorker(setup));
    } catch (error) {
      failures.push(messageOf(error));
    }
  }
  return new PrestartedWorkers(workers, failures);
}

interface Batch {
  readonly index: number;
  readonly kind: JobKind;
  readonly from: number;
  readonly to: number;
}

function batchesOf(kind: JobKind, count: number, threads: number, first: number): Batch[] {
  const size = Math.min(32, Math.max(8, Math.ceil(count / (threads * 24))));
  const batches: Batch[] = [];
  for (let from = 0; from < count; from += size) batches.push({ index: first + batches.length, kind, from, to: Math.min(count, from + size) });
  return batches;
}

/**
 * Sentence jobs and quote jobs. Stemming is much of the sentence work and each thread has its own stem cache, so this thread
 * does sentences and workers do quotes, which need no stems; whoever runs out first helps with the other kind.
 */
class JobQueues {
  readonly #sentences: Batch[];
  readonly #quotes: Batch[];

  constructor(count: number, threads: number) {
    this.#sentences = batchesOf('sentences', count, threads, 0);
    this.#quotes = batchesOf('quotes', count, threads, this.#sentences.length);
  }

  get total(): number {
    return this.#sentences.length + this.#quotes.length;
  }

  get empty(): boolean {
    return this.#sentences.length === 0 && this.#quotes.length === 0;
  }

  /** The next job for this thread: sentences first (the stems it caches serve later queries), then quotes. */
  takeHere(): Batch | undefined {
    return this.#sentences.shift() ?? this.#quotes.shift();
  }

  /** The next job for a worker: quotes first, then sentences while plenty are left (or when this thread takes none). */
  takeForWorker(thisThreadWorks: boolean): Batch | undefined {
    if (this.#quotes.length > 0) return this.#quotes.shift();
    return !thisThreadWorks || this.#sentences.length >= MIN_SENTENCE_BATCHES_FOR_WORKERS ? this.#sentences.shift() : undefined;
  }

  giveBack(batches: Iterable<Batch>): void {
    for (const batch of batches) (batch.kind === 'sentences' ? this.#sentences : this.#quotes).unshift(batch);
  }
}


export function minimumFor(options: Pick<AnalyzeOptions, 'useThisThread' | 'minArticlesForWorkers'>): number {
  return options.minArticlesForWorkers ?? (options.useThisThread ? MIN_ARTICLES_FOR_WORKERS.withThisThread : MIN_ARTICLES_FOR_WORKERS.alone);
}

/** Analyses articles on this thread and worker threads, in batches handed to whichever thread is free. */
export async function analyzeArticles(articles: readonly Article[], options: AnalyzeOptions): Promise<AnalyzeRun> {
  const warn = options.onWarning ?? ((): void => undefined);
  const given = options.workers;
  const claimed =
    typeof given !== 'number'
      ? given.claim()
      : startAnalysisWorkers(articles.length >= minimumFor(options) ? Math.max(0, Math.trunc(given)) : 0).claim();
  for (const failure of claimed.failures) warn(`analysis worker could not start (${failure}); its share is analysed on another thread`);
  const threads = claimed.workers;
  const sentences = new Array<AnalyzedArticle>(articles.length);
  const quotes = new Array<readonly Quote[]>(articles.length);
  const queues = new JobQueues(articles.length, threads.length + (options.useThisThread ? 1 : 0));
  let remaining = queues.total;
  const feeders = new Map<Worker, () => void>();

  let settle: (error?: unknown) => void = () => undefined;
  const allDone = new Promise<void>((resolve, reject) => {
    settle = (error) => (error === undefined ? resolve() : reject(error));
  });
  /** Runs one step of the work; an exception anywhere (an article that breaks the analysis itself) fails the whole run. */
  const guarded = (step: () => void): void => {
    try {
      step();
      if (remaining === 0) settle();
    } catch (error) {
      settle(error);
    }
  };
  const runHere = (batch: Batch): void => {
    for (let i = batch.from; i < batch.to; i++) {
      const article = articles[i] as Article;
      if (batch.kind === 'sentences') sentences[i] = packedAnalysis(analyzeArticle(article));
      else quotes[i] = findQuotes(article);
    }
    remaining--;
  };
  const accept = (batch: Batch, message: FromWorker): void => {
    if ('results' in message && message.results.length !== batch.to - batch.from) {
      throw new Error(`${message.results.length} results for ${batch.to - batch.from} articles`);
    }
    if (message.type === 'sentences' && batch.kind === 'sentences') {
      message.results.forEach((encoded, k) => {
        sentences[batch.from + k] = decodeSentences(articles[batch.from + k] as Article, encoded);
      });
    } else if (message.type === 'quotes' && batch.kind === 'quotes') {
      message.results.forEach((encoded, k) => {
        quotes[batch.from + k] = decodeQuotes(articles[batch.from + k] as Article, encoded);
      });
    } else throw new Error(`a ${message.type} answer to a ${batch.kind} job`);
    remaining--;
  };

  let localRunning = false;
  const runLocally = async (): Promise<void> => {
    if (localRunning) return;
    localRunning = true;
    for (let batch = queues.takeHere(); batch !== undefined && remaining > 0; batch = queues.takeHere()) {
      const taken = batch;
      guarded(() => runHere(taken));
      await nextTurn();
    }
    localRunning = false;
  };

  for (const worker of threads) {
    const inFlight = new Map<number, Batch>();
    let silence: NodeJS.Timeout | undefined;
    const watch = (): void => {
      clearTimeout(silence);
      if (inFlight.size > 0 && feeders.has(worker)) {
        const ms = options.silenceMs ?? WORKER_SILENCE_MS;
        silence = setTimeout(() => {
          lose(`no answer for ${ms} ms`);
          void worker.terminate();
        }, ms).unref();
      }
    };
    const feed = (): void => {
      while (inFlight.size < BATCHES_IN_FLIGHT) {
        const batch = queues.takeForWorker(localRunning);
        if (batch === undefined) return;
        inFlight.set(batch.index, batch);
        const message: ToWorker = { type: 'job', kind: batch.kind, batch: batch.index, articles: articles.slice(batch.from, batch.to) };
        worker.postMessage(message);
      }
      watch();
    };
    const lose = (why: string): void => {
      clearTimeout(silence);
      if (!feeders.delete(worker)) return;
      warn(`analysis worker stopped (${why}); its articles are analysed on another thread`);
      queues.giveBack(inFlight.values());
      inFlight.clear();
      for (const other of feeders.values()) other();
      // without a worker left, this thread takes the rest even where it was asked not to: the corpus must load
      if (feeders.size === 0) void runLocally();
    };
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'stems') return;
      const batch = inFlight.get(message.batch);
      if (batch === undefined) return;
      inFlight.delete(message.batch);
      watch();
      guarded(() => {
        if (message.type === 'failed') {
          warn(`analysis worker failed on a batch (${message.reason}); analysing it here`);
          runHere(batch);
          return;
        }
        try {
          accept(batch, message);
        } catch (error) {
          warn(`analysis worker sent a result that does not fit (${messageOf(error)}); analysing it here`);
          runHere(batch);
        }
      });
      feed();
    });
    worker.on('error', (error) => lose(error.message));
    worker.on('exit', (code) => lose(`exit code ${code}`));
    feeders.set(worker, feed);
    feed();
  }

  if (options.useThisThread || feeders.size === 0) void runLocally();
  guarded(() => undefined);
  try {
    await allDone;
  } catch (error) {
    const workers = [...feeders.keys()];
    feeders.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw error;
  }
  const workers = [...feeders.keys()];
  feeders.clear();
  const analyses = articles.map((_, i): ArticleAnalysis => ({ analyzed: sentences[i] as AnalyzedArticle, quotes: quotes[i] as readonly Quote[] }));
  return { analyses, threads: threads.length, settled: collectStemsAndStop(workers) };
}

/** Keeps the stems the workers computed (so later queries and the saved stem file have them), then ends the workers. */
async function collectStemsAndStop(workers: readonly Worker[]): Promise<void> {
  await Promise.all(
    workers.map(async (worker) => {
      worker.removeAllListeners('exit');
      worker.removeAllListeners('error');
      worker.on('error', () => undefined);
      const stems = await new Promise<Readonly<Record<string, string>> | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), STEMS_TIMEOUT_MS);
        worker.on('message', (message: FromWorker) => {
          if (message.type !== 'stems') return;
          clearTimeout(timer);
          resolve(message.stems);
        });
        worker.once('exit', () => {
          clearTimeout(timer);
          resolve(null);
        });
        const ask: ToWorker = { type: 'stems' };
        worker.postMessage(ask);
      });
      if (stems !== null) importStemCache(stems);
      await worker.terminate();
    }),
  );
}
