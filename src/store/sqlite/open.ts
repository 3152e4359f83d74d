import { existsSync, lstatSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { MigrationError } from '../migrations.js';
import { classifyStoreError, errorCode, StoreUnavailable } from '../unavailable.js';
import { newestGoodBackup, type BackupInfo } from './backups.js';
import { migrate } from './migrate.js';
import { moveAside } from './set-aside.js';

export const DATABASE_FILE = 'ringkas.sqlite';

/** Something the start-up must say out loud: the database was not what it should have been. */
export type StoreWarning =
  | {
      readonly kind: 'moved_aside';
      readonly reason: 'empty' | 'not_a_database' | 'damaged';
      readonly file: string;
      readonly movedTo: string;
      /** The newest backup that can be restored, if any. */
      readonly backup: BackupInfo | null;
      readonly message: string;
    }
  | { readonly kind: 'missing'; readonly file: string; readonly backup: BackupInfo; readonly message: string };

export interface SqliteOpenOptions {
  readonly fileName?: string;
  readonly busyTimeoutMs?: number;
  readonly now?: () => number;
}

export interface OpenedSqlite {
  readonly db: Database;
  readonly file: string;
  /** Migration versions applied by this open (empty when the schema was current). */
  readonly migrated: readonly number[];
  readonly warnings: readonly StoreWarning[];
}

/**
 * Opens (creating if needed) the database in `dataDir`, in WAL mode, checked and migrated. A file that is there but
 * empty, not a database, or damaged is never silently replaced: it is moved aside with a timestamp, a new database is
 * started, and a warning names the newest good backup. Failures the operator must fix (read-only folder, full disk,
 * locked, newer schema) throw StoreUnavailable.
 */
export function openSqlite(dataDir: string, options: SqliteOpenOptions = {}): OpenedSqlite {
  const now = options.now ?? Date.now;
  const file = path.resolve(dataDir, options.fileName ?? DATABASE_FILE);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw classifyStoreError(error, `creating the data folder ${path.resolve(dataDir)}`) ?? error;
  }
  const warnings: StoreWarning[] = [];
  const found = inspect(file);
  if (found === 'empty') warnings.push(setAside(dataDir, file, 'empty', now()));
  if (found === 'missing') {
    const backup = newestGoodBackup(dataDir);
    if (backup !== null) warnings.push({ kind: 'missing', file, backup, message: missingMessage(file, backup) });
  }
  try {
    return { ...connect(file, options, now, found === 'present'), warnings };
  } catch (error) {
    const classified = classifyStoreError(error, `opening ${file}`) ?? error;
    if (!(classified instanceof StoreUnavailable) || classified.cause !== 'not_a_database' || found !== 'present') throw classified;
    const reason = errorCode(error) === 'SQLITE_NOTADB' ? 'not_a_database' : 'damaged';
    warnings.push(setAside(dataDir, file, reason, now()));
  }
  try {
    return { ...connect(file, options, now, false), warnings };
  } catch (error) {
    throw classifyStoreError(error, `creating ${file}`) ?? error;
  }
}

function inspect(file: string): 'missing' | 'empty' | 'present' {
  let stats;
  try {
    stats = lstatSync(file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'missing';
    throw classifyStoreError(error, `reading ${file}`) ?? error;
  }
  if (!stats.isFile()) throw new StoreUnavailable('not_a_database', `${file} is not a regular file`);
  // A WAL can hold a young database's only pages: a 0-byte file beside a non-empty WAL is opened, not set aside.
  const walBytes = existsSync(`${file}-wal`) ? lstatSync(`${file}-wal`).size : 0;
  return stats.size === 0 && walBytes === 0 ? 'empty' : 'present';
}

function connect(file: string, options: SqliteOpenOptions, now: () => number, check: boolean): Omit<OpenedSqlite, 'warnings'> {
  const db = new BetterSqlite3(file, { timeout: options.busyTimeoutMs ?? 5_000 });
  try {
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL survives a process crash (what the delivery log guards against); only power loss may drop the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -32000');
    if (check) {
      const result = db.pragma('quick_check', { simple: true });
      if (result !== 'ok') throw Object.assign(new Error(`database disk image is damaged: ${String(result)}`), { code: 'SQLITE_CORRUPT' });
    }
    let migrated: number[];
    try {
      migrated = migrate(db, undefined, now);
    } catch (error) {
      if (error instanceof MigrationError) throw new StoreUnavailable('newer_schema', `${file}: ${error.message}`);
      throw error;
    }
    return { db, file, migrated };
  } catch (error) {
    db.close();
    throw error;
  }
}

function setAside(dataDir: string, file: string, reason: 'empty' | 'not_a_database' | 'damaged', now: number): StoreWarning {
  let movedTo: string;
  try {
    movedTo = moveAside(file, reason, now);
  } catch (error) {
    throw classifyStoreError(error, `moving the unusable ${file} aside`) ?? error;
  }
  const backup = newestGoodBackup(dataDir);
  return { kind: 'moved_aside', reason, file, movedTo, backup, message: movedAsideMessage(file, reason, movedTo, backup) };
}

const REASON_TEXT = { empty: 'was empty (0 bytes)', not_a_database: 'is not a SQLite database', damaged: 'is damaged' } as const;

function backupAdvice(backup: BackupInfo | null): string {
  if (backup === null) return 'No good backup was found in the backups folder.';
  return `The newest good backup is ${backup.file} (taken ${new Date(backup.takenAt).toISOString()}): stop the bot and restore it to bring them back.`;
}

function movedAsideMessage(file: string, reason: keyof typeof REASON_TEXT, movedTo: string, backup: BackupInfo | null): string {
  return (
    `The database ${file} ${REASON_TEXT[reason]}. It was kept as ${movedTo} and an empty database was started: ` +
    `digest schedules and delivery history are NOT loaded. ${backupAdvice(backup)}`
  );
}

function missingMessage(file: string, backup: BackupInfo): string {
  return `The database ${file} is missing although backups exist; an empty database was started. ${backupAdvice(backup)}`;
}
