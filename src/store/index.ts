// The store: one async interface (Store) over SQLite or PostgreSQL.
export type {
  Store,
  Repositories,
  Schedules,
  Ledger,
  Runs,
  Leases,
  Interactions,
  Feeds,
  CorpusChanges,
  CorpusChangeSubscription,
  IsGoneHolder,
  SaveScheduleResult,
  FailureEffect,
  RecordRunOptions,
  RecordRunResult,
  AddFeedResult,
  ClaimUnansweredOptions,
} from './store.js';
export type * from './types.js';
export { openStore, type OpenStoreOptions, type OpenedStore } from './open.js';
export { StoreUnavailable, classifyStoreError, type StoreUnavailableCause } from './unavailable.js';
export { SCHEMA, MIGRATIONS, POSTGRES_MIGRATIONS, MigrationError, type Migration, type SchemaVersion } from './migrations.js';
export { migrate } from './sqlite/migrate.js';
export { DATABASE_FILE, type StoreWarning } from './sqlite/open.js';
export { SqliteStore, openSqliteStore, type SqliteStoreOptions, type SqliteBackupOptions, type BackupResult } from './sqlite/store.js';
export { listBackups, restoreBackup, checkBackup, newestGoodBackup, BACKUP_DIR, BACKUP_KEEP, type BackupInfo, type RestoreResult } from './sqlite/backups.js';
export { PostgresStore, openPostgresStore, CORPUS_CHANNEL } from './postgres/store.js';
export { openAnalysisCache, ANALYSIS_CACHE_FILE, type AnalysisCache, type OpenedAnalysisCache } from './analysis-cache.js';

// The synchronous SQLite stores the digest uses until it moves to Store (phase 2 deletes them).
export { openDatabase } from './database.js';
export type { Database, OpenedDatabase } from './database.js';
export { ScheduleStore } from './schedule-store.js';
export { LedgerStore } from './ledger-store.js';
export { RunStore } from './run-store.js';
export { LeaseStore } from './lease-store.js';

import type { Database } from 'better-sqlite3';
import { LedgerStore } from './ledger-store.js';
import { LeaseStore } from './lease-store.js';
import { RunStore } from './run-store.js';
import { ScheduleStore } from './schedule-store.js';
import { SqliteDb } from './sqlite/statements.js';

/** All synchronous stores over one database, plus a transaction that spans them. */
export interface Stores {
  readonly db: Database;
  readonly schedules: ScheduleStore;
  readonly ledger: LedgerStore;
  readonly runs: RunStore;
  readonly leases: LeaseStore;
  transaction<T>(work: () => T): T;
}

export function createStores(db: Database): Stores {
  const sql = new SqliteDb(db);
  return {
    db,
    schedules: new ScheduleStore(sql),
    ledger: new LedgerStore(sql),
    runs: new RunStore(sql),
    leases: new LeaseStore(sql),
    transaction: <T>(work: () => T): T => sql.transaction(work),
  };
}
