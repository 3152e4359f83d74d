import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, MigrationError, MIGRATIONS, openSqliteStore, type SqliteStore } from '../src/store/index.js';
import { scratchDir } from './helpers/tmp.js';

// What only the SQLite backend has: the file, its pragmas and its migrations run in-process
// (tests/store-contract.test.ts holds what both backends do).

let scratch: Awaited<ReturnType<typeof scratchDir>>;
const opened: SqliteStore[] = [];
const memory: BetterSqlite3.Database[] = [];
const open = () => {
  const result = openSqliteStore({ dataDir: scratch.dir, backups: false });
  opened.push(result.store);
  return result;
};

beforeEach(async () => {
  scratch = await scratchDir();
});
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  for (const db of memory.splice(0)) if (db.open) db.close();
  await scratch.cleanup();
});

describe('the SQLite database', () => {
  it('is created in the data dir in WAL mode with every migration applied once', async () => {
    const first = open();
    const db = first.store.database;
    expect(first.store.file.startsWith(scratch.dir)).toBe(true);
    expect(first.migrated).toEqual(MIGRATIONS.map((m) => m.version));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['digest_schedules', 'stories', 'story_keys', 'digest_runs', 'digest_messages', 'digest_deliveries', 'leases']));
    await first.store.close();
    const again = open();
    expect(again.migrated).toEqual([]);
    expect(again.store.database.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
  });

  it('refuses a database written by a newer version, and rolls back a migration that fails', () => {
    const db = new BetterSqlite3(':memory:');
    memory.push(db);
    db.pragma('user_version = 99');
    expect(() => migrate(db)).toThrow(MigrationError);

    const fresh = new BetterSqlite3(':memory:');
    memory.push(fresh);
    const broken = [...MIGRATIONS, { version: 1000, name: 'broken', sql: 'CREATE TABLE half (x INTEGER); THIS IS NOT SQL;' }];
    expect(() => migrate(fresh, broken)).toThrow();
    expect(fresh.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
    expect(fresh.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
  });
});
