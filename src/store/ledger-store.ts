import type { Database } from 'better-sqlite3';

export interface LedgerEntry {
  readonly articleId: string;
  readonly title: string;
  /** Identity keys such as `url:…`, `title:…`, `content:…`; any shared key means the same story. */
  readonly keys: readonly string[];
}

export interface StoryRef {
  readonly storyId: number;
  /** When the story first entered the corpus. */
  readonly firstSeenAt: number;
}

/** The corpus ledger: every story ever seen, when it entered, and the identity keys it is known by. */
export class LedgerStore {
  constructor(private readonly db: Database) {}

  /** Resolves each entry to its story (creating new stories at `now`) and remembers all of its keys. */
  record(entries: readonly LedgerEntry[], now: number): Map<string, StoryRef> {
    const find = this.db.prepare(
      `SELECT s.id AS id, s.first_seen_at AS firstSeenAt FROM story_keys k JOIN stories s ON s.id = k.story_id
       WHERE k.key IN (SELECT value FROM json_each(?)) ORDER BY s.first_seen_at, s.id LIMIT 1`,
    );
    const create = this.db.prepare('INSERT INTO stories (first_seen_at, last_seen_at, article_id, title) VALUES (?, ?, ?, ?)');
    const link = this.db.prepare('INSERT OR IGNORE INTO story_keys (key, story_id) VALUES (?, ?)');
    const touch = this.db.prepare('UPDATE stories SET last_seen_at = ?, article_id = ?, title = ? WHERE id = ?');
    const refs = new Map<string, StoryRef>();
    this.db.transaction(() => {
      for (const entry of entries) {
        const found = find.get(JSON.stringify(entry.keys)) as { id: number; firstSeenAt: number } | undefined;
        let ref: StoryRef;
        if (found === undefined) {
          const id = Number(create.run(now, now, entry.articleId, entry.title).lastInsertRowid);
          ref = { storyId: id, firstSeenAt: now };
        } else {
          touch.run(now, entry.articleId, entry.title, found.id);
          ref = { storyId: found.id, firstSeenAt: found.firstSeenAt };
        }
        for (const key of entry.keys) link.run(key, ref.storyId);
        refs.set(entry.articleId, ref);
      }
    }).immediate();
    return refs;
  }

  keysOf(storyId: number): string[] {
    const rows = this.db.prepare('SELECT key FROM story_keys WHERE story_id = ? ORDER BY key').all(storyId) as { key: string }[];
    return rows.map((row) => row.key);
  }

  /** The newest story id; ids grow with entry order and are never reused. */
  newestStory(): number {
    return (this.db.prepare('SELECT coalesce(max(id), 0) AS id FROM stories').get() as { id: number }).id;
  }

  storyCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM stories').get() as { n: number }).n;
  }
}
