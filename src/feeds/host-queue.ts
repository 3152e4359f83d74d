import { setTimeout as sleep } from 'node:timers/promises';

interface HostState {
  tail: Promise<void>;
  /** No request to this host starts before this time (Date.now ms): the polite delay, or a server's Retry-After. */
  readyAt: number;
  queued: number;
}

/** A host's key: its name without `www.` (the same server under two ports is still one server). */
export function hostKey(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return url;
  }
}

/**
 * Fetches politely: one request at a time per host with a pause between two (and longer when the host asked with
 * Retry-After), and at most `concurrency` requests at once over all hosts.
 */
export class HostQueue {
  readonly #hosts = new Map<string, HostState>();
  readonly #waiting: (() => void)[] = [];
  #running = 0;

  constructor(
    private readonly delayMs: number,
    private readonly concurrency: number,
  ) {}

  /** Runs `work` in its host's turn; rejects with the signal's reason when aborted while waiting. */
  run<T>(url: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const host = hostKey(url);
    let state = this.#hosts.get(host);
    if (state === undefined) this.#hosts.set(host, (state = { tail: Promise.resolve(), readyAt: 0, queued: 0 }));
    const hostState = state;
    hostState.queued++;
    const result = hostState.tail.then(async () => {
      signal?.throwIfAborted();
      const wait = hostState.readyAt - Date.now();
      if (wait > 0) await sleep(wait, undefined, { signal });
      await this.#slot(signal);
      try {
        return await work();
      } finally {
        hostState.readyAt = Math.max(hostState.readyAt, Date.now() + this.delayMs);
        this.#release();
      }
    });
    hostState.tail = result.then(
      () => this.#done(host, hostState),
      () => this.#done(host, hostState),
    );
    return result;
  }

  /** The host asked us to wait (429 or 503 with Retry-After): nothing more goes to it before then. */
  holdOff(url: string, ms: number): void {
    const state = this.#hosts.get(hostKey(url));
    if (state !== undefined) state.readyAt = Math.max(state.readyAt, Date.now() + ms);
  }

  /** Requests waiting or running, over all hosts. */
  get size(): number {
    let total = 0;
    for (const state of this.#hosts.values()) total += state.queued;
    return total;
  }

  #done(host: string, state: HostState): void {
    state.queued--;
    if (state.queued > 0) return;
    // a host with nothing queued is forgotten once its pause is over, so the map does not grow with every host ever seen
    const forget = (): void => {
      if (state.queued === 0 && this.#hosts.get(host) === state) this.#hosts.delete(host);
    };
    const left = state.readyAt - Date.now();
    if (left <= 0) forget();
    else setTimeout(forget, left).unref();
  }

  async #slot(signal: AbortSignal | undefined): Promise<void> {
    if (this.#running < this.concurrency) {
      this.#running++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.#waiting.indexOf(grant);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(signal?.reason as Error);
      };
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(grant);
    });
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next !== undefined) next();
    else this.#running--;
  }
}
