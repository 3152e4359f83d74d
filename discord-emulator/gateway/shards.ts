/** Discord's rule: a guild's events go to shard `(guild_id >> 22) % shard_count`. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** IDENTIFY's `shard` as `[id, count]`; absent means `[0, 1]`; anything else Discord closes with 4010. */
export function parseShard(value: unknown): [number, number] | null {
  if (value === undefined || value === null) return [0, 1];
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [id, count] = value as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return null;
  const shardId = id as number;
  const shardCount = count as number;
  return shardCount >= 1 && shardId >= 0 && shardId < shardCount ? [shardId, shardCount] : null;
}

export interface SessionStartLimitOptions {
  /** Session starts (IDENTIFYs) allowed per window; Discord's default is 1000 a day. */
  total?: number;
  /** IDENTIFYs allowed per 5 s, in buckets of `shard_id % max_concurrency`; 1 for most bots. */
  maxConcurrency?: number;
  resetAfterMs?: number;
  /**
   * Refuse an IDENTIFY that comes within 5 s of another in its bucket with op 9, as Discord does.
   * Off by default: test bots restart within seconds, and a new process has no memory of the last identify.
   */
  enforceConcurrency?: boolean;
}

export interface SessionStartLimit {
  total: number;
  remaining: number;
  reset_after: number;
  max_concurrency: number;
}

const IDENTIFY_WINDOW_MS = 5_000;
// Delivery and event-loop delay between the client's throttle and our receipt of its IDENTIFY.
const IDENTIFY_WINDOW_SLACK_MS = 1_000;

/** The `session_start_limit` of GET /gateway/bot, counted as IDENTIFYs arrive. */
export class SessionStartCounter {
  readonly total: number;
  readonly maxConcurrency: number;
  private readonly resetAfterMs: number;
  private readonly enforceConcurrency: boolean;
  private windowStart: number;
  private used = 0;
  private readonly lastIdentify = new Map<number, number>();

  constructor(options: SessionStartLimitOptions, private readonly now: () => number) {
    this.total = options.total ?? 1000;
    this.maxConcurrency = Math.max(1, options.maxConcurrency ?? 1);
    this.resetAfterMs = options.resetAfterMs ?? 86_400_000;
    this.enforceConcurrency = options.enforceConcurrency ?? false;
    this.windowStart = now();
  }

  private roll(): void {
    if (this.now() - this.windowStart >= this.resetAfterMs) {
      this.windowStart = this.now();
      this.used = 0;
    }
  }

  limit(): SessionStartLimit {
    this.roll();
    return {
      total: this.total,
      remaining: Math.max(0, this.total - this.used),
      reset_after: Math.max(0, this.windowStart + this.resetAfterMs - this.now()),
      max_concurrency: this.maxConcurrency,
    };
  }

  /** Counts one IDENTIFY; `wallNow` is real time, since clients throttle identifies by real time. */
  take(shardId: number, wallNow: number): 'ok' | 'exhausted' | 'too-fast' {
    this.roll();
    if (this.used >= this.total) return 'exhausted';
    const bucket = shardId % this.maxConcurrency;
    const last = this.lastIdentify.get(bucket);
    if (this.enforceConcurrency && last !== undefined && wallNow - last < IDENTIFY_WINDOW_MS - IDENTIFY_WINDOW_SLACK_MS) return 'too-fast';
    this.lastIdentify.set(bucket, wallNow);
    this.used += 1;
    return 'ok';
  }
}
