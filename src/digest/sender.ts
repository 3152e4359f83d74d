import { createHash } from 'node:crypto';
import type { REST } from '@discordjs/rest';
import { Routes } from 'discord.js';
import { classifyFailure, DeliveryError } from './failures.js';

/** The part of @discordjs/rest the digest uses; `new REST({ api }).setToken(token)` fits. */
export type DigestRest = Pick<REST, 'post'>;

/** Waits `ms`, or less when `signal` aborts. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/** Backoff after a 5xx or a timeout, on top of the REST client's own immediate retries. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [2_000, 10_000, 60_000];

/** Deterministic per planned message, at most 25 characters as Discord requires. */
export function digestNonce(channelId: string, slot: string, seq: number): string {
  return createHash('sha256').update(`${channelId}|${slot}|${seq}`).digest('base64url').slice(0, 25);
}

export interface SentMessage {
  readonly id: string | null;
}

export class MessageSender {
  constructor(
    private readonly rest: DigestRest,
    private readonly retryDelaysMs: readonly number[] = DEFAULT_RETRY_DELAYS_MS,
    private readonly sleep: Sleep = realSleep,
  ) {}

  /**
   * Posts a frozen payload with its nonce and `enforce_nonce`, so a resend returns the message already
   * posted instead of a duplicate. 429s are waited out by the REST client; transient failures are retried
   * here with backoff; anything else throws a DeliveryError at once.
   */
  async send(channelId: string, payload: string, nonce: string, signal: AbortSignal): Promise<SentMessage> {
    const body: Record<string, unknown> = { ...(JSON.parse(payload) as Record<string, unknown>), nonce, enforce_nonce: true };
    // The REST client never removes its abort listener, so each send gets a short-lived signal of its own.
    const request = new AbortController();
    const abort = (): void => request.abort();
    signal.addEventListener('abort', abort, { once: true });
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          const answer = await this.rest.post(Routes.channelMessages(channelId), { body, signal: request.signal });
          const id = typeof answer === 'object' && answer !== null && 'id' in answer && typeof answer.id === 'string' ? answer.id : null;
          return { id };
        } catch (error) {
          const failure = classifyFailure(error);
          const delay = this.retryDelaysMs[attempt];
          if (failure.kind !== 'transient' || delay === undefined || signal.aborted) throw new DeliveryError(failure);
          await this.sleep(delay, signal);
          if (signal.aborted) throw new DeliveryError(failure);
        }
      }
    } finally {
      signal.removeEventListener('abort', abort);
    }
  }
}
