import type {
  CorpusChange,
  DeliveryRecord,
  FeedItemRecord,
  FeedItemStatus,
  FeedPauseReason,
  FeedRecord,
  InteractionOutcome,
  InteractionRecord,
  MessageRecord,
  MessageStatus,
  RunRecord,
  RunStatus,
  RunTrigger,
  ScheduleRecord,
  ScheduleState,
  ScheduleStateReason,
} from './types.js';

/** Rows as both backends return them (`SELECT *`): SQLite gives 0/1 where PostgreSQL gives booleans. */
export interface ScheduleRow {
  channel_id: string;
  guild_id: string;
  schedule_input: string;
  cron: string;
  time_zone: string;
  size: number;
  max_messages: number;
  locale: string;
  post_when_empty: number | boolean;
  state: ScheduleState;
  state_reason: ScheduleStateReason | null;
  state_detail: string | null;
  state_since: number | null;
  consecutive_failures: number;
  anchor_at: number;
  last_slot_at: number | null;
  cursor_story: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export function toSchedule(row: ScheduleRow): ScheduleRecord {
  return {
    channelId: row.channel_id,
    guildId: row.guild_id,
    scheduleInput: row.schedule_input,
    cron: row.cron,
    timeZone: row.time_zone,
    size: row.size,
    maxMessages: row.max_messages,
    locale: row.locale,
    postWhenEmpty: row.post_when_empty === true || row.post_when_empty === 1,
    createdBy: row.created_by,
    state: row.state,
    stateReason: row.state_reason,
    stateDetail: row.state_detail,
    stateSince: row.state_since,
    consecutiveFailures: row.consecutive_failures,
    anchorAt: row.anchor_at,
    lastSlotAt: row.last_slot_at,
    cursorStory: row.cursor_story,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface RunRow {
  id: number;
  channel_id: string;
  guild_id: string;
  slot: string;
  trigger: RunTrigger;
  scheduled_for: number | null;
  cutoff_story: number;
  status: RunStatus;
  articles: number;
  messages: number;
  waiting: number;
  error: string | null;
  created_at: number;
  finished_at: number | null;
  claimed_by: string | null;
  claim_expires_at: number | null;
}

export function toRun(row: RunRow): RunRecord {
  return {
    id: row.id,
    channelId: row.channel_id,
    guildId: row.guild_id,
    slot: row.slot,
    trigger: row.trigger,
    scheduledFor: row.scheduled_for,
    cutoffStory: row.cutoff_story,
    status: row.status,
    articles: row.articles,
    messages: row.messages,
    waiting: row.waiting,
    error: row.error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    claimedBy: row.claimed_by,
    claimExpiresAt: row.claim_expires_at,
  };
}

export interface MessageRow {
  run_id: number;
  seq: number;
  nonce: string;
  payload: string;
  status: MessageStatus;
  attempts: number;
  message_id: string | null;
  error: string | null;
  sent_at: number | null;
}

export function toMessage(row: MessageRow): MessageRecord {
  return {
    runId: row.run_id,
    seq: row.seq,
    nonce: row.nonce,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
    messageId: row.message_id,
    error: row.error,
    sentAt: row.sent_at,
  };
}

export interface DeliveryRow {
  channel_id: string;
  story_id: number;
  article_id: string;
  title: string;
  run_id: number;
  seq: number;
  status: DeliveryRecord['status'];
  message_id: string | null;
  intended_at: number;
  delivered_at: number | null;
}

export function toDelivery(row: DeliveryRow): DeliveryRecord {
  return {
    channelId: row.channel_id,
    storyId: row.story_id,
    articleId: row.article_id,
    title: row.title,
    runId: row.run_id,
    seq: row.seq,
    status: row.status,
    messageId: row.message_id,
    intendedAt: row.intended_at,
    deliveredAt: row.delivered_at,
  };
}

export interface InteractionRow {
  id: string;
  application_id: string;
  token: string;
  guild_id: string | null;
  channel_id: string | null;
  user_id: string | null;
  command: string;
  locale: string | null;
  created_at: number;
  run_id: number | null;
  outcome: InteractionOutcome;
  answer: string | null;
  answered_at: number | null;
}

export function toInteraction(row: InteractionRow): InteractionRecord {
  return {
    id: row.id,
    applicationId: row.application_id,
    token: row.token,
    guildId: row.guild_id,
    channelId: row.channel_id,
    userId: row.user_id,
    command: row.command,
    locale: row.locale,
    createdAt: row.created_at,
    runId: row.run_id,
    outcome: row.outcome,
    answer: row.answer,
    answeredAt: row.answered_at,
  };
}

export interface FeedRow {
  id: number;
  guild_id: string;
  channel_id: string;
  url: string;
  filter: string | null;
  created_by: string | null;
  etag: string | null;
  last_modified: string | null;
  next_poll_at: number;
  last_polled_at: number | null;
  last_success_at: number | null;
  consecutive_failures: number;
  paused_reason: FeedPauseReason | null;
  paused_at: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export function toFeed(row: FeedRow): FeedRecord {
  return {
    id: row.id,
    guildId: row.guild_id,
    channelId: row.channel_id,
    url: row.url,
    filter: row.filter,
    createdBy: row.created_by,
    etag: row.etag,
    lastModified: row.last_modified,
    nextPollAt: row.next_poll_at,
    lastPolledAt: row.last_polled_at,
    lastSuccessAt: row.last_success_at,
    consecutiveFailures: row.consecutive_failures,
    pausedReason: row.paused_reason,
    pausedAt: row.paused_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface FeedItemRow {
  feed_id: number;
  item_key: string;
  url: string | null;
  status: FeedItemStatus;
  attempts: number;
  first_seen_at: number;
  fetched_at: number | null;
  article_path: string | null;
  error: string | null;
}

export function toFeedItem(row: FeedItemRow): FeedItemRecord {
  return {
    feedId: row.feed_id,
    key: row.item_key,
    url: row.url,
    status: row.status,
    attempts: row.attempts,
    firstSeenAt: row.first_seen_at,
    fetchedAt: row.fetched_at,
    articlePath: row.article_path,
    error: row.error,
  };
}

export interface CorpusChangeRow {
  id: number;
  at: number;
  kind: string;
  detail: string;
}

export function toCorpusChange(row: CorpusChangeRow): CorpusChange {
  return { id: row.id, at: row.at, kind: row.kind, detail: row.detail };
}
