import type { Database } from 'better-sqlite3';
import { openSqlite, DATABASE_FILE, type OpenedSqlite } from './sqlite/open.js';

export type { Database };
export { DATABASE_FILE };

export type OpenedDatabase = OpenedSqlite;

/**
 * Opens (creating if needed) the database in `dataDir`, in WAL mode, checked and migrated; an empty or unusable file is
 * moved aside and reported in `warnings` (see openSqlite). The digest's synchronous entry until it moves to openStore.
 */
export function openDatabase(dataDir: string, fileName = DATABASE_FILE): OpenedDatabase {
  return openSqlite(dataDir, { fileName });
}
