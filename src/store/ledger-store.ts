import type { Database } from 'better-sqlite3';
import { SqliteLedger } from './sqlite/ledger.js';
import { SqliteDb } from './sqlite/statements.js';

export type { LedgerEntry, StoryRef } from './types.js';

/** The corpus ledger, synchronously (the digest's API until it moves to Store.ledger). */
export class LedgerStore extends SqliteLedger {
  constructor(db: Database | SqliteDb) {
    super(db instanceof SqliteDb ? db : new SqliteDb(db));
  }
}
