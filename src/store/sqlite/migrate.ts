import type { Database } from 'better-sqlite3';
import { MIGRATIONS, refuseNewer, type Migration } from '../migrations.js';

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at INTEGER NOT NULL
)`;

/** The schema version: the newest row of schema_migrations, or user_version for files from before that table. */
export function schemaVersion(db: Database): number {
  const userVersion = db.pragma('user_version', { simple: true }) as number;
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
  const recorded = hasTable ? ((db.prepare('SELECT coalesce(max(version), 0) FROM schema_migrations').pluck().get() as number) ?? 0) : 0;
  return Math.max(userVersion, recorded);
}

/**
 * Brings the schema to the newest version, each migration in its own IMMEDIATE transaction (rechecked inside, so two
 * processes opening one file apply each step once); returns the versions applied. Refuses a newer schema.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS, now: () => number = Date.now): number[] {
  refuseNewer(schemaVersion(db), migrations);
  const applied: number[] = [];
  const byName = new Map(migrations.map((m) => [m.version, m.name]));
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const done = db
      .transaction(() => {
        const current = schemaVersion(db);
        if (migration.version <= current) return false;
        db.exec(MIGRATIONS_TABLE);
        // A file from before schema_migrations counted its versions in user_version only.
        const insert = db.prepare('INSERT OR IGNORE INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
        for (let version = 1; version <= current; version++) insert.run(version, byName.get(version) ?? 'unknown', now());
        db.exec(migration.sql);
        insert.run(migration.version, migration.name, now());
        db.pragma(`user_version = ${migration.version}`);
        return true;
      })
      .immediate();
    if (done) applied.push(migration.version);
  }
  return applied;
}
