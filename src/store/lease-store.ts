import type { Database } from 'better-sqlite3';

/** A named lease so that only one process sharing the database runs the scheduler. */
export class LeaseStore {
  constructor(private readonly db: Database) {}

  /**
   * Takes or renews the lease when it is free, expired or already ours, or when `isGone` says its holder
   * no longer exists (a process that crashed on this machine).
   */
  tryAcquire(name: string, holder: string, ttlMs: number, now: number, isGone: (holder: string) => boolean = () => false): boolean {
    return this.db
      .transaction(() => {
        const row = this.db.prepare('SELECT holder, expires_at FROM leases WHERE name = ?').get(name) as
          | { holder: string; expires_at: number }
          | undefined;
        if (row !== undefined && row.holder !== holder && row.expires_at > now && !isGone(row.holder)) return false;
        this.db
          .prepare(
            `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
             ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at`,
          )
          .run(name, holder, now + ttlMs);
        return true;
      })
      .immediate();
  }

  release(name: string, holder: string): void {
    this.db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder);
  }

  holderOf(name: string, now: number): string | null {
    const row = this.db.prepare('SELECT holder FROM leases WHERE name = ? AND expires_at > ?').get(name, now) as
      | { holder: string }
      | undefined;
    return row?.holder ?? null;
  }
}
