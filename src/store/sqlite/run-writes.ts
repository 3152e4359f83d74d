import type { SqliteDb } from './statements.js';

/** Ends a run that cannot complete; what it did not deliver is released so a later digest can carry it. */
export function abandonRun(sql: SqliteDb, runId: number, status: 'failed' | 'cancelled', error: string, now: number): void {
  sql.transaction(() => {
    sql.run(
      "UPDATE digest_runs SET status = ?, error = ?, finished_at = ?, claimed_by = NULL, claim_expires_at = NULL WHERE id = ? AND status = 'pending'",
      status,
      error,
      now,
      runId,
    );
    sql.run("UPDATE digest_messages SET status = 'abandoned' WHERE run_id = ? AND status IN ('intended', 'sending')", runId);
    sql.run("UPDATE digest_deliveries SET status = 'released' WHERE run_id = ? AND status = 'intended'", runId);
  });
}
