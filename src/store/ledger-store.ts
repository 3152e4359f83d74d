import type { Database, Statement } from 'better-sqlite3';

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
    const finders = new Map<number, Statement>();
    const finder = (arity: number): Statement => {
      let statement = finders.get(arity);
      if (statement === undefined) {
        statement = this.db.prepare(
          `SELECT k.key AS key, s.id AS storyId, s.first_seen_at AS firstSeenAt FROM story_keys k JOIN stories s ON s.id = k.story_id
           WHERE k.key IN (${Array.from({ length: arity }, () => '?').join(', ')})`,
        );
        finders.set(arity, statement);
      }
      return statement;
    };
    const create = this.db.prepare('INSERT INTO stories (first_seen_at, article_id, title) VALUES (?, ?, ?)');
    const link = this.db.prepare('INSERT OR IGNORE INTO story_keys (key, story_id) VALUES (?, ?)');
    const refs = new Map<string, StoryRef>();
    this.db
      .transaction(() => {
        for (const entry of entries) {
          const found = entry.keys.length === 0 ? [] : (finder(entry.keys.length).all(...entry.keys) as (StoryRef & { key: string })[]);
          let ref: StoryRef | undefined;
          for (const hit of found) {
            if (ref === undefined || hit.firstSeenAt < ref.firstSeenAt || (hit.firstSeenAt === ref.firstSeenAt && hit.storyId < ref.storyId)) {
              ref = { storyId: hit.storyId, firstSeenAt: hit.firstSeenAt };
            }
          }
          if (ref === undefined) ref = { storyId: Number(create.run(now, entry.articleId, entry.title).lastInsertRowid), firstSeenAt: now };
          const known = new Set(found.map((hit) => hit.key));
          for (const key of entry.keys) if (!known.has(key)) link.run(key, ref.storyId);
          refs.set(entry.articleId, ref);
        }
      })
      .immediate();
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
