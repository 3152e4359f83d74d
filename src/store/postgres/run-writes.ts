import type { Queryable } from './connection.js';

/** Ends a run that cannot complete; what it did not deliver is released so a later digest can carry it. */
export async function abandonRun(tx: Queryable, runId: number, status: 'failed' | 'cancelled', error: string, now: number): Promise<void> {
  await tx`
    UPDATE digest_runs SET status = ${status}, error = ${error}, finished_at = ${now}, claimed_by = NULL, claim_expires_at = NULL
    WHERE id = ${runId} AND status = 'pending'`;
  await tx`UPDATE digest_messages SET status = 'abandoned' WHERE run_id = ${runId} AND status IN ('intended', 'sending')`;
  await tx`UPDATE digest_deliveries SET status = 'released' WHERE run_id = ${runId} AND status = 'intended'`;
}
