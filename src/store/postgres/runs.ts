import { toDelivery, toMessage, toRun, type DeliveryRow, type MessageRow, type RunRow } from '../rows.js';
import type { FailureEffect, IsGoneHolder, RecordRunOptions, RecordRunResult, Runs } from '../store.js';
import { StoryTaken } from '../story-taken.js';
import type { DeliveryRecord, MessageRecord, NewRun, PlanningState, RunRecord, ScheduleState } from '../types.js';
import type { Sql } from './connection.js';
import { abandonRun } from './run-writes.js';
import { scheduleOf } from './schedules.js';

/** Digest runs, their messages and the per-channel delivery log, in PostgreSQL. */
export class PostgresRuns implements Runs {
  constructor(private readonly sql: Sql) {}

  async planningState(channelId: string): Promise<PlanningState> {
    // One statement, one snapshot: the cutoff and the channel's log agree.
    const [row] = await this.sql<{ newest: number; taken: number[]; owed: number[] }[]>`
      SELECT (SELECT coalesce(max(id), 0)::bigint FROM stories) AS newest,
        coalesce((SELECT array_agg(story_id) FROM digest_deliveries WHERE channel_id = ${channelId} AND status <> 'released'), '{}') AS taken,
        coalesce((SELECT array_agg(story_id) FROM digest_deliveries WHERE channel_id = ${channelId} AND status = 'released'), '{}') AS owed`;
    return { newestStory: row?.newest ?? 0, taken: new Set((row?.taken ?? []).map(Number)), owed: new Set((row?.owed ?? []).map(Number)) };
  }

  async record(run: NewRun, now: number, options: RecordRunOptions = {}): Promise<RecordRunResult> {
    const seen = new Set<number>();
    for (const delivery of run.deliveries) {
      if (seen.has(delivery.storyId)) return { status: 'story_taken', storyId: delivery.storyId };
      seen.add(delivery.storyId);
    }
    try {
      return await this.sql.begin(async (tx): Promise<RecordRunResult> => {
        const status = run.messages.length === 0 ? 'empty' : 'pending';
        const claim = status === 'pending' ? options.claim : undefined;
        const [created] = await tx<RunRow[]>`
          INSERT INTO digest_runs (channel_id, guild_id, slot, trigger, scheduled_for, cutoff_story, status, articles, messages,
            waiting, created_at, finished_at, claimed_by, claim_expires_at)
          VALUES (${run.channelId}, ${run.guildId}, ${run.slot}, ${run.trigger}, ${run.scheduledFor}, ${run.cutoffStory}, ${status},
            ${run.deliveries.length}, ${run.messages.length}, ${run.waiting ?? 0}, ${now}, ${status === 'empty' ? now : null},
            ${claim?.holder ?? null}, ${claim === undefined ? null : now + claim.ttlMs})
          ON CONFLICT (channel_id, slot) DO NOTHING
          RETURNING *`;
        if (created === undefined) return { status: 'slot_taken' };
        if (run.messages.length > 0) {
          await tx`
            INSERT INTO digest_messages (run_id, seq, nonce, payload, status)
            SELECT ${created.id}::bigint, seq, nonce, payload, 'intended'
            FROM unnest(${run.messages.map((m) => m.seq)}::int[], ${run.messages.map((m) => m.nonce)}::text[], ${run.messages.map((m) => m.payload)}::text[])
              AS planned (seq, nonce, payload)`;
        }
        if (run.deliveries.length > 0) {
          const added = await tx<{ story_id: number }[]>`
            INSERT INTO digest_deliveries (channel_id, story_id, article_id, title, run_id, seq, status, intended_at)
            SELECT ${run.channelId}, story_id, article_id, title, ${created.id}::bigint, seq, 'intended', ${now}::bigint
            FROM unnest(${run.deliveries.map((d) => d.storyId)}::bigint[], ${run.deliveries.map((d) => d.articleId)}::text[],
                        ${run.deliveries.map((d) => d.title)}::text[], ${run.deliveries.map((d) => d.seq)}::int[])
              AS planned (story_id, article_id, title, seq)
            ON CONFLICT (channel_id, story_id) DO UPDATE SET article_id = excluded.article_id, title = excluded.title,
              run_id = excluded.run_id, seq = excluded.seq, status = 'intended', message_id = NULL,
              intended_at = excluded.intended_at, delivered_at = NULL
            WHERE digest_deliveries.status = 'released'
            RETURNING story_id`;
          if (added.length < run.deliveries.length) {
            const got = new Set(added.map((row) => row.story_id));
            const taken = run.deliveries.find((d) => !got.has(d.storyId));
            throw new StoryTaken(run.channelId, taken?.storyId ?? -1);
          }
        }
        await tx`UPDATE digest_schedules SET cursor_story = greatest(coalesce(cursor_story, 0), ${run.cutoffStory}::bigint) WHERE channel_id = ${run.channelId}`;
        if (options.scheduledFor !== undefined && options.scheduledFor !== null) {
          await tx`UPDATE digest_schedules SET last_slot_at = ${options.scheduledFor} WHERE channel_id = ${run.channelId}`;
        }
        if (options.interactionId !== undefined && options.interactionId !== null) {
          await tx`UPDATE interactions SET run_id = ${created.id} WHERE id = ${options.interactionId}`;
        }
        return { status: 'recorded', run: toRun(created) };
      });
    } catch (error) {
      if (error instanceof StoryTaken) return { status: 'story_taken', storyId: error.storyId };
      throw error;
    }
  }

  async get(runId: number): Promise<RunRecord | undefined> {
    const [row] = await this.sql<RunRow[]>`SELECT * FROM digest_runs WHERE id = ${runId}`;
    return row === undefined ? undefined : toRun(row);
  }

  async latest(channelId: string): Promise<RunRecord | undefined> {
    const [row] = await this.sql<RunRow[]>`SELECT * FROM digest_runs WHERE channel_id = ${channelId} ORDER BY id DESC LIMIT 1`;
    return row === undefined ? undefined : toRun(row);
  }

  async pending(): Promise<RunRecord[]> {
    const rows = await this.sql<RunRow[]>`SELECT * FROM digest_runs WHERE status = 'pending' ORDER BY id`;
    return rows.map(toRun);
  }

  async messagesOf(runId: number): Promise<MessageRecord[]> {
    const rows = await this.sql<MessageRow[]>`SELECT * FROM digest_messages WHERE run_id = ${runId} ORDER BY seq`;
    return rows.map(toMessage);
  }

  async deliveriesOf(channelId: string): Promise<DeliveryRecord[]> {
    const rows = await this.sql<DeliveryRow[]>`SELECT * FROM digest_deliveries WHERE channel_id = ${channelId} ORDER BY run_id, seq, story_id`;
    return rows.map(toDelivery);
  }

  async claim(runId: number, holder: string, ttlMs: number, now: number, isGone?: IsGoneHolder): Promise<RunRecord | undefined> {
    const [claimed] = await this.sql<RunRow[]>`
      UPDATE digest_runs SET claimed_by = ${holder}, claim_expires_at = ${now + ttlMs}
      WHERE id = ${runId} AND status = 'pending' AND (claimed_by IS NULL OR claimed_by = ${holder} OR claim_expires_at <= ${now})
      RETURNING *`;
    if (claimed !== undefined) return toRun(claimed);
    if (isGone === undefined) return undefined;
    const [current] = await this.sql<{ claimed_by: string | null }[]>`SELECT claimed_by FROM digest_runs WHERE id = ${runId} AND status = 'pending'`;
    const gone = current?.claimed_by;
    if (gone === undefined || gone === null || !isGone(gone)) return undefined;
    // Only if the crashed holder still has it: a live process that took it meanwhile keeps it.
    const [taken] = await this.sql<RunRow[]>`
      UPDATE digest_runs SET claimed_by = ${holder}, claim_expires_at = ${now + ttlMs}
      WHERE id = ${runId} AND status = 'pending' AND claimed_by = ${gone} RETURNING *`;
    return taken === undefined ? undefined : toRun(taken);
  }

  async release(runId: number, holder: string): Promise<void> {
    await this.sql`UPDATE digest_runs SET claimed_by = NULL, claim_expires_at = NULL WHERE id = ${runId} AND claimed_by = ${holder}`;
  }

  async beginSend(runId: number, seq: number, holder: string, ttlMs: number, now: number): Promise<boolean> {
    const rows = await this.sql`
      WITH held AS (
        UPDATE digest_runs SET claim_expires_at = ${now + ttlMs}
        WHERE id = ${runId} AND status = 'pending' AND claimed_by = ${holder} AND claim_expires_at > ${now}
        RETURNING id)
      UPDATE digest_messages SET status = 'sending', attempts = attempts + 1, sent_at = ${now}
      WHERE run_id = (SELECT id FROM held) AND seq = ${seq} AND status IN ('intended', 'sending')
      RETURNING seq`;
    return rows.length > 0;
  }

  async markDelivered(runId: number, seq: number, messageId: string | null, now: number): Promise<void> {
    await this.sql`
      WITH message AS (
        UPDATE digest_messages SET status = 'delivered', message_id = ${messageId}, error = NULL WHERE run_id = ${runId} AND seq = ${seq})
      UPDATE digest_deliveries SET status = 'delivered', message_id = ${messageId}, delivered_at = ${now}
      WHERE run_id = ${runId} AND seq = ${seq} AND status = 'intended'`;
  }

  async complete(runId: number, now: number): Promise<void> {
    await this.sql`
      WITH finished AS (
        UPDATE digest_runs SET status = 'delivered', error = NULL, finished_at = ${now}, claimed_by = NULL, claim_expires_at = NULL
        WHERE id = ${runId} AND status = 'pending')
      UPDATE digest_schedules SET consecutive_failures = 0, state = 'active', state_reason = NULL, state_detail = NULL,
        state_since = NULL, updated_at = ${now}
      WHERE channel_id = (SELECT channel_id FROM digest_runs WHERE id = ${runId})`;
  }

  async fail(runId: number, failure: { readonly seq: number | null; readonly detail: string; readonly effect: FailureEffect }, now: number): Promise<ScheduleState | null> {
    return this.sql.begin(async (tx): Promise<ScheduleState | null> => {
      if (failure.seq !== null) await tx`UPDATE digest_messages SET error = ${failure.detail} WHERE run_id = ${runId} AND seq = ${failure.seq}`;
      await abandonRun(tx, runId, 'failed', failure.detail, now);
      const [run] = await tx<{ channel_id: string }[]>`SELECT channel_id FROM digest_runs WHERE id = ${runId}`;
      const schedule = run === undefined ? undefined : await scheduleOf(tx, run.channel_id, true);
      if (schedule === undefined) return null;
      const { effect } = failure;
      if (effect.kind === 'pause') {
        await tx`
          UPDATE digest_schedules SET state = 'paused', state_reason = ${effect.reason}, state_detail = ${failure.detail}, state_since = ${now},
            updated_at = ${now} WHERE channel_id = ${schedule.channelId}`;
        return 'paused';
      }
      if (effect.kind !== 'count') return schedule.state;
      const [counted] = await tx<{ consecutive_failures: number }[]>`
        UPDATE digest_schedules SET consecutive_failures = consecutive_failures + 1, state_detail = ${failure.detail}, updated_at = ${now}
        WHERE channel_id = ${schedule.channelId} RETURNING consecutive_failures`;
      if ((counted?.consecutive_failures ?? 0) < effect.disableAfter) return schedule.state;
      await tx`
        UPDATE digest_schedules SET state = 'disabled', state_reason = 'failures', state_detail = ${failure.detail}, state_since = ${now},
          updated_at = ${now} WHERE channel_id = ${schedule.channelId}`;
      return 'disabled';
    });
  }

  async pruneMessages(before: number): Promise<number> {
    const result = await this.sql`
      DELETE FROM digest_messages WHERE run_id IN (SELECT id FROM digest_runs WHERE status <> 'pending' AND finished_at < ${before})`;
    return result.count;
  }
}
