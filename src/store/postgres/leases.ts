import type { IsGoneHolder, Leases } from '../store.js';
import type { Sql } from './connection.js';

/** Named leases in PostgreSQL: one row each, taken with a conditional upsert (the row lock decides races). */
export class PostgresLeases implements Leases {
  constructor(private readonly sql: Sql) {}

  async acquire(name: string, holder: string, ttlMs: number, now: number, isGone?: IsGoneHolder): Promise<boolean> {
    const taken = await this.sql`
      INSERT INTO leases (name, holder, expires_at) VALUES (${name}, ${holder}, ${now + ttlMs})
      ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
      WHERE leases.holder = excluded.holder OR leases.expires_at <= ${now}
      RETURNING holder`;
    if (taken.length > 0) return true;
    if (isGone === undefined) return false;
    const current = await this.holderRow(name);
    if (current === undefined || !isGone(current)) return false;
    const takenOver = await this.sql`
      UPDATE leases SET holder = ${holder}, expires_at = ${now + ttlMs} WHERE name = ${name} AND holder = ${current} RETURNING holder`;
    return takenOver.length > 0;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.sql`DELETE FROM leases WHERE name = ${name} AND holder = ${holder}`;
  }

  async holder(name: string, now: number): Promise<string | null> {
    const [row] = await this.sql<{ holder: string }[]>`SELECT holder FROM leases WHERE name = ${name} AND expires_at > ${now}`;
    return row?.holder ?? null;
  }

  private async holderRow(name: string): Promise<string | undefined> {
    const [row] = await this.sql<{ holder: string }[]>`SELECT holder FROM leases WHERE name = ${name}`;
    return row?.holder;
  }
}
