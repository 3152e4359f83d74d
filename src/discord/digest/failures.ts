import { DiscordAPIError, HTTPError, RateLimitError } from '@discordjs/rest';
import type { DeliveryOutcome } from '../../digest/index.js';

/**
 * What a failed post means for the digest: 403 and 404 pause the channel's digest, 401 is the bot's own problem, 429, 408,
 * 5xx and network errors are worth another try, and anything else Discord refused counts as a failure.
 */
export function outcomeOf(error: unknown): Exclude<DeliveryOutcome, { status: 'delivered' }> {
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : null;
    const detail = `${error.status} ${error.message}${code === null ? '' : ` (${code})`}`;
    if (error.status === 403) return { status: 'failed', failure: { kind: 'forbidden', detail } };
    if (error.status === 404) return { status: 'failed', failure: { kind: 'not_found', detail } };
    if (error.status === 401) return { status: 'failed', failure: { kind: 'unauthorized', detail } };
    if (error.status === 429 || error.status === 408) return { status: 'retry', retryAfterMs: null, detail };
    return { status: 'failed', failure: { kind: 'rejected', detail } };
  }
  if (error instanceof HTTPError) return { status: 'retry', retryAfterMs: null, detail: `${error.status} ${error.message}` };
  if (error instanceof RateLimitError) return { status: 'retry', retryAfterMs: error.retryAfter, detail: `rate limited for ${error.retryAfter} ms` };
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { status: 'retry', retryAfterMs: null, detail };
}
