import { POSTGRES_MIGRATIONS, refuseNewer, type Migration } from '../migrations.js';
import { LOCKS, type Sql } from './connection.js';

/**
 * Brings the schema to the newest version, each step in its own transaction under an advisory lock (so processes
 * starting together apply each step once); returns the versions applied. Refuses a newer schema.
 */
export async function migratePostgres(sql: Sql, now: () => number, migrations: readonly Migration[] = POSTGRES_MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const done = await sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${LOCKS.migrations})`;
      await tx`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`;
      const [row] = await tx<{ current: number }[]>`SELECT coalesce(max(version), 0) AS current FROM schema_migrations`;
      const current = row?.current ?? 0;
      refuseNewer(current, migrations);
      if (migration.version <= current) return false;
      await tx.unsafe(migration.sql);
      await tx`INSERT INTO schema_migrations (version, name, applied_at) VALUES (${migration.version}, ${migration.name}, ${now()})`;
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}
