import { openPostgresStore } from './postgres/store.js';
import { openSqliteStore, type SqliteBackupOptions } from './sqlite/store.js';
import type { StoreWarning } from './sqlite/open.js';
import type { Store } from './store.js';

export interface OpenStoreOptions {
  /** DATA_DIR: where the SQLite file and its backups live. */
  readonly dataDir: string;
  /** With a URL, PostgreSQL (several processes and hosts); without, SQLite in dataDir (one host). */
  readonly databaseUrl?: string | null;
  /** SQLite only: automatic backups (daily, the last 7) unless false. */
  readonly backups?: SqliteBackupOptions | false;
  readonly now?: () => number;
}

export interface OpenedStore {
  readonly store: Store;
  /** Schema versions applied by this open. */
  readonly migrated: readonly number[];
  /** What the start-up must show loudly (a database set aside, schedules not loaded). */
  readonly warnings: readonly StoreWarning[];
}

/** Opens the store DATABASE_URL names, else SQLite in DATA_DIR; rejects with StoreUnavailable, saying why and what to do. */
export async function openStore(options: OpenStoreOptions): Promise<OpenedStore> {
  const url = options.databaseUrl?.trim();
  if (url !== undefined && url !== '') {
    const { store, migrated } = await openPostgresStore(url, { now: options.now });
    return { store, migrated, warnings: [] };
  }
  return openSqliteStore({ dataDir: options.dataDir, backups: options.backups, now: options.now });
}
