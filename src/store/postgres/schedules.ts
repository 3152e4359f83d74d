import { toSchedule, type ScheduleRow } from '../rows.js';
import type { SaveScheduleResult, Schedules } from '../store.js';
import type { ScheduleRecord, ScheduleSettings } from '../types.js';
import type { Queryable, Sql } from './connection.js';
import { abandonRun } from './run-writes.js';

/** Digest settings per channel, in PostgreSQL. */
export class PostgresSchedules implements Schedules {
  constructor(private readonly sql: Sql) {}

  async save(settings: ScheduleSettings, now: number, maxPerGuild: number): Promise<SaveScheduleResult> {
    return this.sql.begin(async (tx): Promise<SaveScheduleResult> => {
      // Two moderators adding channels at once must not both pass the limit: one guild's saves take turns.
      await tx`SELECT pg_advisory_xact_lock(hashtextextended(${`digest-guild:${settings.guildId}`}, 0))`;
      const [counts] = await tx<{ exists: boolean; in_guild: number }[]>`
        SELECT EXISTS (SELECT 1 FROM digest_schedules WHERE channel_id = ${settings.channelId}) AS exists,
               (SELECT count(*)::int FROM digest_schedules WHERE guild_id = ${settings.guildId}) AS in_guild`;
      if (counts !== undefined && !counts.exists && counts.in_guild >= maxPerGuild) return { status: 'too_many', max: maxPerGuild };
      const [row] = await tx<ScheduleRow[]>`
        INSERT INTO digest_schedules (channel_id, guild_id, schedule_input, cron, time_zone, size, max_messages, locale, post_when_empty,
          state, anchor_at, created_by, created_at, updated_at)
        VALUES (${settings.channelId}, ${settings.guildId}, ${settings.scheduleInput}, ${settings.cron}, ${settings.timeZone},
          ${settings.size}, ${settings.maxMessages}, ${settings.locale}, ${settings.postWhenEmpty}, 'active', ${now}, ${settings.createdBy}, ${now}, ${now})
        ON CONFLICT (channel_id) DO UPDATE SET
          guild_id = excluded.guild_id, schedule_input = excluded.schedule_input, cron = excluded.cron,
          time_zone = excluded.time_zone, size = excluded.size, max_messages = excluded.max_messages, locale = excluded.locale,
          post_when_empty = excluded.post_when_empty, state = 'active', state_reason = NULL, state_detail = NULL,
          state_since = NULL, consecutive_failures = 0, anchor_at = excluded.anchor_at, last_slot_at = NULL,
          updated_at = excluded.updated_at
        RETURNING *`;
      if (row === undefined) throw new Error(`schedule for ${settings.channelId} vanished after saving`);
      return { status: 'saved', schedule: toSchedule(row) };
    });
  }

  async get(channelId: string): Promise<ScheduleRecord | undefined> {
    return scheduleOf(this.sql, channelId);
  }

  async ofGuild(guildId: string): Promise<ScheduleRecord[]> {
    const rows = await this.sql<ScheduleRow[]>`SELECT * FROM digest_schedules WHERE guild_id = ${guildId} ORDER BY created_at, channel_id COLLATE "C"`;
    return rows.map(toSchedule);
  }

  async active(): Promise<ScheduleRecord[]> {
    const rows = await this.sql<ScheduleRow[]>`SELECT * FROM digest_schedules WHERE state = 'active' ORDER BY channel_id COLLATE "C"`;
    return rows.map(toSchedule);
  }

  async remove(guildId: string, channelId: string, now: number): Promise<boolean> {
    return this.sql.begin(async (tx) => {
      const [owner] = await tx<{ guild_id: string }[]>`SELECT guild_id FROM digest_schedules WHERE channel_id = ${channelId} FOR UPDATE`;
      if (owner?.guild_id !== guildId) return false;
      const unclaimed = await tx<{ id: number }[]>`
        SELECT id FROM digest_runs WHERE channel_id = ${channelId} AND status = 'pending'
          AND (claimed_by IS NULL OR claim_expires_at <= ${now}) FOR UPDATE`;
      for (const { id } of unclaimed) await abandonRun(tx, id, 'cancelled', 'digest turned off', now);
      const deleted = await tx`DELETE FROM digest_schedules WHERE channel_id = ${channelId}`;
      return deleted.count > 0;
    });
  }
}

export async function scheduleOf(sql: Queryable, channelId: string, forUpdate = false): Promise<ScheduleRecord | undefined> {
  const rows = forUpdate
    ? await sql<ScheduleRow[]>`SELECT * FROM digest_schedules WHERE channel_id = ${channelId} FOR UPDATE`
    : await sql<ScheduleRow[]>`SELECT * FROM digest_schedules WHERE channel_id = ${channelId}`;
  const row = rows[0];
  return row === undefined ? undefined : toSchedule(row);
}
