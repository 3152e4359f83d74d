import type { Database } from 'better-sqlite3';
import type { CorpusChanges, Feeds, Interactions, Leases, Ledger, Repositories, Runs, Schedules, Store } from '../store.js';
import { classifyStoreError, StoreUnavailable } from '../unavailable.js';
import { asAsync } from './async.js';
import { backupIfDue, backupNow, BACKUP_EVERY_MS, BACKUP_KEEP, type BackupInfo } from './backups.js';
import { SqliteCorpusChanges } from './corpus.js';
import { SqliteFeeds } from './feeds.js';
import { SqliteInteractions } from './interactions.js';
import { SqliteLeases } from './leases.js';
import { SqliteLedger } from './ledger.js';
import { openSqlite, type SqliteOpenOptions, type StoreWarning } from './open.js';
import { SqliteRuns } from './runs.js';
import { SqliteSchedules } from './schedules.js';
import { SqliteDb } from './statements.js';

export type BackupResult = { readonly ok: true; readonly backup: BackupInfo | null } | { readonly ok: false; readonly error: StoreUnavailable | Error };

export interface SqliteBackupOptions {
  /** How often a backup is due (default daily). */
  readonly everyMs?: number;
  /** Backups kept (default 7). */
  readonly keep?: number;
  /** How often to look whether one is due (default hourly). */
  readonly checkEveryMs?: number;
  /** Told of each backup taken or failed (the caller logs it). */
  readonly onResult?: (result: BackupResult) => void;
}

export interface SqliteStoreOptions extends SqliteOpenOptions {
  readonly dataDir: string;
  /** Automatic backups into DATA_DIR/backups; false for none. */
  readonly backups?: SqliteBackupOptions | false;
}

export interface OpenedSqliteStore {
  readonly store: SqliteStore;
  readonly migrated: readonly number[];
  readonly warnings: readonly StoreWarning[];
}

// The repositories are assigned in the constructor; the interface declares them.
export interface SqliteStore extends Repositories {}

/** The store in one SQLite file: synchronous inside (one process, microseconds a query), promises outside. */
export class SqliteStore implements Store {
  readonly backend = 'sqlite';
  private readonly corpusChanges: SqliteCorpusChanges;
  private backupTimer: NodeJS.Timeout | undefined;
  private backingUp: Promise<BackupResult> | undefined;
  private closed = false;

  constructor(
    /** The connection, for what the interface does not cover (backups, tests that simulate a full disk). */
    readonly database: Database,
    readonly file: string,
    private readonly dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    const sql = new SqliteDb(database);
    const schedules = new SqliteSchedules(sql);
    this.corpusChanges = new SqliteCorpusChanges(sql);
    const repositories: Repositories = {
      schedules: asAsync<Schedules>(schedules, 'schedules'),
      ledger: asAsync<Ledger>(new SqliteLedger(sql), 'ledger'),
      runs: asAsync<Runs>(new SqliteRuns(sql, schedules), 'runs'),
      leases: asAsync<Leases>(new SqliteLeases(sql), 'leases'),
      interactions: asAsync<Interactions>(new SqliteInteractions(sql), 'interactions'),
      feeds: asAsync<Feeds>(new SqliteFeeds(sql), 'feeds'),
      corpus: asAsync<CorpusChanges>(this.corpusChanges, 'corpus'),
    };
    Object.assign(this, repositories);
  }

  async ping(): Promise<void> {
    try {
      this.database.prepare('SELECT 1').get();
    } catch (error) {
      throw classifyStoreError(error, 'ping') ?? error;
    }
  }

  /** Takes a backup now (whatever the schedule), keeping the newest `keep`. */
  backup(keep = BACKUP_KEEP): Promise<BackupInfo> {
    return backupNow(this.database, this.dataDir, this.now(), keep);
  }

  /** Backs up whenever one is due, from now until close(). */
  startBackups(options: SqliteBackupOptions = {}): void {
    const check = (): void => {
      if (this.closed || this.backingUp !== undefined) return;
      this.backingUp = backupIfDue(this.database, this.dataDir, this.now(), { everyMs: options.everyMs ?? BACKUP_EVERY_MS, keep: options.keep })
        .then((backup): BackupResult => ({ ok: true, backup }))
        .catch((error: unknown): BackupResult => ({ ok: false, error: error instanceof Error ? error : new Error(String(error)) }))
        .then((result) => {
          this.backingUp = undefined;
          if (result.ok && result.backup === null) return result;
          options.onResult?.(result);
          return result;
        });
    };
    check();
    this.backupTimer = setInterval(check, options.checkEveryMs ?? 3_600_000);
    this.backupTimer.unref();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.backupTimer);
    await this.backingUp;
    this.corpusChanges.closeAll();
    this.database.close();
  }
}

/** Opens the SQLite store in `options.dataDir` (see openSqlite for what is checked), with daily backups unless turned off. */
export function openSqliteStore(options: SqliteStoreOptions): OpenedSqliteStore {
  const opened = openSqlite(options.dataDir, options);
  const store = new SqliteStore(opened.db, opened.file, options.dataDir, options.now);
  if (options.backups !== false) store.startBackups(options.backups);
  return { store, migrated: opened.migrated, warnings: opened.warnings };
}
