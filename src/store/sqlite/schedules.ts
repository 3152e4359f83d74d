import { toSchedule, type ScheduleRow } from '../rows.js';
import type { SaveScheduleResult, Schedules } from '../store.js';
import type { ScheduleRecord, ScheduleSettings, ScheduleState, ScheduleStateReason } from '../types.js';
import type { Sync } from './async.js';
import { abandonRun } from './run-writes.js';
import type { SqliteDb } from './statements.js';

/** Digest settings per channel, in SQLite. */
export class SqliteSchedules implements Sync<Schedules> {
  constructor(private readonly sql: SqliteDb) {}

  save(settings: ScheduleSettings, now: number, maxPerGuild: number): SaveScheduleResult {
    return this.sql.transaction((): SaveScheduleResult => {
      const exists = this.sql.value<number>('SELECT 1 FROM digest_schedules WHERE channel_id = ?', settings.channelId) !== undefined;
      const inGuild = this.sql.value<number>('SELECT count(*) FROM digest_schedules WHERE guild_id = ?', settings.guildId) ?? 0;
      if (!exists && inGuild >= maxPerGuild) return { status: 'too_many', max: maxPerGuild };
      return { status: 'saved', schedule: this.upsert(settings, now) };
    });
  }

  /** Creates or replaces a channel's schedule; (re)enables it and restarts its run count, keeping its cursor. */
  upsert(settings: ScheduleSettings, now: number): ScheduleRecord {
    this.sql.run(
      `INSERT INTO digest_schedules (channel_id, guild_id, schedule_input, cron, time_zone, size, max_messages, locale, post_when_empty,
         state, anchor_at, created_by, created_at, updated_at)
       VALUES (@channelId, @guildId, @scheduleInput, @cron, @timeZone, @size, @maxMessages, @locale, @postWhenEmpty, 'active', @now, @createdBy, @now, @now)
       ON CONFLICT (channel_id) DO UPDATE SET
         guild_id = excluded.guild_id, schedule_input = excluded.schedule_input, cron = excluded.cron,
         time_zone = excluded.time_zone, size = excluded.size, max_messages = excluded.max_messages, locale = excluded.locale,
         post_when_empty = excluded.post_when_empty, state = 'active', state_reason = NULL, state_detail = NULL,
         state_since = NULL, consecutive_failures = 0, anchor_at = excluded.anchor_at, last_slot_at = NULL,
         updated_at = excluded.updated_at`,
      { ...settings, postWhenEmpty: settings.postWhenEmpty ? 1 : 0, now },
    );
    const saved = this.get(settings.channelId);
    if (saved === undefined) throw new Error(`schedule for ${settings.channelId} vanished after saving`);
    return saved;
  }

  get(channelId: string): ScheduleRecord | undefined {
    const row = this.sql.get<ScheduleRow>('SELECT * FROM digest_schedules WHERE channel_id = ?', channelId);
    return row === undefined ? undefined : toSchedule(row);
  }

  ofGuild(guildId: string): ScheduleRecord[] {
    return this.sql.all<ScheduleRow>('SELECT * FROM digest_schedules WHERE guild_id = ? ORDER BY created_at, channel_id', guildId).map(toSchedule);
  }

  active(): ScheduleRecord[] {
    return this.sql.all<ScheduleRow>("SELECT * FROM digest_schedules WHERE state = 'active' ORDER BY channel_id").map(toSchedule);
  }

  remove(guildId: string, channelId: string, now: number): boolean {
    return this.sql.transaction(() => {
      const owner = this.sql.value<string>('SELECT guild_id FROM digest_schedules WHERE channel_id = ?', channelId);
      if (owner !== guildId) return false;
      const unclaimed = this.sql.all<{ id: number }>(
        `SELECT id FROM digest_runs WHERE channel_id = ? AND status = 'pending' AND (claimed_by IS NULL OR claim_expires_at <= ?)`,
        channelId,
        now,
      );
      for (const { id } of unclaimed) abandonRun(this.sql, id, 'cancelled', 'digest turned off', now);
      return this.delete(channelId);
    });
  }

  delete(channelId: string): boolean {
    return this.sql.changed('DELETE FROM digest_schedules WHERE channel_id = ?', channelId);
  }

  markSlot(channelId: string, slotAt: number): void {
    this.sql.run('UPDATE digest_schedules SET last_slot_at = ? WHERE channel_id = ?', slotAt, channelId);
  }

  setCursor(channelId: string, cursorStory: number): void {
    this.sql.run('UPDATE digest_schedules SET cursor_story = max(coalesce(cursor_story, 0), ?) WHERE channel_id = ?', cursorStory, channelId);
  }

  /** Stops a schedule from firing until `/digest set` (or a successful manual post) enables it again. */
  halt(channelId: string, state: Exclude<ScheduleState, 'active'>, reason: ScheduleStateReason, detail: string, now: number): void {
    this.sql.run(
      'UPDATE digest_schedules SET state = ?, state_reason = ?, state_detail = ?, state_since = ?, updated_at = ? WHERE channel_id = ?',
      state,
      reason,
      detail,
      now,
      now,
      channelId,
    );
  }

  /** Returns the number of failed digests in a row, this one included. */
  recordFailure(channelId: string, detail: string, now: number): number {
    const row = this.sql.get<{ consecutive_failures: number }>(
      `UPDATE digest_schedules SET consecutive_failures = consecutive_failures + 1, state_detail = ?, updated_at = ?
       WHERE channel_id = ? RETURNING consecutive_failures`,
      detail,
      now,
      channelId,
    );
    return row?.consecutive_failures ?? 0;
  }

  /** A digest went through: the channel works, so any pause is over. */
  recordSuccess(channelId: string, now: number): void {
    this.sql.run(
      `UPDATE digest_schedules SET consecutive_failures = 0, state = 'active', state_reason = NULL, state_detail = NULL,
         state_since = NULL, updated_at = ? WHERE channel_id = ?`,
      now,
      channelId,
    );
  }
}
