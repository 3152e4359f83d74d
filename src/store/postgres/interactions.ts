import { toInteraction, type InteractionRow } from '../rows.js';
import type { ClaimUnansweredOptions, Interactions } from '../store.js';
import type { InteractionRecord, NewInteraction } from '../types.js';
import type { Sql } from './connection.js';

/** Deferred interactions in PostgreSQL. */
export class PostgresInteractions implements Interactions {
  constructor(private readonly sql: Sql) {}

  async record(interaction: NewInteraction, holder: string, ttlMs: number): Promise<boolean> {
    const i = interaction;
    const rows = await this.sql`
      INSERT INTO interactions (id, application_id, token, guild_id, channel_id, user_id, command, locale, created_at, claimed_by, claim_expires_at)
      VALUES (${i.id}, ${i.applicationId}, ${i.token}, ${i.guildId}, ${i.channelId}, ${i.userId}, ${i.command}, ${i.locale}, ${i.createdAt},
        ${holder}, ${i.createdAt + ttlMs})
      ON CONFLICT (id) DO NOTHING RETURNING id`;
    return rows.length > 0;
  }

  async get(interactionId: string): Promise<InteractionRecord | undefined> {
    const [row] = await this.sql<InteractionRow[]>`SELECT * FROM interactions WHERE id = ${interactionId}`;
    return row === undefined ? undefined : toInteraction(row);
  }

  async linkRun(interactionId: string, runId: number): Promise<void> {
    await this.sql`UPDATE interactions SET run_id = ${runId} WHERE id = ${interactionId}`;
  }

  async markAnswered(interactionId: string, answer: string, now: number): Promise<boolean> {
    const rows = await this.sql`
      UPDATE interactions SET outcome = 'answered', answer = ${answer}, answered_at = ${now}, claimed_by = NULL, claim_expires_at = NULL
      WHERE id = ${interactionId} AND outcome = 'pending' RETURNING id`;
    return rows.length > 0;
  }

  async claimUnanswered(holder: string, options: ClaimUnansweredOptions): Promise<InteractionRecord[]> {
    const { createdAfter, now, ttlMs, limit, isGone } = options;
    return this.sql.begin(async (tx) => {
      await tx`UPDATE interactions SET outcome = 'expired' WHERE outcome = 'pending' AND created_at < ${createdAfter}`;
      let gone: string[] = [];
      if (isGone !== undefined) {
        const live = await tx<{ holder: string }[]>`
          SELECT claimed_by AS holder FROM interactions WHERE outcome = 'pending' AND claimed_by IS NOT NULL AND claimed_by <> ${holder} AND claim_expires_at > ${now}
          UNION SELECT r.claimed_by FROM digest_runs r JOIN interactions i ON i.run_id = r.id
          WHERE i.outcome = 'pending' AND r.status = 'pending' AND r.claimed_by IS NOT NULL AND r.claimed_by <> ${holder} AND r.claim_expires_at > ${now}`;
        gone = live.map((row) => row.holder).filter((other) => isGone(other));
      }
      const rows = await tx<InteractionRow[]>`
        UPDATE interactions SET claimed_by = ${holder}, claim_expires_at = ${now + ttlMs}
        WHERE id IN (
          SELECT i.id FROM interactions i
          WHERE i.outcome = 'pending' AND i.created_at >= ${createdAfter}
            AND (i.claimed_by IS NULL OR i.claimed_by = ${holder} OR i.claim_expires_at <= ${now} OR i.claimed_by = ANY(${gone}::text[]))
            AND NOT EXISTS (SELECT 1 FROM digest_runs r WHERE r.id = i.run_id AND r.status = 'pending'
                              AND r.claimed_by IS NOT NULL AND r.claimed_by <> ${holder} AND r.claim_expires_at > ${now}
                              AND NOT (r.claimed_by = ANY(${gone}::text[])))
          ORDER BY i.created_at, i.id COLLATE "C" LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING *`;
      return rows.map(toInteraction).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    });
  }

  async prune(before: number): Promise<number> {
    const result = await this.sql`DELETE FROM interactions WHERE created_at < ${before}`;
    return result.count;
  }
}
