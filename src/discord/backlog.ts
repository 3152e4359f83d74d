import { SnowflakeUtil } from 'discord.js';

export interface BacklogOptions {
  /**
   * Interactions being handled at once from which a command is acknowledged before its work; default none. A deferred
   * answer costs a second request, and discord.js sends those at 50 a second: on a quiet bot, answering directly is faster.
   */
  readonly deferFrom?: number;
  /** A command that waited this long before its turn (a busy event loop) is acknowledged before its work; default 1,000 ms. */
  readonly deferAfterMs?: number;
  /** An autocomplete that waited longer than this is dropped: Discord shows no answer later than 3 s; default 2,500 ms. */
  readonly autocompleteMaxAgeMs?: number;
  /** The clock interactions are aged by (a test sets it ahead). */
  readonly now?: () => number;
}

export const DEFAULT_DEFER_FROM = Number.POSITIVE_INFINITY;
export const DEFAULT_DEFER_AFTER_MS = 1_000;
export const DEFAULT_AUTOCOMPLETE_MAX_AGE_MS = 2_500;
/** An age past an interaction token's life means the clocks disagree, not that the interaction waited. */
const BELIEVABLE_AGE_MS = 15 * 60_000;

/**
 * How many interactions the bot is working on, and how long one waited before its turn (from its id's timestamp).
 * On a busy process (a command waited a second) it is acknowledged first, so meeting Discord's 3 s no longer depends on
 * the work, and work waits while acknowledgements are on their way.
 */
export class Backlog {
  #inFlight = 0;
  #deferredEarly = 0;
  #droppedAutocompletes = 0;
  #acknowledging = 0;
  readonly #waitingWork: Array<() => void> = [];
  readonly #deferFrom: number;
  readonly #deferAfterMs: number;
  readonly #autocompleteMaxAgeMs: number;
  readonly #now: () => number;

  constructor(options: BacklogOptions = {}) {
    this.#deferFrom = options.deferFrom ?? DEFAULT_DEFER_FROM;
    this.#deferAfterMs = options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;
    this.#autocompleteMaxAgeMs = options.autocompleteMaxAgeMs ?? DEFAULT_AUTOCOMPLETE_MAX_AGE_MS;
    this.#now = options.now ?? Date.now;
  }

  /** Runs `work` counted as in flight. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.#inFlight += 1;
    try {
      return await work();
    } finally {
      this.#inFlight -= 1;
    }
  }

  /** Milliseconds since Discord created the interaction; 0 when the clocks disagree. */
  ageOf(interactionId: string): number {
    const age = this.#now() - SnowflakeUtil.timestampFrom(interactionId);
    return age >= 0 && age <= BELIEVABLE_AGE_MS ? age : 0;
  }

  /** Whether a command should be acknowledged before its work (counted when it is). */
  shouldDeferFirst(interactionId: string): boolean {
    const busy = this.#inFlight >= this.#deferFrom || this.ageOf(interactionId) >= this.#deferAfterMs;
    if (busy) this.#deferredEarly += 1;
    return busy;
  }

  /** Whether an autocomplete can no longer be answered in time (counted when it cannot). */
  tooLateToSuggest(interactionId: string): boolean {
    const late = this.ageOf(interactionId) > this.#autocompleteMaxAgeMs;
    if (late) this.#droppedAutocompletes += 1;
    return late;
  }

  /** Sends an acknowledgement; while any is on its way, work waits its turn (see turn). */
  async acknowledge(send: () => Promise<void>): Promise<void> {
    this.#acknowledging += 1;
    try {
      await send();
    } finally {
      this.#acknowledging -= 1;
      this.#release();
    }
  }

  /**
   * Resolves when no acknowledgement is on its way. Work that would hold the event loop then starts one piece per turn of
   * the loop, so interactions arriving meanwhile are read and acknowledged before the next piece.
   */
  async turn(): Promise<void> {
    if (this.#acknowledging === 0 && this.#waitingWork.length === 0) return;
    await new Promise<void>((resolve) => this.#waitingWork.push(resolve));
  }

  #release(): void {
    if (this.#acknowledging > 0) return;
    const next = this.#waitingWork.shift();
    if (next === undefined) return;
    next();
    setImmediate(() => this.#release());
  }

  get stats(): { readonly inFlight: number; readonly deferredEarly: number; readonly droppedAutocompletes: number } {
    return { inFlight: this.#inFlight, deferredEarly: this.#deferredEarly, droppedAutocompletes: this.#droppedAutocompletes };
  }
}
