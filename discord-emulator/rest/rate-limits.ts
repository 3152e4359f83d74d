import { createHash } from 'node:crypto';

export interface BucketLimit {
  limit: number;
  windowMs: number;
}

export interface RateLimitOptions {
  /** Limit for every bucket without its own entry; default 50 requests per second. */
  default?: BucketLimit;
  /** Per route, keyed `METHOD /route/:template`, e.g. `POST /channels/:channel_id/messages`. */
  routes?: Record<string, BucketLimit>;
}

export interface BucketState {
  bucket: string;
  limit: number;
  remaining: number;
  resetAtMs: number;
}

interface Window {
  startedAt: number;
  used: number;
}

const DEFAULT_LIMIT: BucketLimit = { limit: 50, windowMs: 1000 };

export function rateLimitHeaders(state: BucketState, nowMs: number): Record<string, string> {
  const resetAfter = Math.max(0, state.resetAtMs - nowMs) / 1000;
  return {
    'x-ratelimit-limit': String(state.limit),
    'x-ratelimit-remaining': String(Math.max(0, state.remaining)),
    'x-ratelimit-reset': (state.resetAtMs / 1000).toFixed(3),
    'x-ratelimit-reset-after': resetAfter.toFixed(3),
    'x-ratelimit-bucket': state.bucket,
  };
}

/** Per-route buckets keyed by their major parameter, counted in real time like Discord does. */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly options: RateLimitOptions = {}) {}

  private limitFor(routeKey: string): BucketLimit {
    return this.options.routes?.[routeKey] ?? this.options.default ?? DEFAULT_LIMIT;
  }

  static bucketHash(routeKey: string): string {
    return createHash('sha1').update(routeKey).digest('hex').slice(0, 32);
  }

  /** Counts one request; `allowed` is false when the bucket is already used up. */
  take(routeKey: string, majorParameter: string, nowMs = Date.now()): { allowed: boolean; state: BucketState } {
    const { limit, windowMs } = this.limitFor(routeKey);
    const key = `${routeKey}|${majorParameter}`;
    let window = this.windows.get(key);
    if (!window || nowMs >= window.startedAt + windowMs) {
      window = { startedAt: nowMs, used: 0 };
      this.windows.set(key, window);
    }
    const allowed = window.used < limit;
    if (allowed) window.used += 1;
    return {
      allowed,
      state: { bucket: RateLimiter.bucketHash(routeKey), limit, remaining: limit - window.used, resetAtMs: window.startedAt + windowMs },
    };
  }

  peek(routeKey: string, majorParameter: string, nowMs = Date.now()): BucketState {
    const { limit, windowMs } = this.limitFor(routeKey);
    const window = this.windows.get(`${routeKey}|${majorParameter}`);
    const active = window && nowMs < window.startedAt + windowMs;
    return {
      bucket: RateLimiter.bucketHash(routeKey),
      limit,
      remaining: active ? limit - window.used : limit,
      resetAtMs: active ? window.startedAt + windowMs : nowMs + windowMs,
    };
  }
}
