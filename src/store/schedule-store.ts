import type { Database } from 'better-sqlite3';

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
  readonly size: number;
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

interface ScheduleRow {
  channel_id: string;
  guild_id: string;
  schedule_input: string;
  cron: string;
  time_zone: string;
  size: number;
  locale: string;
  post_when_empty: number;
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

function toRecord(row: ScheduleRow): ScheduleRecord {
  return {
    channelId: row.channel_id,
    guildId: row.guild_id,
    scheduleInput: row.schedule_input,
    cron: row.cron,
    timeZone: row.time_zone,
    size: row.size,
    locale: row.locale,
    postWhenEmpty: row.post_when_empty === 1,
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

/** Digest settings per channel. */
export class ScheduleStore {
  constructor(private readonly db: Database) {}

  /** Creates or replaces a channel's schedule; (re)enables it and restarts its run count, keeping its cursor. */
  upsert(settings: ScheduleSettings, now: number): ScheduleRecord {
    this.db
      .prepare(
        `INSERT INTO digest_schedules (channel_id, guild_id, schedule_input, cron, time_zone, size, locale, post_when_empty,
           state, anchor_at, created_by, created_at, updated_at)
         VALUES (@channelId, @guildId, @scheduleInput, @cron, @timeZone, @size, @locale, @postWhenEmpty, 'active', @now, @createdBy, @now, @now)
         ON CONFLICT (channel_id) DO UPDATE SET
           guild_id = excluded.guild_id, schedule_input = excluded.schedule_input, cron = excluded.cron,
           time_zone = excluded.time_zone, size = excluded.size, locale = excluded.locale,
           post_when_empty = excluded.post_when_empty, state = 'active', state_reason = NULL, state_detail = NULL,
           state_since = NULL, consecutive_failures = 0, anchor_at = excluded.anchor_at, last_slot_at = NULL,
           updated_at = excluded.updated_at`,
      )
      .run({ ...settings, postWhenEmpty: settings.postWhenEmpty ? 1 : 0, now });
    const saved = this.get(settings.channelId);
    if (saved === undefined) throw new Error(`schedule for ${settings.channelId} vanished after saving`);
    return saved;
  }

  get(channelId: string): ScheduleRecord | undefined {
    const row = this.db.prepare('SELECT * FROM digest_schedules WHERE channel_id = ?').get(channelId) as ScheduleRow | undefined;
    return row === undefined ? undefined : toRecord(row);
  }

  listByGuild(guildId: string): ScheduleRecord[] {
    const rows = this.db.prepare('SELECT * FROM digest_schedules WHERE guild_id = ? ORDER BY created_at, channel_id').all(guildId) as ScheduleRow[];
    return rows.map(toRecord);
  }

  listActive(): ScheduleRecord[] {
    const rows = this.db.prepare("SELECT * FROM digest_schedules WHERE state = 'active' ORDER BY channel_id").all() as ScheduleRow[];
    return rows.map(toRecord);
  }

  remove(channelId: string): boolean {
    return this.db.prepare('DELETE FROM digest_schedules WHERE channel_id = ?').run(channelId).changes > 0;
  }

  markSlot(channelId: string, slotAt: number): void {
    this.db.prepare('UPDATE digest_schedules SET last_slot_at = ? WHERE channel_id = ?').run(slotAt, channelId);
  }

  setCursor(channelId: string, cursorStory: number): void {
    this.db
      .prepare('UPDATE digest_schedules SET cursor_story = max(coalesce(cursor_story, 0), ?) WHERE channel_id = ?')
      .run(cursorStory, channelId);
  }

  /** Stops a schedule from firing until `/digest set` (or a successful manual post) enables it again. */
  halt(channelId: string, state: Exclude<ScheduleState, 'active'>, reason: ScheduleStateReason, detail: string, now: number): void {
    this.db
      .prepare(
        'UPDATE digest_schedules SET state = ?, state_reason = ?, state_detail = ?, state_since = ?, updated_at = ? WHERE channel_id = ?',
      )
      .run(state, reason, detail, now, now, channelId);
  }

  /** Returns the number of failed digests in a row, this one included. */
  recordFailure(channelId: string, detail: string, now: number): number {
    const row = this.db
      .prepare(
        `UPDATE digest_schedules SET consecutive_failures = consecutive_failures + 1, state_detail = ?, updated_at = ?
         WHERE channel_id = ? RETURNING consecutive_failures`,
      )
      .get(detail, now, channelId) as { consecutive_failures: number } | undefined;
    return row?.consecutive_failures ?? 0;
  }

  /** A digest went through: the channel works, so any pause is over. */
  recordSuccess(channelId: string, now: number): void {
    this.db
      .prepare(
        `UPDATE digest_schedules SET consecutive_failures = 0, state = 'active', state_reason = NULL, state_detail = NULL,
           state_since = NULL, updated_at = ? WHERE channel_id = ?`,
      )
      .run(now, channelId);
  }
}
