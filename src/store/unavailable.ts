import { messageOf } from '../error-message.js';

/** Why the store cannot be used, in the words an operator acts on. */
export type StoreUnavailableCause =
  | 'read_only'
  | 'disk_full'
  | 'not_a_database'
  | 'locked'
  | 'newer_schema'
  | 'unreachable'
  | 'access_denied';

const WHAT_TO_DO: Record<StoreUnavailableCause, string> = {
  read_only: 'Give the bot write access to its data folder (DATA_DIR), or point DATA_DIR at a writable folder, then restart.',
  disk_full: 'Free space on the disk that holds the data folder (DATA_DIR) or the database, then try again.',
  not_a_database: 'Move the file aside or restore a backup from DATA_DIR/backups, then restart.',
  locked: 'Another program holds the database: stop the other copy of the bot (or the tool that has it open), then try again.',
  newer_schema: 'A newer version of Ringkas wrote this database: run that version, or restore a backup made by this one.',
  unreachable: 'Check that the database server runs and that DATABASE_URL points at it, then restart.',
  access_denied: 'Check the user name and password in DATABASE_URL and that the user may use the database.',
};

const PLAIN: Record<StoreUnavailableCause, string> = {
  read_only: 'the data folder is read-only',
  disk_full: 'the disk is full',
  not_a_database: 'the database file is not a database',
  locked: 'the database is locked by another program',
  newer_schema: 'the database was written by a newer version of Ringkas',
  unreachable: 'the database server cannot be reached',
  access_denied: 'the database refused our credentials',
};

/** The store cannot be used, and why: `cause` for code, `detail` for the log, `whatToDo` for the operator. */
export class StoreUnavailable extends Error {
  override name = 'StoreUnavailable';

  constructor(
    override readonly cause: StoreUnavailableCause,
    readonly detail: string,
    readonly whatToDo: string = WHAT_TO_DO[cause],
  ) {
    super(`${PLAIN[cause]}: ${detail}`);
  }

  /** The cause in plain words, e.g. "the disk is full". */
  get plain(): string {
    return PLAIN[this.cause];
  }
}

/** The `code` of a thrown error (errno names, SQLite codes, SQLSTATEs), or ''. */
export function errorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null || !('code' in error)) return '';
  return String((error as { code: unknown }).code);
}

/**
 * Names the cause of a database or file system failure, or returns null when it is none of the outage kinds (a bug,
 * a constraint): those are rethrown as they are. `where` says what was being done, for the detail.
 */
export function classifyStoreError(error: unknown, where: string): StoreUnavailable | null {
  if (error instanceof StoreUnavailable) return error;
  const code = errorCode(error);
  const detail = `${where}: ${messageOf(error).replace(/\s+/g, ' ').trim()}`;
  const cause = causeOf(code, messageOf(error));
  return cause === null ? null : new StoreUnavailable(cause, detail);
}

function causeOf(code: string, message: string): StoreUnavailableCause | null {
  // SQLite (better-sqlite3 codes, extended ones included)
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code.startsWith('SQLITE_CANTOPEN')) return 'read_only';
  if (code === 'SQLITE_FULL') return 'disk_full';
  if (code.startsWith('SQLITE_IOERR') && /disk|space|full/i.test(message)) return 'disk_full';
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return 'not_a_database';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
  // the file system
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'read_only';
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'disk_full';
  // PostgreSQL SQLSTATEs and connection errors (postgres.js codes)
  if (code === '53100') return 'disk_full';
  if (code === '25006') return 'read_only';
  if (code === '55P03') return 'locked';
  if (code === '28P01' || code === '28000' || code === '42501') return 'access_denied';
  if (code === '3D000' || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300') return 'unreachable';
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN', 'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED'].includes(code)) {
    return 'unreachable';
  }
  return null;
}

/** Rethrows a failure as StoreUnavailable when it is an outage, else as it is. */
export function rethrowClassified(error: unknown, where: string): never {
  throw classifyStoreError(error, where) ?? error;
}
