import { toInteraction, type InteractionRow } from '../rows.js';
import type { Interactions } from '../store.js';
import type { InteractionRecord, NewInteraction } from '../types.js';
import type { Sync } from './async.js';
import type { SqliteDb } from './statements.js';

/** Deferred interactions in SQLite. */
export class SqliteInteractions implements Sync<Interactions> {
  constructor(private readonly sql: SqliteDb) {}

  record(interaction: NewInteraction, holder: string, ttlMs: number): boolean {
    return this.sql.changed(
      `INSERT INTO interactions (id, application_id, token, guild_id, channel_id, user_id, command, locale, created_at, claimed_by, claim_expires_at)
       VALUES (@id, @applicationId, @token, @guildId, @channelId, @userId, @command, @locale, @createdAt, @holder, @expiresAt)
       ON CONFLICT (id) DO NOTHING`,
      { ...interaction, holder, expiresAt: interaction.createdAt + ttlMs },
    );
  }

  get(interactionId: string): InteractionRecord | undefined {
    const row = this.sql.get<InteractionRow>('SELECT * FROM interactions WHERE id = ?', interactionId);
    return row === undefined ? undefined : toInteraction(row);
  }

  linkRun(interactionId: string, runId: number): void {
    this.sql.run('UPDATE interactions SET run_id = ? WHERE id = ?', runId, interactionId);
  }

  markAnswered(interactionId: string, answer: string, now: number): boolean {
    return this.sql.changed(
      "UPDATE interactions SET outcome = 'answered', answer = ?, answered_at = ?, claimed_by = NULL, claim_expires_at = NULL WHERE id = ? AND outcome = 'pending'",
      answer,
      now,
      interactionId,
    );
  }

  claimUnanswered(holder: string, options: { readonly createdAfter: number; readonly now: number; readonly ttlMs: number; readonly limit: number }): InteractionRecord[] {
    const { createdAfter, now, ttlMs, limit } = options;
    return this.sql.transaction(() => {
      this.sql.run("UPDATE interactions SET outcome = 'expired' WHERE outcome = 'pending' AND created_at < ?", createdAfter);
      return this.sql
        .all<InteractionRow>(
          `UPDATE interactions SET claimed_by = ?, claim_expires_at = ?
           WHERE id IN (
             SELECT i.id FROM interactions i
             WHERE i.outcome = 'pending' AND i.created_at >= ? AND (i.claimed_by IS NULL OR i.claimed_by = ? OR i.claim_expires_at <= ?)
               AND NOT EXISTS (SELECT 1 FROM digest_runs r WHERE r.id = i.run_id AND r.status = 'pending'
                                 AND r.claimed_by IS NOT NULL AND r.claimed_by != ? AND r.claim_expires_at > ?)
             ORDER BY i.created_at, i.id LIMIT ?)
           RETURNING *`,
          holder,
          now + ttlMs,
          createdAfter,
          holder,
          now,
          holder,
          now,
          limit,
        )
        .map(toInteraction)
        .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    });
  }

  prune(before: number): number {
    return this.sql.run('DELETE FROM interactions WHERE created_at < ?', before).changes;
  }
}
