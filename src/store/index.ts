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
export {
  listBackups,
  restoreBackup,
  checkBackup,
  newestGoodBackup,
  liveLeaseHolder,
  backupDatabaseFile,
  BACKUP_DIR,
  BACKUP_KEEP,
  type BackupInfo,
  type RestoreResult,
} from './sqlite/backups.js';
export { PostgresStore, openPostgresStore, CORPUS_CHANNEL } from './postgres/store.js';
export { openAnalysisCache, ANALYSIS_CACHE_FILE, type AnalysisCache, type OpenedAnalysisCache } from './analysis-cache.js';

export { unavailableStore } from './unavailable-store.js';
export { openStoreForBot, type BotStore, type OpenBotStoreOptions } from './open-for-bot.js';
