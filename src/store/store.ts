import type {
  CorpusChange,
  DeliveryRecord,
  FeedItemOutcome,
  FeedItemRecord,
  FeedItemRef,
  FeedPauseReason,
  FeedPollResult,
  FeedRecord,
  InteractionRecord,
  LedgerEntry,
  MessageRecord,
  NewFeed,
  NewInteraction,
  NewRun,
  RecordedArticle,
  PlanningState,
  RunRecord,
  ScheduleRecord,
  ScheduleSettings,
  ScheduleState,
  ScheduleStateReason,
  StoryRef,
} from './types.js';

/**
 * The store: every piece of state that outlives a process, in SQLite (one host) or PostgreSQL (many). Each method is
 * one atomic operation; where the digest needs several writes to hold together, one method does them all. Methods
 * reject with StoreUnavailable when the database cannot be used (read-only, full, gone), and never leave half of an
 * operation written.
 */
export interface Store extends Repositories {
  readonly backend: 'sqlite' | 'postgres';
  /** Resolves when the database answers (for health checks). */
  ping(): Promise<void>;
  /** Stops timers and listeners and closes the connection(s); the store is unusable afterwards. */
  close(): Promise<void>;
}

/** The parts of the store, one per kind of state. */
export interface Repositories {
  readonly schedules: Schedules;
  readonly ledger: Ledger;
  readonly runs: Runs;
  readonly leases: Leases;
  readonly interactions: Interactions;
  readonly feeds: Feeds;
  readonly corpus: CorpusChanges;
}

/** A process that crashed on this host (see digest/instance.ts); lets a claim be taken over before it expires. */
export type IsGoneHolder = (holder: string) => boolean;

export type SaveScheduleResult = { readonly status: 'saved'; readonly schedule: ScheduleRecord } | { readonly status: 'too_many'; readonly max: number };

/** Digest settings per channel. */
export interface Schedules {
  /**
   * Creates or replaces a channel's schedule, (re)enabling it and restarting its run count but keeping its cursor;
   * a new channel is refused when its guild already has `maxPerGuild` schedules (counted in the same transaction).
   */
  save(settings: ScheduleSettings, now: number, maxPerGuild: number): Promise<SaveScheduleResult>;
  get(channelId: string): Promise<ScheduleRecord | undefined>;
  ofGuild(guildId: string): Promise<ScheduleRecord[]>;
  active(): Promise<ScheduleRecord[]>;
  /**
   * Deletes the channel's schedule when it belongs to `guildId`; its pending runs that no live process is delivering
   * are cancelled and their stories released, atomically. False when there was no such schedule.
   */
  remove(guildId: string, channelId: string, now: number): Promise<boolean>;
}

/** The corpus ledger: every story ever seen, when it entered, and the identity keys it is known by. */
export interface Ledger {
  /**
   * Resolves each entry to its story (creating new stories at `now`) and remembers all of its keys. Story ids grow in
   * the order stories enter and are visible in that order, also with several writers.
   */
  record(entries: readonly LedgerEntry[], now: number): Promise<Map<string, StoryRef>>;
  /** Every article recorded so far, as last recorded (one read: a restart learns from it what needs no recording again). */
  articles(): Promise<RecordedArticle[]>;
  keysOf(storyId: number): Promise<string[]>;
  newestStory(): Promise<number>;
  storyCount(): Promise<number>;
}

/** How a failed run bears on its channel's schedule (the policy stays in the digest core). */
export type FailureEffect =
  | { readonly kind: 'pause'; readonly reason: Extract<ScheduleStateReason, 'forbidden' | 'not_found'> }
  /** Counts a failure in a row; the schedule is disabled when the count reaches `disableAfter`. */
  | { readonly kind: 'count'; readonly disableAfter: number }
  | { readonly kind: 'none' };

export interface RecordRunOptions {
  /** The channel's slot this run handles (scheduled runs): remembered so the slot does not fire again. */
  readonly scheduledFor?: number | null;
  /** Claim the new run for its planner at once, so no other process resumes it meanwhile. */
  readonly claim?: { readonly holder: string; readonly ttlMs: number };
  /** The /digest now interaction waiting for this run's outcome. */
  readonly interactionId?: string | null;
}

export type RecordRunResult =
  | { readonly status: 'recorded'; readonly run: RunRecord }
  /** The channel already has a run for this slot. */
  | { readonly status: 'slot_taken' }
  /** Another run took one of the chosen stories since planningState was read: plan again. */
  | { readonly status: 'story_taken'; readonly storyId: number };

/** Digest runs, the messages each sends, and the per-channel delivery log of stories. */
export interface Runs {
  planningState(channelId: string): Promise<PlanningState>;
  /**
   * Records a run as intended with its messages and deliveries, advances the channel's cursor to the run's cutoff,
   * marks its slot and links its interaction, all at once.
   */
  record(run: NewRun, now: number, options?: RecordRunOptions): Promise<RecordRunResult>;
  get(runId: number): Promise<RunRecord | undefined>;
  latest(channelId: string): Promise<RunRecord | undefined>;
  pending(): Promise<RunRecord[]>;
  messagesOf(runId: number): Promise<MessageRecord[]>;
  deliveriesOf(channelId: string): Promise<DeliveryRecord[]>;
  /**
   * Makes `holder` the one process that delivers a pending run, until `now + ttlMs` (renewed by beginSend). Undefined
   * when the run is not pending or another live process holds it.
   */
  claim(runId: number, holder: string, ttlMs: number, now: number, isGone?: IsGoneHolder): Promise<RunRecord | undefined>;
  /** Gives a claim back (on shutdown), so another process may resume the run at once. */
  release(runId: number, holder: string): Promise<void>;
  /**
   * Marks a message as being sent (one more attempt) and renews the claim, only while `holder` holds the run: false
   * means another process took it over and this one must not send.
   */
  beginSend(runId: number, seq: number, holder: string, ttlMs: number, now: number): Promise<boolean>;
  /** Records a message as posted (whoever holds the run: it was posted) and its stories as delivered. */
  markDelivered(runId: number, seq: number, messageId: string | null, now: number): Promise<void>;
  /** Ends a delivered run, clears its claim and tells its schedule the channel works again. */
  complete(runId: number, now: number): Promise<void>;
  /**
   * Ends a run that cannot complete: notes the error on the message, releases its undelivered stories and applies
   * `effect` to the schedule; returns the schedule's state afterwards (null when it has none).
   */
  fail(runId: number, failure: { readonly seq: number | null; readonly detail: string; readonly effect: FailureEffect }, now: number): Promise<ScheduleState | null>;
  /** Forgets the message bodies of runs finished before `before` (the delivery log itself is kept); returns how many. */
  pruneMessages(before: number): Promise<number>;
}

/** Named leases (e.g. "who runs the scheduler"), taken over when they expire. */
export interface Leases {
  /** Takes or renews the lease when it is free, expired, ours, or held by a process `isGone` says crashed. */
  acquire(name: string, holder: string, ttlMs: number, now: number, isGone?: IsGoneHolder): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
  holder(name: string, now: number): Promise<string | null>;
}

/** Interactions the bot deferred, so a restart can still answer them while their token is valid. */
export interface Interactions {
  /**
   * Records an interaction as being answered by `holder` for `ttlMs`; true when recorded now, false when it was
   * already recorded (another process or a redelivery has it).
   */
  record(interaction: NewInteraction, holder: string, ttlMs: number): Promise<boolean>;
  get(interactionId: string): Promise<InteractionRecord | undefined>;
  linkRun(interactionId: string, runId: number): Promise<void>;
  /** Marks the interaction answered; false when it already was (someone else answered). */
  markAnswered(interactionId: string, answer: string, now: number): Promise<boolean>;
  /**
   * Claims (for `ttlMs`) the unanswered interactions created at or after `createdAfter` whose holder's claim ran out,
   * oldest first, so that exactly one process finishes each; one whose run a live process is still delivering is
   * left to that process. Unanswered ones created before `createdAfter` are marked expired.
   */
  claimUnanswered(holder: string, options: ClaimUnansweredOptions): Promise<InteractionRecord[]>;
  /** Deletes interactions created before `before` (their tokens are long dead); returns how many. */
  prune(before: number): Promise<number>;
}

export interface ClaimUnansweredOptions {
  readonly createdAfter: number;
  readonly now: number;
  readonly ttlMs: number;
  readonly limit: number;
  /** Holders known to have crashed: their claims (on interactions and on runs) count as run out. */
  readonly isGone?: IsGoneHolder;
}

export type AddFeedResult = { readonly status: 'added'; readonly feed: FeedRecord } | { readonly status: 'exists'; readonly feed: FeedRecord };

/** RSS/Atom feeds per guild, their poll state, and the items fetched from them. */
export interface Feeds {
  add(feed: NewFeed, now: number): Promise<AddFeedResult>;
  get(feedId: number): Promise<FeedRecord | undefined>;
  ofGuild(guildId: string): Promise<FeedRecord[]>;
  remove(guildId: string, feedId: number): Promise<boolean>;
  /** Pauses a feed (null resumes it, polling at once and forgetting its failures). */
  setPaused(feedId: number, reason: FeedPauseReason | null, now: number): Promise<void>;
  /** Claims up to `limit` unpaused feeds due at `now` that no live process is polling, soonest first. */
  claimDue(holder: string, now: number, ttlMs: number, limit: number): Promise<FeedRecord[]>;
  /** Stores what a poll found and gives the claim back; false when `holder` no longer held the feed. */
  recordPoll(feedId: number, holder: string, result: FeedPollResult, now: number): Promise<boolean>;
  /**
   * Claims an item for fetching: true for exactly one process, when the item is new, its previous fetch was abandoned
   * (claim expired), or it failed fewer than `maxAttempts` times. Fetched and partial items are never fetched again.
   */
  claimItem(item: FeedItemRef, holder: string, ttlMs: number, now: number, maxAttempts: number): Promise<boolean>;
  /** Records how fetching an item ended; false when `holder` no longer held it. */
  finishItem(feedId: number, key: string, holder: string, outcome: FeedItemOutcome, now: number): Promise<boolean>;
  items(feedId: number): Promise<FeedItemRecord[]>;
}

export interface CorpusChangeSubscription {
  close(): Promise<void>;
}

/**
 * Corpus change notices between processes: PostgreSQL LISTEN/NOTIFY (with a table to catch up after a lost
 * connection); on SQLite, one process, the listeners of this process.
 */
export interface CorpusChanges {
  /** Records a change and tells every subscriber (of every process sharing the database). */
  notify(kind: string, detail: string, now: number): Promise<CorpusChange>;
  /**
   * Calls `listener` once for each change recorded after subscribing, in order, also those sent while the connection
   * was lost; `onError` gets a listener's exceptions and lost connections.
   */
  subscribe(listener: (change: CorpusChange) => void, onError?: (error: unknown) => void): Promise<CorpusChangeSubscription>;
  since(id: number, limit?: number): Promise<CorpusChange[]>;
  /** The newest change's id (0 when none). */
  latest(): Promise<number>;
  prune(before: number): Promise<number>;
}
