import { toInteraction, type InteractionRow } from '../rows.js';
import type { ClaimUnansweredOptions, Interactions } from '../store.js';
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

  claimUnanswered(holder: string, options: ClaimUnansweredOptions): InteractionRecord[] {
    const { createdAfter, now, ttlMs, limit, isGone } = options;
    return this.sql.transaction(() => {
      this.sql.run("UPDATE interactions SET outcome = 'expired' WHERE outcome = 'pending' AND created_at < ?", createdAfter);
      const gone = isGone === undefined ? [] : this.liveHolders(holder, now).filter((other) => isGone(other));
      return this.sql
        .all<InteractionRow>(
          `UPDATE interactions SET claimed_by = ?, claim_expires_at = ?
           WHERE id IN (
             SELECT i.id FROM interactions i
             WHERE i.outcome = 'pending' AND i.created_at >= ?
               AND (i.claimed_by IS NULL OR i.claimed_by = ? OR i.claim_expires_at <= ? OR i.claimed_by IN (SELECT value FROM json_each(?)))
               AND NOT EXISTS (SELECT 1 FROM digest_runs r WHERE r.id = i.run_id AND r.status = 'pending'
                                 AND r.claimed_by IS NOT NULL AND r.claimed_by != ? AND r.claim_expires_at > ?
                                 AND r.claimed_by NOT IN (SELECT value FROM json_each(?)))
             ORDER BY i.created_at, i.id LIMIT ?)
           RETURNING *`,
          holder,
          now + ttlMs,
          createdAfter,
          holder,
          now,
          JSON.stringify(gone),
          holder,
          now,
          JSON.stringify(gone),
          limit,
        )
        .map(toInteraction)
        .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    });
  }

  /** Other processes holding unexpired claims on pending interactions or on the runs they wait for. */
  private liveHolders(holder: string, now: number): string[] {
    return this.sql
      .all<{ holder: string }>(
        `SELECT claimed_by AS holder FROM interactions WHERE outcome = 'pending' AND claimed_by IS NOT NULL AND claimed_by != ? AND claim_expires_at > ?
         UNION SELECT r.claimed_by FROM digest_runs r JOIN interactions i ON i.run_id = r.id
         WHERE i.outcome = 'pending' AND r.status = 'pending' AND r.claimed_by IS NOT NULL AND r.claimed_by != ? AND r.claim_expires_at > ?`,
        holder,
        now,
        holder,
        now,
      )
      .map((row) => row.holder);
  }

  prune(before: number): number {
    return this.sql.run('DELETE FROM interactions WHERE created_at < ?', before).changes;
  }
}
