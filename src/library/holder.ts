import type { CorpusSnapshot } from '../corpus/index.js';
import type { ReloadReport, SwapListener } from './types.js';

/** What every reader sees now and the snapshot it was built from: replaced whole in one step, never edited in place. */
export class SwappingHolder<T> {
  #snapshot: CorpusSnapshot;
  #value: T;
  readonly #listeners: SwapListener<T>[] = [];

  constructor(snapshot: CorpusSnapshot, value: T) {
    this.#snapshot = snapshot;
    this.#value = value;
  }

  current(): T {
    return this.#value;
  }

  snapshot(): CorpusSnapshot {
    return this.#snapshot;
  }

  onSwap(listener: SwapListener<T>): void {
    this.#listeners.push(listener);
  }

  swap(snapshot: CorpusSnapshot, value: T, report: ReloadReport): void {
    const before = this.#value;
    this.#snapshot = snapshot;
    this.#value = value;
    for (const listener of this.#listeners) listener(value, before, report);
  }
}
