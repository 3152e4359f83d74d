import type { Logger } from '../log.js';
import { openStore } from './open.js';
import type { StoreWarning } from './sqlite/open.js';
import type { Store } from './store.js';
import { StoreUnavailable } from './unavailable.js';

export interface BotStore {
  /** The store, or why it cannot be used (the digests then say so to moderators). */
  readonly store: Store | StoreUnavailable;
  /** What the start-up must show a person in plain words: a database set aside, an outage and what to do. */
  readonly notices: readonly string[];
}

export interface OpenBotStoreOptions {
  readonly dataDir: string;
  readonly databaseUrl: string | null;
  readonly log: Logger;
  readonly now?: () => number;
}

/**
 * Opens the store the way the bot needs it: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR with daily
 * backups (the last 7). Warnings (a damaged database moved aside, the newest good backup) and an outage (read-only,
 * full, unreachable) are logged as errors and returned as plain lines for the start-up; nothing throws for them.
 */
export async function openStoreForBot(options: OpenBotStoreOptions): Promise<BotStore> {
  const { log } = options;
  try {
    const opened = await openStore({
      dataDir: options.dataDir,
      databaseUrl: options.databaseUrl,
      now: options.now,
      backups: {
        onResult: (result) => {
          if (result.ok) log.info({ backup: result.backup?.name ?? null }, 'database backed up');
          else log.warn({ err: result.error }, `the daily database backup failed: ${result.error.message}`);
        },
      },
    });
    for (const warning of opened.warnings) log.error({ warning: describe(warning) }, warning.message);
    if (opened.migrated.length > 0) log.info({ backend: opened.store.backend, migrated: opened.migrated }, 'database schema brought up to date');
    return { store: opened.store, notices: opened.warnings.map((warning) => `⚠️ ${warning.message}`) };
  } catch (error) {
    if (!(error instanceof StoreUnavailable)) throw error;
    const line = `Digests are off: ${error.plain}. ${error.whatToDo}`;
    log.error({ cause: error.cause, detail: error.detail, whatToDo: error.whatToDo }, line);
    return { store: error, notices: [`⚠️ ${line} (${error.detail})`] };
  }
}

function describe(warning: StoreWarning): Record<string, unknown> {
  return warning.kind === 'moved_aside'
    ? { kind: warning.kind, reason: warning.reason, file: warning.file, movedTo: warning.movedTo, backup: warning.backup?.name ?? null }
    : { kind: warning.kind, file: warning.file, backup: warning.backup.name };
}
