import { toFeed, toFeedItem, type FeedItemRow, type FeedRow } from '../rows.js';
import type { AddFeedResult, Feeds } from '../store.js';
import type { FeedItemOutcome, FeedItemRecord, FeedItemRef, FeedPauseReason, FeedPollResult, FeedRecord, NewFeed } from '../types.js';
import type { Sql } from './connection.js';

/** Feeds, their poll state and their items, in PostgreSQL; due feeds are claimed with SKIP LOCKED. */
export class PostgresFeeds implements Feeds {
  constructor(private readonly sql: Sql) {}

  async add(feed: NewFeed, now: number): Promise<AddFeedResult> {
    const [inserted] = await this.sql<FeedRow[]>`
      INSERT INTO feeds (guild_id, channel_id, url, filter, created_by, next_poll_at, created_at, updated_at)
      VALUES (${feed.guildId}, ${feed.channelId}, ${feed.url}, ${feed.filter}, ${feed.createdBy}, ${now}, ${now}, ${now})
      ON CONFLICT (guild_id, channel_id, url) DO NOTHING RETURNING *`;
    if (inserted !== undefined) return { status: 'added', feed: toFeed(inserted) };
    const [existing] = await this.sql<FeedRow[]>`
      SELECT * FROM feeds WHERE guild_id = ${feed.guildId} AND channel_id = ${feed.channelId} AND url = ${feed.url}`;
    if (existing === undefined) throw new Error(`feed ${feed.url} vanished while being added`);
    return { status: 'exists', feed: toFeed(existing) };
  }

  async get(feedId: number): Promise<FeedRecord | undefined> {
    const [row] = await this.sql<FeedRow[]>`SELECT * FROM feeds WHERE id = ${feedId}`;
    return row === undefined ? undefined : toFeed(row);
  }

  async ofGuild(guildId: string): Promise<FeedRecord[]> {
    const rows = await this.sql<FeedRow[]>`SELECT * FROM feeds WHERE guild_id = ${guildId} ORDER BY id`;
    return rows.map(toFeed);
  }

  async remove(guildId: string, feedId: number): Promise<boolean> {
    const result = await this.sql`DELETE FROM feeds WHERE id = ${feedId} AND guild_id = ${guildId}`;
    return result.count > 0;
  }

  async setPaused(feedId: number, reason: FeedPauseReason | null, now: number): Promise<void> {
    if (reason === null) {
      await this.sql`
        UPDATE feeds SET paused_reason = NULL, paused_at = NULL, consecutive_failures = 0, next_poll_at = ${now}, updated_at = ${now}
        WHERE id = ${feedId}`;
    } else {
      await this.sql`UPDATE feeds SET paused_reason = ${reason}, paused_at = ${now}, updated_at = ${now} WHERE id = ${feedId}`;
    }
  }

  async claimDue(holder: string, now: number, ttlMs: number, limit: number): Promise<FeedRecord[]> {
    const rows = await this.sql<FeedRow[]>`
      UPDATE feeds SET claimed_by = ${holder}, claim_expires_at = ${now + ttlMs}
      WHERE id IN (
        SELECT id FROM feeds WHERE paused_reason IS NULL AND next_poll_at <= ${now} AND (claimed_by IS NULL OR claim_expires_at <= ${now})
        ORDER BY next_poll_at, id LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING *`;
    return rows.map(toFeed).sort((a, b) => a.nextPollAt - b.nextPollAt || a.id - b.id);
  }

  async recordPoll(feedId: number, holder: string, result: FeedPollResult, now: number): Promise<boolean> {
    if (result.ok) {
      const rows = await this.sql`
        UPDATE feeds SET etag = ${result.etag}, last_modified = ${result.lastModified}, next_poll_at = ${result.nextPollAt},
          last_polled_at = ${now}, last_success_at = ${now}, consecutive_failures = 0, last_error = NULL,
          claimed_by = NULL, claim_expires_at = NULL, updated_at = ${now}
        WHERE id = ${feedId} AND claimed_by = ${holder} RETURNING id`;
      return rows.length > 0;
    }
    const pause = result.pause ?? null;
    const rows = await this.sql`
      UPDATE feeds SET next_poll_at = ${result.nextPollAt}, last_polled_at = ${now}, consecutive_failures = consecutive_failures + 1,
        last_error = ${result.error}, paused_reason = ${pause}, paused_at = ${pause === null ? null : now},
        claimed_by = NULL, claim_expires_at = NULL, updated_at = ${now}
      WHERE id = ${feedId} AND claimed_by = ${holder} RETURNING id`;
    return rows.length > 0;
  }

  async claimItem(item: FeedItemRef, holder: string, ttlMs: number, now: number, maxAttempts: number): Promise<boolean> {
    const rows = await this.sql`
      INSERT INTO feed_items (feed_id, item_key, url, status, attempts, first_seen_at, claimed_by, claim_expires_at)
      VALUES (${item.feedId}, ${item.key}, ${item.url}, 'fetching', 1, ${now}, ${holder}, ${now + ttlMs})
      ON CONFLICT (feed_id, item_key) DO UPDATE SET status = 'fetching', attempts = feed_items.attempts + 1,
        url = coalesce(excluded.url, feed_items.url), claimed_by = excluded.claimed_by, claim_expires_at = excluded.claim_expires_at
      WHERE feed_items.attempts < ${maxAttempts}
        AND (feed_items.status = 'failed' OR (feed_items.status = 'fetching' AND feed_items.claim_expires_at <= ${now}))
      RETURNING item_key`;
    return rows.length > 0;
  }

  async finishItem(feedId: number, key: string, holder: string, outcome: FeedItemOutcome, now: number): Promise<boolean> {
    const done = outcome.status !== 'failed';
    const rows = await this.sql`
      UPDATE feed_items SET status = ${outcome.status}, fetched_at = ${done ? now : null}, article_path = ${done ? outcome.articlePath : null},
        error = ${done ? null : outcome.error}, claimed_by = NULL, claim_expires_at = NULL
      WHERE feed_id = ${feedId} AND item_key = ${key} AND claimed_by = ${holder} AND status = 'fetching'
      RETURNING item_key`;
    return rows.length > 0;
  }

  async items(feedId: number): Promise<FeedItemRecord[]> {
    const rows = await this.sql<FeedItemRow[]>`SELECT * FROM feed_items WHERE feed_id = ${feedId} ORDER BY first_seen_at, item_key COLLATE "C"`;
    return rows.map(toFeedItem);
  }
}
