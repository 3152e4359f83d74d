import { planLedgerWrite, recordedArticles, resolveLedgerWrite, type KeyHit } from '../ledger-plan.js';
import type { Ledger } from '../store.js';
import type { LedgerEntry, RecordedArticle, StoryRef } from '../types.js';
import { LOCKS, type Sql } from './connection.js';

/** The corpus ledger in PostgreSQL: one writer at a time (advisory lock), so story ids become visible in order. */
export class PostgresLedger implements Ledger {
  constructor(private readonly sql: Sql) {}

  async record(entries: readonly LedgerEntry[], now: number): Promise<Map<string, StoryRef>> {
    if (entries.length === 0) return new Map();
    return this.sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${LOCKS.ledger})`;
      const keys = [...new Set(entries.flatMap((entry) => entry.keys))];
      const hits = await tx<KeyHit[]>`
        SELECT k.key AS key, s.id AS "storyId", s.first_seen_at AS "firstSeenAt" FROM story_keys k JOIN stories s ON s.id = k.story_id
        WHERE k.key = ANY(${keys}::text[])`;
      const write = planLedgerWrite(entries, hits, now);
      const count = write.newStories.length;
      const ids =
        count === 0
          ? []
          : (await tx<{ id: number }[]>`SELECT nextval(pg_get_serial_sequence('stories', 'id')) AS id FROM generate_series(1, ${count}::int)`)
              .map((row) => row.id)
              .sort((a, b) => a - b);
      if (count > 0) {
        await tx`
          INSERT INTO stories (id, first_seen_at, article_id, title)
          SELECT id, ${now}::bigint, article_id, title
          FROM unnest(${ids}::bigint[], ${write.newStories.map((s) => s.articleId)}::text[], ${write.newStories.map((s) => s.title)}::text[])
            AS fresh (id, article_id, title)`;
      }
      const { refs, links } = resolveLedgerWrite(write, ids, now);
      if (links.length > 0) {
        await tx`
          INSERT INTO story_keys (key, story_id)
          SELECT * FROM unnest(${links.map((l) => l.key)}::text[], ${links.map((l) => l.storyId)}::bigint[])
          ON CONFLICT (key) DO NOTHING`;
      }
      const rows = recordedArticles(entries, refs);
      if (rows.length > 0) {
        await tx`
          INSERT INTO ledger_articles (article_id, fingerprint, story_id)
          SELECT * FROM unnest(${rows.map((r) => r.articleId)}::text[], ${rows.map((r) => r.fingerprint)}::text[], ${rows.map((r) => r.storyId)}::bigint[])
          ON CONFLICT (article_id) DO UPDATE SET fingerprint = excluded.fingerprint, story_id = excluded.story_id`;
      }
      return refs;
    });
  }

  async articles(): Promise<RecordedArticle[]> {
    return this.sql<RecordedArticle[]>`
      SELECT a.article_id AS "articleId", a.fingerprint, a.story_id AS "storyId", s.first_seen_at AS "firstSeenAt"
      FROM ledger_articles a JOIN stories s ON s.id = a.story_id`;
  }

  async keysOf(storyId: number): Promise<string[]> {
    const rows = await this.sql<{ key: string }[]>`SELECT key FROM story_keys WHERE story_id = ${storyId} ORDER BY key COLLATE "C"`;
    return rows.map((row) => row.key);
  }

  async newestStory(): Promise<number> {
    const [row] = await this.sql<{ id: number }[]>`SELECT coalesce(max(id), 0)::bigint AS id FROM stories`;
    return row?.id ?? 0;
  }

  async storyCount(): Promise<number> {
    const [row] = await this.sql<{ n: number }[]>`SELECT count(*) AS n FROM stories`;
    return row?.n ?? 0;
  }
}
