import { planLedgerWrite, recordedArticles, resolveLedgerWrite, type KeyHit } from '../ledger-plan.js';
import type { Ledger } from '../store.js';
import type { LedgerEntry, RecordedArticle, StoryRef } from '../types.js';
import type { Sync } from './async.js';
import type { SqliteDb } from './statements.js';

/** Keys per lookup query, far below SQLite's parameter limit. */
const LOOKUP_CHUNK = 500;

/** The corpus ledger in SQLite; its write lock keeps story ids in entry order. */
export class SqliteLedger implements Sync<Ledger> {
  constructor(private readonly sql: SqliteDb) {}

  record(entries: readonly LedgerEntry[], now: number): Map<string, StoryRef> {
    if (entries.length === 0) return new Map();
    return this.sql.transaction(() => {
      const write = planLedgerWrite(entries, this.hits(entries), now);
      const freshIds = write.newStories.map(
        (story) => this.sql.run('INSERT INTO stories (first_seen_at, article_id, title) VALUES (?, ?, ?)', now, story.articleId, story.title).lastInsertRowid,
      );
      const { refs, links } = resolveLedgerWrite(write, freshIds, now);
      for (const link of links) this.sql.run('INSERT OR IGNORE INTO story_keys (key, story_id) VALUES (?, ?)', link.key, link.storyId);
      for (const row of recordedArticles(entries, refs)) {
        this.sql.run(
          `INSERT INTO ledger_articles (article_id, fingerprint, story_id) VALUES (?, ?, ?)
           ON CONFLICT (article_id) DO UPDATE SET fingerprint = excluded.fingerprint, story_id = excluded.story_id`,
          row.articleId,
          row.fingerprint,
          row.storyId,
        );
      }
      return refs;
    });
  }

  articles(): RecordedArticle[] {
    return this.sql.all<RecordedArticle>(
      `SELECT a.article_id AS articleId, a.fingerprint AS fingerprint, a.story_id AS storyId, s.first_seen_at AS firstSeenAt
       FROM ledger_articles a JOIN stories s ON s.id = a.story_id`,
    );
  }

  private hits(entries: readonly LedgerEntry[]): KeyHit[] {
    const keys = [...new Set(entries.flatMap((entry) => entry.keys))];
    const hits: KeyHit[] = [];
    for (let start = 0; start < keys.length; start += LOOKUP_CHUNK) {
      const chunk = keys.slice(start, start + LOOKUP_CHUNK);
      hits.push(
        ...this.sql.all<KeyHit>(
          `SELECT k.key AS key, s.id AS storyId, s.first_seen_at AS firstSeenAt FROM story_keys k JOIN stories s ON s.id = k.story_id
           WHERE k.key IN (${chunk.map(() => '?').join(', ')})`,
          ...chunk,
        ),
      );
    }
    return hits;
  }

  keysOf(storyId: number): string[] {
    return this.sql.all<{ key: string }>('SELECT key FROM story_keys WHERE story_id = ? ORDER BY key', storyId).map((row) => row.key);
  }

  newestStory(): number {
    return this.sql.value<number>('SELECT coalesce(max(id), 0) FROM stories') ?? 0;
  }

  storyCount(): number {
    return this.sql.value<number>('SELECT count(*) FROM stories') ?? 0;
  }
}
