import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { migrate } from './migrations.js';

export type { Database };

export const DATABASE_FILE = 'ringkas.sqlite';

export interface OpenedDatabase {
  readonly db: Database;
  readonly file: string;
  /** Migration versions applied by this open (empty when the schema was current). */
  readonly migrated: readonly number[];
}

/** Opens (creating if needed) the database in `dataDir`, in WAL mode, with the schema migrated. */
export function openDatabase(dataDir: string, fileName = DATABASE_FILE): OpenedDatabase {
  mkdirSync(dataDir, { recursive: true });
  const file = path.resolve(dataDir, fileName);
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL survives a process crash (what the delivery log guards against); only power loss may drop the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -32000');
    const migrated = migrate(db);
    return { db, file, migrated };
  } catch (error) {
    db.close();
    throw error;
  }
}
