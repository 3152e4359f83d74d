/** The records the store keeps, shared by both backends and by the digest core. */

export type ScheduleState = 'active' | 'paused' | 'disabled';
/** forbidden/not_found come from Discord (403/404); failures = repeated failed digests. */
export type ScheduleStateReason = 'forbidden' | 'not_found' | 'failures';

export interface ScheduleSettings {
  readonly channelId: string;
  readonly guildId: string;
  /** What the moderator typed, shown back in status. */
  readonly scheduleInput: string;
  readonly cron: string;
  readonly timeZone: string;
  /** Articles per digest message. */
  readonly size: number;
  /** Digest messages one run may post; articles beyond size × maxMessages wait for the next run. */
  readonly maxMessages: number;
  /** Language of the posts (the guild's locale when set). */
  readonly locale: string;
  readonly postWhenEmpty: boolean;
  readonly createdBy: string | null;
}

export interface ScheduleRecord extends ScheduleSettings {
  readonly state: ScheduleState;
  readonly stateReason: ScheduleStateReason | null;
  readonly stateDetail: string | null;
  readonly stateSince: number | null;
  readonly consecutiveFailures: number;
  /** Runs are counted from here (set or changed time) until a first slot is handled. */
  readonly anchorAt: number;
  readonly lastSlotAt: number | null;
  /** Stories that entered the ledger after this one are news for the channel; null = no digest yet. */
  readonly cursorStory: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface LedgerEntry {
  readonly articleId: string;
  readonly title: string;
  /** Identity keys such as `url:…`, `title:…`, `content:…`; any shared key means the same story. */
  readonly keys: readonly string[];
  /** What the article was when recorded (digest/ledger.ts makes it); a restart compares it to skip unchanged articles. */
  readonly fingerprint: string;
}

/** An article as the ledger last recorded it, with its story. */
export interface RecordedArticle extends StoryRef {
  readonly articleId: string;
  readonly fingerprint: string;
}

export interface StoryRef {
  readonly storyId: number;
  /** When the story first entered the corpus. */
  readonly firstSeenAt: number;
}

export type RunTrigger = 'schedule' | 'manual';
export type RunStatus = 'pending' | 'delivered' | 'empty' | 'failed' | 'cancelled';
export type MessageStatus = 'intended' | 'sending' | 'delivered' | 'abandoned';

export interface PlannedMessage {
  readonly seq: number;
  readonly nonce: string;
  /** The JSON body to POST, frozen so that a resend after a crash is identical. */
  readonly payload: string;
}

export interface PlannedDelivery {
  readonly storyId: number;
  readonly articleId: string;
  readonly title: string;
  /** The message (seq) that carries this article. */
  readonly seq: number;
}

/** What a run is, as planned and as stored. */
interface RunPlan {
  readonly channelId: string;
  readonly guildId: string;
  /** Unique per channel: `s:<scheduled ms>` for a scheduled run, `m:<ms>` for a manual one. */
  readonly slot: string;
  readonly trigger: RunTrigger;
  readonly scheduledFor: number | null;
  /**
   * The channel's cursor once the run is recorded: every story up to it is delivered, on its way, owed, or not for this
   * channel (the newest story when planning began, or lower, below the articles the run left waiting).
   */
  readonly cutoffStory: number;
}

export interface NewRun extends RunPlan {
  readonly messages: readonly PlannedMessage[];
  readonly deliveries: readonly PlannedDelivery[];
  /** New articles the run left for the next one (they stay news for the channel). */
  readonly waiting?: number;
}

export interface RunRecord extends RunPlan {
  readonly id: number;
  readonly status: RunStatus;
  readonly articles: number;
  readonly messages: number;
  /** New articles left for the next run. */
  readonly waiting: number;
  readonly error: string | null;
  readonly createdAt: number;
  readonly finishedAt: number | null;
  /** The process delivering the run, while its claim lasts. */
  readonly claimedBy: string | null;
  readonly claimExpiresAt: number | null;
}

export interface MessageRecord {
  readonly runId: number;
  readonly seq: number;
  readonly nonce: string;
  readonly payload: string;
  readonly status: MessageStatus;
  readonly attempts: number;
  readonly messageId: string | null;
  readonly error: string | null;
  readonly sentAt: number | null;
}

export interface DeliveryRecord {
  readonly channelId: string;
  readonly storyId: number;
  readonly articleId: string;
  readonly title: string;
  readonly runId: number;
  readonly seq: number;
  readonly status: 'intended' | 'delivered' | 'released';
  readonly messageId: string | null;
  readonly intendedAt: number;
  readonly deliveredAt: number | null;
}

/** What the planner reads before choosing a channel's stories, in one consistent read. */
export interface PlanningState {
  /** The newest story in the ledger: the run's cutoff. */
  readonly newestStory: number;
  /** Stories delivered to the channel or on their way there. */
  readonly taken: ReadonlySet<number>;
  /** Stories of failed digests still owed to the channel. */
  readonly owed: ReadonlySet<number>;
}

export type InteractionOutcome = 'pending' | 'answered' | 'expired';

export interface NewInteraction {
  readonly id: string;
  readonly applicationId: string;
  /** The interaction's own webhook token (valid 15 minutes), never the bot's token. */
  readonly token: string;
  readonly guildId: string | null;
  readonly channelId: string | null;
  readonly userId: string | null;
  readonly command: string;
  readonly locale: string | null;
  readonly createdAt: number;
}

export interface InteractionRecord extends NewInteraction {
  readonly runId: number | null;
  readonly outcome: InteractionOutcome;
  /** What the reply said (e.g. `delivered`, `not_started`), for inspection. */
  readonly answer: string | null;
  readonly answeredAt: number | null;
}

export type FeedPauseReason = 'failures' | 'gone' | 'forbidden' | 'moderator';

export interface NewFeed {
  readonly guildId: string;
  readonly channelId: string;
  readonly url: string;
  /** Words an item must match to be posted; null = every item. */
  readonly filter: string | null;
  readonly createdBy: string | null;
}

export interface FeedRecord extends NewFeed {
  readonly id: number;
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly nextPollAt: number;
  readonly lastPolledAt: number | null;
  readonly lastSuccessAt: number | null;
  readonly consecutiveFailures: number;
  readonly pausedReason: FeedPauseReason | null;
  readonly pausedAt: number | null;
  readonly lastError: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** What one poll of a feed found out. */
export type FeedPollResult =
  | { readonly ok: true; readonly etag: string | null; readonly lastModified: string | null; readonly nextPollAt: number }
  | {
      readonly ok: false;
      readonly error: string;
      readonly nextPollAt: number;
      /** Pause the feed (a 404/410, a 403, or this many failures in a row reached). */
      readonly pause?: FeedPauseReason;
    };

export type FeedItemStatus = 'fetching' | 'fetched' | 'partial' | 'failed';

export interface FeedItemRef {
  readonly feedId: number;
  /** The item's identity within its feed (its guid, else its link, else a hash of title and date). */
  readonly key: string;
  readonly url: string | null;
}

export interface FeedItemRecord extends FeedItemRef {
  readonly status: FeedItemStatus;
  readonly attempts: number;
  readonly firstSeenAt: number;
  readonly fetchedAt: number | null;
  /** The article file written into the corpus, relative to CORPUS_DIR. */
  readonly articlePath: string | null;
  readonly error: string | null;
}

export type FeedItemOutcome =
  | { readonly status: 'fetched' | 'partial'; readonly articlePath: string }
  | { readonly status: 'failed'; readonly error: string };

export interface CorpusChange {
  /** Grows with every change; a subscriber that missed some reads them back with `since(id)`. */
  readonly id: number;
  readonly at: number;
  /** e.g. `added`, `removed`, `reloaded`. */
  readonly kind: string;
  /** JSON the sender chose (paths, article ids, counts). */
  readonly detail: string;
}
