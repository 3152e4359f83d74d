import { DiscordAPIError, HTTPError, RateLimitError } from '@discordjs/rest';

/**
 * How a failed post is treated: transient ones are retried with backoff; forbidden and not_found pause
 * the channel's digest; unauthorized is the bot's problem, not the channel's; rejected counts as a failure.
 */
export type FailureKind = 'transient' | 'forbidden' | 'not_found' | 'unauthorized' | 'rejected';

export interface DeliveryFailure {
  readonly kind: FailureKind;
  readonly status: number | null;
  /** Discord's JSON error code, e.g. 50013 Missing Permissions. */
  readonly code: number | null;
  readonly detail: string;
}

export function classifyFailure(error: unknown): DeliveryFailure {
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : null;
    const detail = `${error.status} ${error.message}${code === null ? '' : ` (${code})`}`;
    if (error.status === 403) return { kind: 'forbidden', status: 403, code, detail };
    if (error.status === 404) return { kind: 'not_found', status: 404, code, detail };
    if (error.status === 401) return { kind: 'unauthorized', status: 401, code, detail };
    if (error.status === 429 || error.status === 408) return { kind: 'transient', status: error.status, code, detail };
    return { kind: 'rejected', status: error.status, code, detail };
  }
  if (error instanceof HTTPError) return { kind: 'transient', status: error.status, code: null, detail: `${error.status} ${error.message}` };
  if (error instanceof RateLimitError) return { kind: 'transient', status: 429, code: null, detail: `rate limited for ${error.retryAfter} ms` };
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { kind: 'transient', status: null, code: null, detail: message };
}

export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(readonly failure: DeliveryFailure) {
    super(failure.detail);
  }
}
