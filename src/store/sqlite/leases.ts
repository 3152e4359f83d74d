import type { IsGoneHolder, Leases } from '../store.js';
import type { Sync } from './async.js';
import type { SqliteDb } from './statements.js';

/** Named leases in SQLite (shared by the processes that open the same file). */
export class SqliteLeases implements Sync<Leases> {
  constructor(private readonly sql: SqliteDb) {}

  acquire(name: string, holder: string, ttlMs: number, now: number, isGone: IsGoneHolder = () => false): boolean {
    return this.sql.transaction(() => {
      const row = this.sql.get<{ holder: string; expires_at: number }>('SELECT holder, expires_at FROM leases WHERE name = ?', name);
      if (row !== undefined && row.holder !== holder && row.expires_at > now && !isGone(row.holder)) return false;
      this.sql.run(
        `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at`,
        name,
        holder,
        now + ttlMs,
      );
      return true;
    });
  }

  release(name: string, holder: string): void {
    this.sql.run('DELETE FROM leases WHERE name = ? AND holder = ?', name, holder);
  }

  holder(name: string, now: number): string | null {
    return this.sql.value<string>('SELECT holder FROM leases WHERE name = ? AND expires_at > ?', name, now) ?? null;
  }
}
