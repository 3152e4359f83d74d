import type { Database } from 'better-sqlite3';

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
  /** The newest story in the ledger when the run was planned. */
  readonly cutoffStory: number;
}

export interface NewRun extends RunPlan {
  readonly messages: readonly PlannedMessage[];
  readonly deliveries: readonly PlannedDelivery[];
}

export interface RunRecord extends RunPlan {
  readonly id: number;
  readonly status: RunStatus;
  readonly articles: number;
  readonly messages: number;
  readonly error: string | null;
  readonly createdAt: number;
  readonly finishedAt: number | null;
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

const RUN_COLUMNS = `id, channel_id AS channelId, guild_id AS guildId, slot, trigger, scheduled_for AS scheduledFor,
  cutoff_story AS cutoffStory, status, articles, messages, error, created_at AS createdAt, finished_at AS finishedAt`;
const MESSAGE_COLUMNS = `run_id AS runId, seq, nonce, payload, status, attempts, message_id AS messageId, error, sent_at AS sentAt`;
const DELIVERY_COLUMNS = `channel_id AS channelId, story_id AS storyId, article_id AS articleId, title, run_id AS runId, seq,
  status, message_id AS messageId, intended_at AS intendedAt, delivered_at AS deliveredAt`;

/** Digest runs, the messages each run sends, and the per-channel delivery log of stories. */
export class RunStore {
  constructor(private readonly db: Database) {}

  /**
   * Records a run as intended, with its messages and deliveries, atomically.
   * Returns undefined when the channel already has a run for this slot.
   */
  create(run: NewRun, now: number): RunRecord | undefined {
    return this.db.transaction((): RunRecord | undefined => {
      const status = run.messages.length === 0 ? 'empty' : 'pending';
      const inserted = this.db
        .prepare(
          `INSERT INTO digest_runs (channel_id, guild_id, slot, trigger, scheduled_for, cutoff_story, status, articles, messages,
             created_at, finished_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (channel_id, slot) DO NOTHING`,
        )
        .run(
          run.channelId,
          run.guildId,
          run.slot,
          run.trigger,
          run.scheduledFor,
          run.cutoffStory,
          status,
          run.deliveries.length,
          run.messages.length,
          now,
          status === 'empty' ? now : null,
        );
      if (inserted.changes === 0) return undefined;
      const runId = Number(inserted.lastInsertRowid);
      const addMessage = this.db.prepare(
        "INSERT INTO digest_messages (run_id, seq, nonce, payload, status) VALUES (?, ?, ?, ?, 'intended')",
      );
      for (const message of run.messages) addMessage.run(runId, message.seq, message.nonce, message.payload);
      const addDelivery = this.db.prepare(
        `INSERT INTO digest_deliveries (channel_id, story_id, article_id, title, run_id, seq, status, intended_at)
         VALUES (?, ?, ?, ?, ?, ?, 'intended', ?)
         ON CONFLICT (channel_id, story_id) DO UPDATE SET article_id = excluded.article_id, title = excluded.title,
           run_id = excluded.run_id, seq = excluded.seq, status = 'intended', message_id = NULL,
           intended_at = excluded.intended_at, delivered_at = NULL
         WHERE digest_deliveries.status = 'released'`,
      );
      for (const delivery of run.deliveries) {
        const added = addDelivery.run(run.channelId, delivery.storyId, delivery.articleId, delivery.title, runId, delivery.seq, now);
        if (added.changes === 0) throw new Error(`story ${delivery.storyId} is already in the delivery log of ${run.channelId}`);
      }
      return this.get(runId);
    })();
  }

  get(runId: number): RunRecord | undefined {
    return this.db.prepare(`SELECT ${RUN_COLUMNS} FROM digest_runs WHERE id = ?`).get(runId) as RunRecord | undefined;
  }

  pending(): RunRecord[] {
    return this.db.prepare(`SELECT ${RUN_COLUMNS} FROM digest_runs WHERE status = 'pending' ORDER BY id`).all() as RunRecord[];
  }

  latest(channelId: string): RunRecord | undefined {
    return this.db
      .prepare(`SELECT ${RUN_COLUMNS} FROM digest_runs WHERE channel_id = ? ORDER BY id DESC LIMIT 1`)
      .get(channelId) as RunRecord | undefined;
  }

  messagesOf(runId: number): MessageRecord[] {
    return this.db
      .prepare(`SELECT ${MESSAGE_COLUMNS} FROM digest_messages WHERE run_id = ? ORDER BY seq`)
      .all(runId) as MessageRecord[];
  }

  /** Stories that must not be picked again for the channel: delivered, or intended by a run in progress. */
  takenStories(channelId: string): Set<number> {
    const rows = this.db
      .prepare("SELECT story_id AS id FROM digest_deliveries WHERE channel_id = ? AND status != 'released'")
      .all(channelId) as { id: number }[];
    return new Set(rows.map((row) => row.id));
  }

  /** Stories of failed runs that never reached the channel: news still owed to it. */
  releasedStories(channelId: string): Set<number> {
    const rows = this.db
      .prepare("SELECT story_id AS id FROM digest_deliveries WHERE channel_id = ? AND status = 'released'")
      .all(channelId) as { id: number }[];
    return new Set(rows.map((row) => row.id));
  }

  deliveriesOf(channelId: string): DeliveryRecord[] {
    return this.db
      .prepare(`SELECT ${DELIVERY_COLUMNS} FROM digest_deliveries WHERE channel_id = ? ORDER BY run_id, seq, story_id`)
      .all(channelId) as DeliveryRecord[];
  }

  markSending(runId: number, seq: number, now: number): void {
    this.db
      .prepare("UPDATE digest_messages SET status = 'sending', attempts = attempts + 1, sent_at = ? WHERE run_id = ? AND seq = ?")
      .run(now, runId, seq);
  }

  markDelivered(runId: number, seq: number, messageId: string | null, now: number): void {
    this.db.transaction(() => {
      this.db
        .prepare("UPDATE digest_messages SET status = 'delivered', message_id = ?, error = NULL WHERE run_id = ? AND seq = ?")
        .run(messageId, runId, seq);
      this.db
        .prepare(
          "UPDATE digest_deliveries SET status = 'delivered', message_id = ?, delivered_at = ? WHERE run_id = ? AND seq = ? AND status = 'intended'",
        )
        .run(messageId, now, runId, seq);
    })();
  }

  noteMessageError(runId: number, seq: number, error: string): void {
    this.db.prepare('UPDATE digest_messages SET error = ? WHERE run_id = ? AND seq = ?').run(error, runId, seq);
  }

  finish(runId: number, now: number): void {
    this.db
      .prepare("UPDATE digest_runs SET status = 'delivered', error = NULL, finished_at = ? WHERE id = ? AND status = 'pending'")
      .run(now, runId);
  }

  /** Ends a run that cannot complete; what it did not deliver is released so a later digest can carry it. */
  abandon(runId: number, status: 'failed' | 'cancelled', error: string, now: number): void {
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE digest_runs SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status = ?')
        .run(status, error, now, runId, 'pending');
      this.db
        .prepare("UPDATE digest_messages SET status = 'abandoned' WHERE run_id = ? AND status IN ('intended', 'sending')")
        .run(runId);
      this.db
        .prepare("UPDATE digest_deliveries SET status = 'released' WHERE run_id = ? AND status = 'intended'")
        .run(runId);
    })();
  }

  /** Forgets the message bodies of runs finished before `before` (the delivery log itself is kept for good). */
  pruneMessages(before: number): number {
    return this.db
      .prepare(
        "DELETE FROM digest_messages WHERE run_id IN (SELECT id FROM digest_runs WHERE status != 'pending' AND finished_at < ?)",
      )
      .run(before).changes;
  }

  pendingOf(channelId: string): RunRecord[] {
    return this.db
      .prepare(`SELECT ${RUN_COLUMNS} FROM digest_runs WHERE channel_id = ? AND status = 'pending' ORDER BY id`)
      .all(channelId) as RunRecord[];
  }
}
