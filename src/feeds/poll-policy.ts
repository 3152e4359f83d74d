import type { FetchFailureReason } from '../fetch/index.js';
import type { FeedPauseReason } from '../store/types.js';

export interface PollPolicy {
  /** Between two polls of a feed that answers. */
  readonly intervalMs: number;
  /** Failures in a row after which a feed is paused. */
  readonly maxFailures: number;
  /** The longest wait after failures (the backoff doubles up to it). */
  readonly maxBackoffMs: number;
  /** The longest Retry-After obeyed; a server asking for more is polled after this. */
  readonly maxRetryAfterMs: number;
}

export const MIN_POLL_INTERVAL_MS = 2 * 60_000;

export const DEFAULT_POLL_POLICY: PollPolicy = {
  intervalMs: 10 * 60_000,
  maxFailures: 10,
  maxBackoffMs: 6 * 60 * 60_000,
  maxRetryAfterMs: 24 * 60 * 60_000,
};

/** A policy with the interval in minutes from the configuration, never under 2 minutes. */
export function pollPolicy(intervalMinutes: number, overrides: Partial<PollPolicy> = {}): PollPolicy {
  return { ...DEFAULT_POLL_POLICY, ...overrides, intervalMs: Math.max(MIN_POLL_INTERVAL_MS, Math.round(intervalMinutes * 60_000)) };
}

/** Why a poll failed, as the poller saw it. */
export interface PollFailure {
  readonly reason: FetchFailureReason | 'not-a-feed' | 'malformed' | 'too-large-feed';
  readonly status: number | null;
  readonly retryAfterSeconds: number | null;
}

export interface FailureDecision {
  readonly nextPollAt: number;
  readonly pause: FeedPauseReason | null;
}

/**
 * When to poll again after a failure: the interval doubled for each failure in a row (up to maxBackoffMs), never before
 * the server's Retry-After; a feed gone for good (410) is paused at once, any feed at its maxFailures-th failure in a row
 * (as `gone` for a 404, `forbidden` for a 401/403, else `failures`).
 */
export function afterFailure(failure: PollFailure, failuresBefore: number, now: number, policy: PollPolicy): FailureDecision {
  const inARow = failuresBefore + 1;
  const backoff = Math.min(policy.maxBackoffMs, policy.intervalMs * 2 ** Math.min(30, inARow - 1));
  const asked = failure.retryAfterSeconds === null ? 0 : Math.min(policy.maxRetryAfterMs, failure.retryAfterSeconds * 1000);
  const nextPollAt = now + Math.max(backoff, asked);
  if (failure.status === 410) return { nextPollAt, pause: 'gone' };
  if (inARow < policy.maxFailures) return { nextPollAt, pause: null };
  const pause: FeedPauseReason = failure.status === 404 ? 'gone' : failure.status === 401 || failure.status === 403 ? 'forbidden' : 'failures';
  return { nextPollAt, pause };
}
