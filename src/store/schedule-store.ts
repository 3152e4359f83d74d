import type { Database } from 'better-sqlite3';
import { SqliteSchedules } from './sqlite/schedules.js';
import { SqliteDb } from './sqlite/statements.js';
import type { ScheduleRecord, ScheduleSettings, ScheduleState, ScheduleStateReason } from './types.js';

export type { ScheduleSettings, ScheduleRecord, ScheduleState, ScheduleStateReason } from './types.js';

/** Digest settings per channel, synchronously (the digest's API until it moves to Store.schedules). */
export class ScheduleStore {
  private readonly schedules: SqliteSchedules;

  constructor(db: Database | SqliteDb) {
    this.schedules = new SqliteSchedules(db instanceof SqliteDb ? db : new SqliteDb(db));
  }

  /** Creates or replaces a channel's schedule; (re)enables it and restarts its run count, keeping its cursor. */
  upsert(settings: ScheduleSettings, now: number): ScheduleRecord {
    return this.schedules.upsert(settings, now);
  }

  get(channelId: string): ScheduleRecord | undefined {
    return this.schedules.get(channelId);
  }

  listByGuild(guildId: string): ScheduleRecord[] {
    return this.schedules.ofGuild(guildId);
  }

  listActive(): ScheduleRecord[] {
    return this.schedules.active();
  }

  remove(channelId: string): boolean {
    return this.schedules.delete(channelId);
  }

  markSlot(channelId: string, slotAt: number): void {
    this.schedules.markSlot(channelId, slotAt);
  }

  setCursor(channelId: string, cursorStory: number): void {
    this.schedules.setCursor(channelId, cursorStory);
  }

  /** Stops a schedule from firing until `/digest set` (or a successful manual post) enables it again. */
  halt(channelId: string, state: Exclude<ScheduleState, 'active'>, reason: ScheduleStateReason, detail: string, now: number): void {
    this.schedules.halt(channelId, state, reason, detail, now);
  }

  /** Returns the number of failed digests in a row, this one included. */
  recordFailure(channelId: string, detail: string, now: number): number {
    return this.schedules.recordFailure(channelId, detail, now);
  }

  /** A digest went through: the channel works, so any pause is over. */
  recordSuccess(channelId: string, now: number): void {
    this.schedules.recordSuccess(channelId, now);
  }
}
