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
  /**
   * Groups the given articles that tell the same story (src/library/near-duplicates.ts with the corpus's term rarity),
   * each group in the given order. Without it every article is an entry of its own.
   */
  nearDuplicateGroups?(articles: readonly Article[]): readonly (readonly Article[])[];
}

/**
 * Where new articles come from: the bot's `LibraryHolder` today. Any source fits (a feed poller that adds articles and swaps
 * in the next snapshot): the core records each snapshot's articles in the ledger and picks from them.
 */
export interface DigestLibraryHolder {
  current(): DigestLibrary;
  onSwap(listener: (next: DigestLibrary) => void): void;
}

/** Where else a digest entry's story was told: another outlet's article (a near-duplicate). */
export interface DigestSource {
  readonly title: string;
  /** The original article's address, when the article has one. */
  readonly url: string | null;
  /** The outlet: the article's source, else the host of its address. */
  readonly source: string | null;
}

/** One story as a digest shows it: its newest article, with the other outlets that told it. */
export interface DigestEntry extends DigestSource {
  readonly published: string | null;
  readonly summary: readonly string[];
  readonly keywords: readonly string[];
  /** The same story from other outlets (near-duplicates), each with its own link. */
  readonly also?: readonly DigestSource[];
}

/** What one digest says, in the channel's language and time zone, before a medium gives it a shape. */
export type DigestContent =
  | {
      readonly kind: 'articles';
      /** Newest first. */
      readonly entries: readonly DigestEntry[];
      /** New articles that did not fit: they wait for the channel's next digest. */
      readonly leftOut: number;
      /** Entries per message (the channel's size); a medium may need more messages for long text. */
      readonly perMessage?: number;
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
 * Shapes a digest into its medium's messages (Discord: embeds packed within its limits). Synchronous and pure: its output
 * is recorded with the run before anything is sent, so what is recorded is exactly what will be sent, by whichever
 * process resumes it.
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

/** A channel that has (or may have) a digest. */
export interface DigestChannel {
  readonly guildId: string;
  readonly channelId: string;
}

/** Whether an article may go to one channel's digest. */
export type ArticleFilter = (article: Article) => boolean;

/**
 * Which articles may go to which channel's digest. The core asks once per plan (also for a preview) and keeps to the
 * answer: an article the filter refuses is not news for that channel — it is neither posted nor counted as waiting.
 *
 * The seam for feeds: a feed names a channel and an optional filter (keywords, category, outlet); the feed poller writes
 * each item into the corpus as an article (its `source` the outlet, its `url` the original address, which the digest
 * entry shows and links). An implementation reads the feed table and answers, for a channel: an article a feed brought
 * in goes to the channels of the feeds that brought it, when it passes their filter; any other article goes where the
 * default sends it. `null` means every article, as for a channel with no route.
 */
export interface ChannelRoutes {
  filterFor(channel: DigestChannel): Promise<ArticleFilter | null>;
}

/** The default: every article to every digest. */
export const everyArticleEverywhere: ChannelRoutes = {
  filterFor: async () => null,
};

/** What a command that asked for a digest (`/digest now`) gets as its final answer. */
export type DigestCommandOutcome =
  | { readonly status: 'delivered'; readonly channelId: string; readonly articles: number; readonly messages: number; readonly waiting: number }
  | { readonly status: 'empty'; readonly channelId: string }
  | { readonly status: 'failed'; readonly channelId: string; readonly detail: string; readonly state: 'active' | 'paused' | 'disabled' }
  | { readonly status: 'cancelled'; readonly channelId: string }
  /** Accepted, then the process stopped before a digest was recorded: nothing was posted. */
  | { readonly status: 'not_started' };

/** A command the bot acknowledged ("thinking…") and must still answer, as recorded before it was acknowledged. */
export interface WaitingCommand {
  readonly id: string;
  readonly applicationId: string;
  /** The interaction's own token (valid 15 minutes after it was created), never the bot's. */
  readonly token: string;
  readonly locale: string | null;
}

/**
 * Finishes answers a previous process acknowledged and could not give (it stopped or crashed). Idempotent: the answer
 * replaces the acknowledgement, so giving it twice shows it once. 'expired' when the medium no longer takes it.
 */
export interface CommandReplies {
  finish(command: WaitingCommand, outcome: DigestCommandOutcome): Promise<'answered' | 'expired'>;
}
