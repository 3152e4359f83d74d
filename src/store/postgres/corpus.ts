import { toCorpusChange, type CorpusChangeRow } from '../rows.js';
import type { CorpusChangeSubscription, CorpusChanges } from '../store.js';
import type { CorpusChange } from '../types.js';
import { LOCKS, type Sql } from './connection.js';

/**
 * Corpus change notices across processes: each change is a row (so nothing is lost while a listener reconnects) and a
 * NOTIFY on `channel` carrying its id; a subscriber reads the rows after the last one it saw, in order.
 */
export class PostgresCorpusChanges implements CorpusChanges {
  constructor(
    private readonly sql: Sql,
    readonly channel: string,
  ) {}

  async notify(kind: string, detail: string, now: number): Promise<CorpusChange> {
    return this.sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${LOCKS.corpusChanges})`;
      const [row] = await tx<CorpusChangeRow[]>`INSERT INTO corpus_changes (at, kind, detail) VALUES (${now}, ${kind}, ${detail}) RETURNING *`;
      if (row === undefined) throw new Error('corpus change not recorded');
      // Delivered when the transaction commits, never for a change that rolled back.
      await tx`SELECT pg_notify(${this.channel}, ${String(row.id)})`;
      return toCorpusChange(row);
    });
  }

  async subscribe(listener: (change: CorpusChange) => void, onError: (error: unknown) => void = () => {}): Promise<CorpusChangeSubscription> {
    let lastSeen = await this.latest();
    let closed = false;
    let reading: Promise<void> = Promise.resolve();
    const readNew = (): void => {
      reading = reading.then(async () => {
        if (closed) return;
        try {
          for (const change of await this.since(lastSeen)) {
            if (closed) return;
            lastSeen = change.id;
            try {
              listener(change);
            } catch (error) {
              onError(error);
            }
          }
        } catch (error) {
          onError(error);
        }
      });
    };
    // The second callback runs on every (re)connection of the listening connection: it catches up on what was missed.
    const { unlisten } = await this.sql.listen(this.channel, readNew, readNew);
    return {
      close: async () => {
        closed = true;
        await unlisten();
        await reading;
      },
    };
  }

  async since(id: number, limit = 1_000): Promise<CorpusChange[]> {
    const rows = await this.sql<CorpusChangeRow[]>`SELECT * FROM corpus_changes WHERE id > ${id} ORDER BY id LIMIT ${limit}`;
    return rows.map(toCorpusChange);
  }

  async latest(): Promise<number> {
    const [row] = await this.sql<{ id: number }[]>`SELECT coalesce(max(id), 0)::bigint AS id FROM corpus_changes`;
    return row?.id ?? 0;
  }

  async prune(before: number): Promise<number> {
    const result = await this.sql`DELETE FROM corpus_changes WHERE at < ${before}`;
    return result.count;
  }
}
