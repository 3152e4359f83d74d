import { toFeed, toFeedItem, type FeedItemRow, type FeedRow } from '../rows.js';
import type { AddFeedResult, Feeds } from '../store.js';
import type { FeedItemOutcome, FeedItemRecord, FeedItemRef, FeedPauseReason, FeedPollResult, FeedRecord, NewFeed } from '../types.js';
import type { Sync } from './async.js';
import type { SqliteDb } from './statements.js';

/** Feeds, their poll state and their items, in SQLite. */
export class SqliteFeeds implements Sync<Feeds> {
  constructor(private readonly sql: SqliteDb) {}

  add(feed: NewFeed, now: number): AddFeedResult {
    return this.sql.transaction((): AddFeedResult => {
      const inserted = this.sql.get<FeedRow>(
        `INSERT INTO feeds (guild_id, channel_id, url, filter, created_by, next_poll_at, created_at, updated_at)
         VALUES (@guildId, @channelId, @url, @filter, @createdBy, @now, @now, @now)
         ON CONFLICT (guild_id, channel_id, url) DO NOTHING RETURNING *`,
        { ...feed, now },
      );
      if (inserted !== undefined) return { status: 'added', feed: toFeed(inserted) };
      const existing = this.sql.get<FeedRow>('SELECT * FROM feeds WHERE guild_id = ? AND channel_id = ? AND url = ?', feed.guildId, feed.channelId, feed.url);
      if (existing === undefined) throw new Error(`feed ${feed.url} vanished while being added`);
      return { status: 'exists', feed: toFeed(existing) };
    });
  }

  get(feedId: number): FeedRecord | undefined {
    const row = this.sql.get<FeedRow>('SELECT * FROM feeds WHERE id = ?', feedId);
    return row === undefined ? undefined : toFeed(row);
  }

  ofGuild(guildId: string): FeedRecord[] {
    return this.sql.all<FeedRow>('SELECT * FROM feeds WHERE guild_id = ? ORDER BY id', guildId).map(toFeed);
  }

  remove(guildId: string, feedId: number): boolean {
    return this.sql.changed('DELETE FROM feeds WHERE id = ? AND guild_id = ?', feedId, guildId);
  }

  setPaused(feedId: number, reason: FeedPauseReason | null, now: number): void {
    if (reason === null) {
      this.sql.run(
        'UPDATE feeds SET paused_reason = NULL, paused_at = NULL, consecutive_failures = 0, next_poll_at = ?, updated_at = ? WHERE id = ?',
        now,
        now,
        feedId,
      );
    } else {
      this.sql.run('UPDATE feeds SET paused_reason = ?, paused_at = ?, updated_at = ? WHERE id = ?', reason, now, now, feedId);
    }
  }

  claimDue(holder: string, now: number, ttlMs: number, limit: number): FeedRecord[] {
    return this.sql
      .all<FeedRow>(
        `UPDATE feeds SET claimed_by = ?, claim_expires_at = ?
         WHERE id IN (SELECT id FROM feeds WHERE paused_reason IS NULL AND next_poll_at <= ? AND (claimed_by IS NULL OR claim_expires_at <= ?)
                      ORDER BY next_poll_at, id LIMIT ?)
         RETURNING *`,
        holder,
        now + ttlMs,
        now,
        now,
        limit,
      )
      .map(toFeed)
      .sort((a, b) => a.nextPollAt - b.nextPollAt || a.id - b.id);
  }

  recordPoll(feedId: number, holder: string, result: FeedPollResult, now: number): boolean {
    if (result.ok) {
      return this.sql.changed(
        `UPDATE feeds SET etag = ?, last_modified = ?, next_poll_at = ?, last_polled_at = ?, last_success_at = ?, consecutive_failures = 0,
           last_error = NULL, claimed_by = NULL, claim_expires_at = NULL, updated_at = ?
         WHERE id = ? AND claimed_by = ?`,
        result.etag,
        result.lastModified,
        result.nextPollAt,
        now,
        now,
        now,
        feedId,
        holder,
      );
    }
    const pause = result.pause ?? null;
    return this.sql.changed(
      `UPDATE feeds SET next_poll_at = ?, last_polled_at = ?, consecutive_failures = consecutive_failures + 1, last_error = ?,
         paused_reason = ?, paused_at = ?, claimed_by = NULL, claim_expires_at = NULL, updated_at = ?
       WHERE id = ? AND claimed_by = ?`,
      result.nextPollAt,
      now,
      result.error,
      pause,
      pause === null ? null : now,
      now,
      feedId,
      holder,
    );
  }

  claimItem(item: FeedItemRef, holder: string, ttlMs: number, now: number, maxAttempts: number): boolean {
    return this.sql.changed(
      `INSERT INTO feed_items (feed_id, item_key, url, status, attempts, first_seen_at, claimed_by, claim_expires_at)
       VALUES (?, ?, ?, 'fetching', 1, ?, ?, ?)
       ON CONFLICT (feed_id, item_key) DO UPDATE SET status = 'fetching', attempts = feed_items.attempts + 1,
         url = coalesce(excluded.url, feed_items.url), claimed_by = excluded.claimed_by, claim_expires_at = excluded.claim_expires_at
       WHERE feed_items.attempts < ? AND (feed_items.status = 'failed' OR (feed_items.status = 'fetching' AND feed_items.claim_expires_at <= ?))`,
      item.feedId,
      item.key,
      item.url,
      now,
      holder,
      now + ttlMs,
      maxAttempts,
      now,
    );
  }

  finishItem(feedId: number, key: string, holder: string, outcome: FeedItemOutcome, now: number): boolean {
    const done = outcome.status !== 'failed';
    return this.sql.changed(
      `UPDATE feed_items SET status = ?, fetched_at = ?, article_path = ?, error = ?, claimed_by = NULL, claim_expires_at = NULL
       WHERE feed_id = ? AND item_key = ? AND claimed_by = ? AND status = 'fetching'`,
      outcome.status,
      done ? now : null,
      done ? outcome.articlePath : null,
      done ? null : outcome.error,
      feedId,
      key,
      holder,
    );
  }

  items(feedId: number): FeedItemRecord[] {
    return this.sql.all<FeedItemRow>('SELECT * FROM feed_items WHERE feed_id = ? ORDER BY first_seen_at, item_key', feedId).map(toFeedItem);
  }
}
