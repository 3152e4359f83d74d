import { toCorpusChange, type CorpusChangeRow } from '../rows.js';
import type { CorpusChangeSubscription, CorpusChanges } from '../store.js';
import type { CorpusChange } from '../types.js';
import type { Sync } from './async.js';
import type { SqliteDb } from './statements.js';

interface Subscriber {
  readonly listener: (change: CorpusChange) => void;
  readonly onError: (error: unknown) => void;
}

/** Corpus change notices in SQLite: one process, so the subscribers of this store hear them. */
export class SqliteCorpusChanges implements Sync<CorpusChanges> {
  private readonly subscribers = new Set<Subscriber>();

  constructor(private readonly sql: SqliteDb) {}

  notify(kind: string, detail: string, now: number): CorpusChange {
    const row = this.sql.get<CorpusChangeRow>('INSERT INTO corpus_changes (at, kind, detail) VALUES (?, ?, ?) RETURNING *', now, kind, detail);
    if (row === undefined) throw new Error('corpus change not recorded');
    const change = toCorpusChange(row);
    // Listeners run after the caller's await, as they would when the notice comes from PostgreSQL.
    for (const subscriber of this.subscribers) {
      queueMicrotask(() => {
        try {
          subscriber.listener(change);
        } catch (error) {
          subscriber.onError(error);
        }
      });
    }
    return change;
  }

  subscribe(listener: (change: CorpusChange) => void, onError: (error: unknown) => void = () => {}): CorpusChangeSubscription {
    const subscriber: Subscriber = { listener, onError };
    this.subscribers.add(subscriber);
    return {
      close: async () => {
        this.subscribers.delete(subscriber);
      },
    };
  }

  since(id: number, limit = 1_000): CorpusChange[] {
    return this.sql.all<CorpusChangeRow>('SELECT * FROM corpus_changes WHERE id > ? ORDER BY id LIMIT ?', id, limit).map(toCorpusChange);
  }

  latest(): number {
    return this.sql.value<number>('SELECT coalesce(max(id), 0) FROM corpus_changes') ?? 0;
  }

  prune(before: number): number {
    return this.sql.run('DELETE FROM corpus_changes WHERE at < ?', before).changes;
  }

  /** Drops every subscriber (the store is closing). */
  closeAll(): void {
    this.subscribers.clear();
  }
}
