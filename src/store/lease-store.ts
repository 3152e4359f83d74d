import type { Database } from 'better-sqlite3';
import { SqliteLeases } from './sqlite/leases.js';
import { SqliteDb } from './sqlite/statements.js';

/** A named lease so that only one process sharing the database runs the scheduler (synchronously, until Store.leases). */
export class LeaseStore {
  private readonly leases: SqliteLeases;

  constructor(db: Database | SqliteDb) {
    this.leases = new SqliteLeases(db instanceof SqliteDb ? db : new SqliteDb(db));
  }

  /**
   * Takes or renews the lease when it is free, expired or already ours, or when `isGone` says its holder
   * no longer exists (a process that crashed on this machine).
   */
  tryAcquire(name: string, holder: string, ttlMs: number, now: number, isGone: (holder: string) => boolean = () => false): boolean {
    return this.leases.acquire(name, holder, ttlMs, now, isGone);
  }

  release(name: string, holder: string): void {
    this.leases.release(name, holder);
  }

  holderOf(name: string, now: number): string | null {
    return this.leases.holder(name, now);
  }
}
