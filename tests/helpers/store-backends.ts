import { afterAll, afterEach, beforeAll } from 'vitest';
import { openPostgresStore, openSqliteStore, type Store } from '../../src/store/index.js';
import { TestDatabase } from './postgres.js';
import { scratchDir } from './tmp.js';

export type BackendName = 'sqlite' | 'postgres';
export const BACKENDS: readonly BackendName[] = ['sqlite', 'postgres'];

/** One fresh, empty store and a way to open more connections to the same data (as other processes would). */
export interface StoreUnderTest {
  readonly store: Store;
  /** Another store over the same data: a second connection (pool) to the database, or the same SQLite file opened again. */
  peer(): Promise<Store>;
  /** Where the data lives: a SQLite data folder or a PostgreSQL URL (for child processes). */
  readonly location: string;
}

/**
 * Registers the hooks a test file needs for `backend` and returns `fresh()`, which gives each test an empty store
 * (a new folder for SQLite, a new schema in this file's database for PostgreSQL); everything is closed after each test.
 */
export function storeFixture(backend: BackendName): { fresh(): Promise<StoreUnderTest> } {
  let database: TestDatabase | undefined;
  const open: Store[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    if (backend === 'postgres') database = await TestDatabase.create();
  }, 180_000);
  afterEach(async () => {
    for (const store of open.splice(0).reverse()) await store.close();
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  afterAll(async () => {
    await database?.close();
  });
  const track = (store: Store): Store => {
    open.push(store);
    return store;
  };
  return {
    async fresh() {
      if (backend === 'sqlite') {
        const scratch = await scratchDir();
        cleanups.push(scratch.cleanup);
        const openOne = (): Store => track(openSqliteStore({ dataDir: scratch.dir, backups: false }).store);
        return { store: openOne(), peer: async () => openOne(), location: scratch.dir };
      }
      if (database === undefined) throw new Error('the PostgreSQL test database was not created');
      const url = await database.freshSchema();
      const openOne = async (): Promise<Store> => track((await openPostgresStore(url, { poolSize: 4 })).store);
      return { store: await openOne(), peer: openOne, location: url };
    },
  };
}
