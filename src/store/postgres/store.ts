import { guarded } from '../guard.js';
import type { CorpusChanges, Feeds, Interactions, Leases, Ledger, Repositories, Runs, Schedules, Store } from '../store.js';
import { classifyStoreError, StoreUnavailable } from '../unavailable.js';
import { MigrationError } from '../migrations.js';
import { connectPostgres, type PostgresConnectOptions, type Sql } from './connection.js';
import { PostgresCorpusChanges } from './corpus.js';
import { PostgresFeeds } from './feeds.js';
import { PostgresInteractions } from './interactions.js';
import { PostgresLeases } from './leases.js';
import { PostgresLedger } from './ledger.js';
import { migratePostgres } from './migrate.js';
import { PostgresRuns } from './runs.js';
import { PostgresSchedules } from './schedules.js';

export const CORPUS_CHANNEL = 'ringkas_corpus';

// The repositories are assigned in the constructor; the interface declares them.
export interface PostgresStore extends Repositories {}

/** The store in PostgreSQL, shared by every process of the bot. */
export class PostgresStore implements Store {
  readonly backend = 'postgres';

  constructor(
    private readonly sql: Sql,
    corpusChannel: string,
  ) {
    const repositories: Repositories = {
      schedules: guarded<Schedules>(new PostgresSchedules(sql), 'schedules'),
      ledger: guarded<Ledger>(new PostgresLedger(sql), 'ledger'),
      runs: guarded<Runs>(new PostgresRuns(sql), 'runs'),
      leases: guarded<Leases>(new PostgresLeases(sql), 'leases'),
      interactions: guarded<Interactions>(new PostgresInteractions(sql), 'interactions'),
      feeds: guarded<Feeds>(new PostgresFeeds(sql), 'feeds'),
      corpus: guarded<CorpusChanges>(new PostgresCorpusChanges(sql, corpusChannel), 'corpus'),
    };
    Object.assign(this, repositories);
  }

  async ping(): Promise<void> {
    try {
      await this.sql`SELECT 1`;
    } catch (error) {
      throw classifyStoreError(error, 'ping') ?? error;
    }
  }

  async close(): Promise<void> {
    await this.sql.end({ timeout: 5 });
  }
}

export interface OpenedPostgresStore {
  readonly store: PostgresStore;
  readonly migrated: readonly number[];
}

/** Connects to `url`, migrates, and returns the store; rejects with StoreUnavailable when the server cannot be used. */
export async function openPostgresStore(url: string, options: PostgresConnectOptions & { readonly now?: () => number } = {}): Promise<OpenedPostgresStore> {
  const sql = connectPostgres(url, options);
  try {
    const migrated = await migratePostgres(sql, options.now ?? Date.now);
    const [row] = await sql<{ schema: string }[]>`SELECT current_schema() AS schema`;
    // Processes of one bot share a schema; bots in other schemas of the same database get channels of their own.
    const schema = row?.schema ?? 'public';
    const channel = schema === 'public' ? CORPUS_CHANNEL : `${CORPUS_CHANNEL}_${schema}`;
    return { store: new PostgresStore(sql, channel), migrated };
  } catch (error) {
    await sql.end({ timeout: 1 }).catch(() => undefined);
    if (error instanceof MigrationError) throw new StoreUnavailable('newer_schema', error.message);
    throw classifyStoreError(error, `connecting to ${redact(url)}`) ?? error;
  }
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unreadable DATABASE_URL)';
  }
}
