import type { Database } from 'better-sqlite3';
import { SqliteRuns } from './sqlite/runs.js';
import { SqliteSchedules } from './sqlite/schedules.js';
import { SqliteDb } from './sqlite/statements.js';
import type { DeliveryRecord, MessageRecord, NewRun, RunRecord } from './types.js';

export type {
  RunTrigger,
  RunStatus,
  MessageStatus,
  PlannedMessage,
  PlannedDelivery,
  NewRun,
  RunRecord,
  MessageRecord,
  DeliveryRecord,
} from './types.js';

/** Digest runs, their messages and the delivery log, synchronously (the digest's API until it moves to Store.runs). */
export class RunStore {
  private readonly runs: SqliteRuns;

  constructor(db: Database | SqliteDb) {
    const sql = db instanceof SqliteDb ? db : new SqliteDb(db);
    this.runs = new SqliteRuns(sql, new SqliteSchedules(sql));
  }

  /**
   * Records a run as intended, with its messages and deliveries, atomically.
   * Returns undefined when the channel already has a run for this slot.
   */
  create(run: NewRun, now: number): RunRecord | undefined {
    return this.runs.create(run, now);
  }

  get(runId: number): RunRecord | undefined {
    return this.runs.get(runId);
  }

  pending(): RunRecord[] {
    return this.runs.pending();
  }

  latest(channelId: string): RunRecord | undefined {
    return this.runs.latest(channelId);
  }

  messagesOf(runId: number): MessageRecord[] {
    return this.runs.messagesOf(runId);
  }

  /** Stories that must not be picked again for the channel: delivered, or intended by a run in progress. */
  takenStories(channelId: string): Set<number> {
    return this.runs.takenStories(channelId);
  }

  /** Stories of failed runs that never reached the channel: news still owed to it. */
  releasedStories(channelId: string): Set<number> {
    return this.runs.releasedStories(channelId);
  }

  deliveriesOf(channelId: string): DeliveryRecord[] {
    return this.runs.deliveriesOf(channelId);
  }

  markSending(runId: number, seq: number, now: number): void {
    this.runs.markSending(runId, seq, now);
  }

  markDelivered(runId: number, seq: number, messageId: string | null, now: number): void {
    this.runs.markDelivered(runId, seq, messageId, now);
  }

  noteMessageError(runId: number, seq: number, error: string): void {
    this.runs.noteMessageError(runId, seq, error);
  }

  finish(runId: number, now: number): void {
    this.runs.finish(runId, now);
  }

  /** Ends a run that cannot complete; what it did not deliver is released so a later digest can carry it. */
  abandon(runId: number, status: 'failed' | 'cancelled', error: string, now: number): void {
    this.runs.abandon(runId, status, error, now);
  }

  /** Forgets the message bodies of runs finished before `before` (the delivery log itself is kept for good). */
  pruneMessages(before: number): number {
    return this.runs.pruneMessages(before);
  }

  pendingOf(channelId: string): RunRecord[] {
    return this.runs.pendingOf(channelId);
  }
}
