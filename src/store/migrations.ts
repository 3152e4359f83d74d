import type { Database } from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Append-only: a shipped migration is never edited, a change is a new entry. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'digest schedules, corpus ledger, runs, messages, deliveries, leases',
    sql: `
      CREATE TABLE digest_schedules (
        channel_id TEXT PRIMARY KEY,
        guild_id TEXT NOT NULL,
        schedule_input TEXT NOT NULL,
        cron TEXT NOT NULL,
        time_zone TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size BETWEEN 1 AND 10),
        locale TEXT NOT NULL,
        post_when_empty INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused', 'disabled')),
        state_reason TEXT,
        state_detail TEXT,
        state_since INTEGER,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        anchor_at INTEGER NOT NULL,
        last_slot_at INTEGER,
        cursor_story INTEGER,
        created_by TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX digest_schedules_guild ON digest_schedules (guild_id);

      CREATE TABLE stories (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        first_seen_at INTEGER NOT NULL,
        article_id TEXT NOT NULL,
        title TEXT NOT NULL
      );
      CREATE INDEX stories_first_seen ON stories (first_seen_at);

      CREATE TABLE story_keys (
        key TEXT PRIMARY KEY,
        story_id INTEGER NOT NULL REFERENCES stories (id)
      ) WITHOUT ROWID;
      CREATE INDEX story_keys_story ON story_keys (story_id);

      CREATE TABLE digest_runs (
        id INTEGER PRIMARY KEY,
        channel_id TEXT NOT NULL,
        guild_id TEXT NOT NULL,
        slot TEXT NOT NULL,
        trigger TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual')),
        scheduled_for INTEGER,
        cutoff_story INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'empty', 'failed', 'cancelled')),
        articles INTEGER NOT NULL DEFAULT 0,
        messages INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        created_at INTEGER NOT NULL,
        finished_at INTEGER,
        UNIQUE (channel_id, slot)
      );
      CREATE INDEX digest_runs_pending ON digest_runs (status) WHERE status = 'pending';
      CREATE INDEX digest_runs_channel ON digest_runs (channel_id, id);

      CREATE TABLE digest_messages (
        run_id INTEGER NOT NULL REFERENCES digest_runs (id),
        seq INTEGER NOT NULL,
        nonce TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('intended', 'sending', 'delivered', 'abandoned')),
        attempts INTEGER NOT NULL DEFAULT 0,
        message_id TEXT,
        error TEXT,
        sent_at INTEGER,
        PRIMARY KEY (run_id, seq)
      );

      CREATE TABLE digest_deliveries (
        channel_id TEXT NOT NULL,
        story_id INTEGER NOT NULL REFERENCES stories (id),
        article_id TEXT NOT NULL,
        title TEXT NOT NULL,
        run_id INTEGER NOT NULL REFERENCES digest_runs (id),
        seq INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('intended', 'delivered', 'released')),
        message_id TEXT,
        intended_at INTEGER NOT NULL,
        delivered_at INTEGER,
        PRIMARY KEY (channel_id, story_id)
      ) WITHOUT ROWID;
      CREATE INDEX digest_deliveries_run ON digest_deliveries (run_id, seq);

      CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
    `,
  },
];

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Brings the schema to the newest version, each migration in its own transaction; returns the versions applied. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > newest) {
    throw new MigrationError(`Database schema version ${current} is newer than this program knows (${newest}); upgrade Ringkas.`);
  }
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
    applied.push(migration.version);
  }
  return applied;
}
