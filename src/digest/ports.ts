import type { Article } from '../corpus/article.js';

// What the digest core needs from the world, and what it hands to it. The core plans runs and keeps the ledger;
// an adapter shapes a run into its medium's messages and sends them (src/discord/digest for Discord).

/** The slice of a summary a digest uses; the summarizer's result fits it. */
export interface DigestSummary {
  readonly sentences: readonly string[];
  readonly keywords: readonly string[];
}

/** The articles a digest can carry, one snapshot at a time; the bot's `Library` satisfies it. */
export interface DigestLibrary {
  /** Newest first. */
  readonly articles: readonly Article[];
  summary(id: string, sentences: number): DigestSummary | undefined;
}

/**
 * Where new articles come from: the bot's `LibraryHolder` today. Any source fits (a feed poller that adds articles and swaps
 * in the next snapshot): the core records each snapshot's articles in the ledger and picks from them.
 */
export interface DigestLibraryHolder {
  current(): DigestLibrary;
  onSwap(listener: (next: DigestLibrary) => void): void;
}

/** One article as a digest shows it. */
export interface DigestEntry {
  readonly title: string;
  readonly url: string | null;
  readonly source: string | null;
  readonly published: string | null;
  readonly summary: readonly string[];
  readonly keywords: readonly string[];
}

/** What one digest says, in the channel's language and time zone, before a medium gives it a shape. */
export type DigestContent =
  | {
      readonly kind: 'articles';
      /** Newest first. */
      readonly entries: readonly DigestEntry[];
      /** New articles left out by the digest's size. */
      readonly leftOut: number;
      readonly locale: string;
      readonly timeZone: string;
      /** When the digest is planned (epoch ms). */
      readonly at: number;
    }
  | { readonly kind: 'nothing_new'; readonly locale: string; readonly timeZone: string; readonly at: number };

/** A message as its medium will send it: an opaque body, frozen in the run record, and how many entries it carries. */
export interface FormattedMessage {
  readonly body: string;
  /** The next this many entries, in order. */
  readonly entries: number;
}

/**
 * Shapes a digest into its medium's messages (Discord: embeds packed within its limits). Synchronous and pure: it runs inside
 * the transaction that records the run, so what is recorded is exactly what will be sent, by whichever process resumes it.
 */
export interface DigestFormatter {
  format(content: DigestContent): readonly FormattedMessage[];
}

export interface OutgoingMessage {
  readonly channelId: string;
  readonly body: string;
  /** Fixed per planned message: a resend with it must not post a second copy. */
  readonly nonce: string;
}

/**
 * Permanent failures, each with its consequence: forbidden and not_found pause the channel's digest; unauthorized is the
 * bot's problem, not the channel's; rejected counts towards disabling it. What is worth retrying is reported as `retry`.
 */
export type PermanentFailure = 'forbidden' | 'not_found' | 'unauthorized' | 'rejected';
export type FailureKind = PermanentFailure | 'transient';

export interface DeliveryFailure {
  readonly kind: FailureKind;
  /** What the medium said, for the log, the run record and /digest status. */
  readonly detail: string;
}

export type DeliveryOutcome =
  | { readonly status: 'delivered'; readonly messageId: string | null }
  /** Worth trying again: after `retryAfterMs` when the medium said so, else after the core's backoff. */
  | { readonly status: 'retry'; readonly retryAfterMs: number | null; readonly detail: string }
  | { readonly status: 'failed'; readonly failure: DeliveryFailure & { readonly kind: PermanentFailure } };

/**
 * Sends one planned message. Idempotent per nonce (a resend returns the message already posted) and stateless, so any
 * process may resume a run another one started. Reports failures as outcomes; it does not throw.
 */
export interface DeliveryPort {
  deliver(message: OutgoingMessage, signal: AbortSignal): Promise<DeliveryOutcome>;
}
