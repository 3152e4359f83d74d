import { toDelivery, toMessage, toRun, type DeliveryRow, type MessageRow, type RunRow } from '../rows.js';
import type { FailureEffect, IsGoneHolder, RecordRunOptions, RecordRunResult, Runs } from '../store.js';
import { StoryTaken } from '../story-taken.js';
import type { DeliveryRecord, MessageRecord, NewRun, PlanningState, RunRecord, ScheduleState } from '../types.js';
import type { Sync } from './async.js';
import { abandonRun } from './run-writes.js';
import type { SqliteSchedules } from './schedules.js';
import type { SqliteDb } from './statements.js';

/** Digest runs, their messages and the per-channel delivery log, in SQLite. */
export class SqliteRuns implements Sync<Runs> {
  constructor(
    private readonly sql: SqliteDb,
    private readonly schedules: SqliteSchedules,
  ) {}

  planningState(channelId: string): PlanningState {
    return this.sql.db
      .transaction(() => ({
        newestStory: this.sql.value<number>('SELECT coalesce(max(id), 0) FROM stories') ?? 0,
        taken: this.takenStories(channelId),
        owed: this.releasedStories(channelId),
      }))
      .deferred();
  }

  record(run: NewRun, now: number, options: RecordRunOptions = {}): RecordRunResult {
    try {
      return this.sql.transaction((): RecordRunResult => {
        const created = this.create(run, now, options.claim);
        if (created === undefined) return { status: 'slot_taken' };
        this.schedules.setCursor(run.channelId, run.cutoffStory);
        if (options.scheduledFor !== undefined && options.scheduledFor !== null) this.schedules.markSlot(run.channelId, options.scheduledFor);
        if (options.interactionId !== undefined && options.interactionId !== null) this.linkInteraction(options.interactionId, created.id);
        return { status: 'recorded', run: created };
      });
    } catch (error) {
      if (error instanceof StoryTaken) return { status: 'story_taken', storyId: error.storyId };
      throw error;
    }
  }

  /**
   * Records a run as intended, with its messages and deliveries, atomically. Returns undefined when the channel already
   * has a run for this slot; throws StoryTaken when a story is already in the channel's delivery log.
   */
  create(run: NewRun, now: number, claim?: { readonly holder: string; readonly ttlMs: number }): RunRecord | undefined {
    return this.sql.transaction((): RunRecord | undefined => {
      const status = run.messages.length === 0 ? 'empty' : 'pending';
      const claimed = claim !== undefined && status === 'pending';
      const inserted = this.sql.run(
        `INSERT INTO digest_runs (channel_id, guild_id, slot, trigger, scheduled_for, cutoff_story, status, articles, messages,
           waiting, created_at, finished_at, claimed_by, claim_expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (channel_id, slot) DO NOTHING`,
        run.channelId,
        run.guildId,
        run.slot,
        run.trigger,
        run.scheduledFor,
        run.cutoffStory,
        status,
        run.deliveries.length,
        run.messages.length,
        run.waiting ?? 0,
        now,
        status === 'empty' ? now : null,
        claimed ? claim.holder : null,
        claimed ? now + claim.ttlMs : null,
      );
      if (inserted.changes === 0) return undefined;
      const runId = inserted.lastInsertRowid;
      for (const message of run.messages) {
        this.sql.run("INSERT INTO digest_messages (run_id, seq, nonce, payload, status) VALUES (?, ?, ?, ?, 'intended')", runId, message.seq, message.nonce, message.payload);
      }
      for (const delivery of run.deliveries) {
        const added = this.sql.run(
          `INSERT INTO digest_deliveries (channel_id, story_id, article_id, title, run_id, seq, status, intended_at)
           VALUES (?, ?, ?, ?, ?, ?, 'intended', ?)
           ON CONFLICT (channel_id, story_id) DO UPDATE SET article_id = excluded.article_id, title = excluded.title,
             run_id = excluded.run_id, seq = excluded.seq, status = 'intended', message_id = NULL,
             intended_at = excluded.intended_at, delivered_at = NULL
           WHERE digest_deliveries.status = 'released'`,
          run.channelId,
          delivery.storyId,
          delivery.articleId,
          delivery.title,
          runId,
          delivery.seq,
          now,
        );
        if (added.changes === 0) throw new StoryTaken(run.channelId, delivery.storyId);
      }
      return this.get(runId);
    });
  }

  private linkInteraction(interactionId: string, runId: number): void {
    this.sql.run('UPDATE interactions SET run_id = ? WHERE id = ?', runId, interactionId);
  }

  get(runId: number): RunRecord | undefined {
    const row = this.sql.get<RunRow>('SELECT * FROM digest_runs WHERE id = ?', runId);
    return row === undefined ? undefined : toRun(row);
  }

  latest(channelId: string): RunRecord | undefined {
    const row = this.sql.get<RunRow>('SELECT * FROM digest_runs WHERE channel_id = ? ORDER BY id DESC LIMIT 1', channelId);
    return row === undefined ? undefined : toRun(row);
  }

  pending(): RunRecord[] {
    return this.sql.all<RunRow>("SELECT * FROM digest_runs WHERE status = 'pending' ORDER BY id").map(toRun);
  }

  messagesOf(runId: number): MessageRecord[] {
    return this.sql.all<MessageRow>('SELECT * FROM digest_messages WHERE run_id = ? ORDER BY seq', runId).map(toMessage);
  }

  deliveriesOf(channelId: string): DeliveryRecord[] {
    return this.sql.all<DeliveryRow>('SELECT * FROM digest_deliveries WHERE channel_id = ? ORDER BY run_id, seq, story_id', channelId).map(toDelivery);
  }

  /** Stories that must not be picked again for the channel: delivered, or intended by a run in progress. */
  takenStories(channelId: string): Set<number> {
    return new Set(this.sql.all<{ id: number }>("SELECT story_id AS id FROM digest_deliveries WHERE channel_id = ? AND status != 'released'", channelId).map((row) => row.id));
  }

  /** Stories of failed runs that never reached the channel: news still owed to it. */
  releasedStories(channelId: string): Set<number> {
    return new Set(this.sql.all<{ id: number }>("SELECT story_id AS id FROM digest_deliveries WHERE channel_id = ? AND status = 'released'", channelId).map((row) => row.id));
  }

  claim(runId: number, holder: string, ttlMs: number, now: number, isGone?: IsGoneHolder): RunRecord | undefined {
    return this.sql.transaction(() => {
      const claimed = this.sql.get<RunRow>(
        `UPDATE digest_runs SET claimed_by = ?, claim_expires_at = ?
         WHERE id = ? AND status = 'pending' AND (claimed_by IS NULL OR claimed_by = ? OR claim_expires_at <= ?) RETURNING *`,
        holder,
        now + ttlMs,
        runId,
        holder,
        now,
      );
      if (claimed !== undefined) return toRun(claimed);
      const current = this.sql.value<string>("SELECT claimed_by FROM digest_runs WHERE id = ? AND status = 'pending'", runId);
      if (current === undefined || current === null || isGone === undefined || !isGone(current)) return undefined;
      const taken = this.sql.get<RunRow>(
        "UPDATE digest_runs SET claimed_by = ?, claim_expires_at = ? WHERE id = ? AND status = 'pending' AND claimed_by = ? RETURNING *",
        holder,
        now + ttlMs,
        runId,
        current,
      );
      return taken === undefined ? undefined : toRun(taken);
    });
  }

  release(runId: number, holder: string): void {
    this.sql.run('UPDATE digest_runs SET claimed_by = NULL, claim_expires_at = NULL WHERE id = ? AND claimed_by = ?', runId, holder);
  }

  beginSend(runId: number, seq: number, holder: string, ttlMs: number, now: number): boolean {
    return this.sql.transaction(() => {
      const renewed = this.sql.run(
        "UPDATE digest_runs SET claim_expires_at = ? WHERE id = ? AND status = 'pending' AND claimed_by = ? AND claim_expires_at > ?",
        now + ttlMs,
        runId,
        holder,
        now,
      );
      if (renewed.changes === 0) return false;
      return this.markSending(runId, seq, now);
    });
  }

  /** Marks a message as being sent (one more attempt); false when it is delivered or abandoned already. */
  markSending(runId: number, seq: number, now: number): boolean {
    return this.sql.changed(
      "UPDATE digest_messages SET status = 'sending', attempts = attempts + 1, sent_at = ? WHERE run_id = ? AND seq = ? AND status IN ('intended', 'sending')",
      now,
      runId,
      seq,
    );
  }

  markDelivered(runId: number, seq: number, messageId: string | null, now: number): void {
    this.sql.transaction(() => {
      this.sql.run("UPDATE digest_messages SET status = 'delivered', message_id = ?, error = NULL WHERE run_id = ? AND seq = ?", messageId, runId, seq);
      this.sql.run(
        "UPDATE digest_deliveries SET status = 'delivered', message_id = ?, delivered_at = ? WHERE run_id = ? AND seq = ? AND status = 'intended'",
        messageId,
        now,
        runId,
        seq,
      );
    });
  }

  noteMessageError(runId: number, seq: number, error: string): void {
    this.sql.run('UPDATE digest_messages SET error = ? WHERE run_id = ? AND seq = ?', error, runId, seq);
  }

  finish(runId: number, now: number): void {
    this.sql.run(
      "UPDATE digest_runs SET status = 'delivered', error = NULL, finished_at = ?, claimed_by = NULL, claim_expires_at = NULL WHERE id = ? AND status = 'pending'",
      now,
      runId,
    );
  }

  complete(runId: number, now: number): void {
    this.sql.transaction(() => {
      this.finish(runId, now);
      const channelId = this.sql.value<string>('SELECT channel_id FROM digest_runs WHERE id = ?', runId);
      if (channelId !== undefined) this.schedules.recordSuccess(channelId, now);
    });
  }

  abandon(runId: number, status: 'failed' | 'cancelled', error: string, now: number): void {
    abandonRun(this.sql, runId, status, error, now);
  }

  fail(runId: number, failure: { readonly seq: number | null; readonly detail: string; readonly effect: FailureEffect }, now: number): ScheduleState | null {
    return this.sql.transaction(() => {
      if (failure.seq !== null) this.noteMessageError(runId, failure.seq, failure.detail);
      this.abandon(runId, 'failed', failure.detail, now);
      const channelId = this.sql.value<string>('SELECT channel_id FROM digest_runs WHERE id = ?', runId);
      const schedule = channelId === undefined ? undefined : this.schedules.get(channelId);
      if (channelId === undefined || schedule === undefined) return null;
      const { effect } = failure;
      if (effect.kind === 'pause') {
        this.schedules.halt(channelId, 'paused', effect.reason, failure.detail, now);
        return 'paused';
      }
      if (effect.kind === 'count' && this.schedules.recordFailure(channelId, failure.detail, now) >= effect.disableAfter) {
        this.schedules.halt(channelId, 'disabled', 'failures', failure.detail, now);
        return 'disabled';
      }
      return schedule.state;
    });
  }

  pruneMessages(before: number): number {
    return this.sql.run(
      "DELETE FROM digest_messages WHERE run_id IN (SELECT id FROM digest_runs WHERE status != 'pending' AND finished_at < ?)",
      before,
    ).changes;
  }
}
