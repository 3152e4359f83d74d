export { openDatabase, DATABASE_FILE } from './database.js';
export type { Database, OpenedDatabase } from './database.js';
export { migrate, MIGRATIONS, MigrationError } from './migrations.js';
export type { Migration } from './migrations.js';
export { ScheduleStore } from './schedule-store.js';
export type { ScheduleSettings, ScheduleRecord, ScheduleState, ScheduleStateReason } from './schedule-store.js';
export { LedgerStore } from './ledger-store.js';
export type { LedgerEntry, StoryRef } from './ledger-store.js';
export { RunStore } from './run-store.js';
export type {
  RunTrigger,
  RunStatus,
  MessageStatus,
  PlannedMessage,
  PlannedDelivery,
  NewRun,
  RunRecord,
  MessageRecord,
  DeliveryRecord,
} from './run-store.js';
export { LeaseStore } from './lease-store.js';
export { openAnalysisCache, ANALYSIS_CACHE_FILE, type AnalysisCache, type OpenedAnalysisCache } from './analysis-cache.js';

import type { Database } from 'better-sqlite3';
import { LedgerStore } from './ledger-store.js';
import { LeaseStore } from './lease-store.js';
import { RunStore } from './run-store.js';
import { ScheduleStore } from './schedule-store.js';

/** All stores over one database, plus a transaction that spans them. */
export interface Stores {
  readonly db: Database;
  readonly schedules: ScheduleStore;
  readonly ledger: LedgerStore;
  readonly runs: RunStore;
  readonly leases: LeaseStore;
  transaction<T>(work: () => T): T;
}

export function createStores(db: Database): Stores {
  return {
    db,
    schedules: new ScheduleStore(db),
    ledger: new LedgerStore(db),
    runs: new RunStore(db),
    leases: new LeaseStore(db),
    transaction: <T>(work: () => T): T => db.transaction(work).immediate(),
  };
}
