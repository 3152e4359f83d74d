export interface CooldownOptions {
  /** How many actions one user may take within `windowMs`. */
  readonly limit: number;
  readonly windowMs: number;
}

export type CooldownResult = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

/** A sliding window per user: floods get a polite wait instead of work. */
export class Cooldown {
  readonly #seen = new Map<string, number[]>();
  #lastSweep = 0;

  constructor(
    readonly options: CooldownOptions,
    private readonly now: () => number = Date.now,
  ) {}

  take(userId: string): CooldownResult {
    const now = this.now();
    const { limit, windowMs } = this.options;
    this.#sweep(now);
    const recent = (this.#seen.get(userId) ?? []).filter((at) => now - at < windowMs);
    if (recent.length >= limit) {
      this.#seen.set(userId, recent);
      return { ok: false, retryAfterMs: windowMs - (now - (recent[0] as number)) };
    }
    recent.push(now);
    this.#seen.set(userId, recent);
    return { ok: true };
  }

  #sweep(now: number): void {
    if (now - this.#lastSweep < this.options.windowMs) return;
    this.#lastSweep = now;
    for (const [user, times] of this.#seen) {
      if (times.every((at) => now - at >= this.options.windowMs)) this.#seen.delete(user);
    }
  }
}
