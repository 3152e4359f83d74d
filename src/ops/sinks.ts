// What the adapters tell the operator, as plain calls: they know nothing of Prometheus. src/ops/metrics.ts implements
// every sink with prom-client; an adapter given none reports nothing.

export type InteractionKind = 'command' | 'autocomplete' | 'button';

/**
 * How the bot dealt with one interaction: answered (the handler ran to its end), refused (a precondition or cooldown),
 * user_error (a UserError explained to the user), failed (an apology with an error id), unknown (no such command or
 * button), draining (the process is shutting down and said so).
 */
export type InteractionOutcome = 'answered' | 'refused' | 'user_error' | 'failed' | 'unknown' | 'draining';

export interface InteractionSink {
  interaction(event: { readonly kind: InteractionKind; readonly command: string; readonly outcome: InteractionOutcome; readonly seconds: number }): void;
}

/** One digest message handed to the delivery port: delivered, retry (the medium said later), or a permanent failure's kind. */
export interface DigestSink {
  delivery(event: { readonly outcome: string; readonly seconds: number }): void;
}

/**
 * One poll of one feed (the feed poller calls it once per poll): `outcome` is a short word such as ok, not_modified,
 * failed, paused or gone; `items` how many new items the poll found.
 */
export interface FeedSink {
  poll(event: { readonly outcome: string; readonly seconds: number; readonly items: number }): void;
}

/** A corpus reload (by /reload, a corpus change notice or a feed): ok, or failed when the previous corpus was kept. */
export interface LibrarySink {
  reload(event: { readonly ok: boolean; readonly seconds: number; readonly articles: number }): void;
}
