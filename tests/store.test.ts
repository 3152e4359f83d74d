import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStores, migrate, MigrationError, MIGRATIONS, openDatabase, type Database } from '../src/store/index.js';
import { scheduleSettings } from './helpers/store-fixtures.js';
import { scratchDir } from './helpers/tmp.js';

let scratch: Awaited<ReturnType<typeof scratchDir>>;
const opened: Database[] = [];
const open = () => {
  const result = openDatabase(scratch.dir);
  opened.push(result.db);
  return result;
};

beforeEach(async () => {
  scratch = await scratchDir();
});
afterEach(async () => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  await scratch.cleanup();
});

const settings = scheduleSettings();

describe('the database', () => {
  it('is created in the data dir in WAL mode with every migration applied once', () => {
    const first = open();
    expect(first.file.startsWith(scratch.dir)).toBe(true);
    expect(first.migrated).toEqual(MIGRATIONS.map((m) => m.version));
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (first.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['digest_schedules', 'stories', 'story_keys', 'digest_runs', 'digest_messages', 'digest_deliveries', 'leases']));
    first.db.close();
    const again = open();
    expect(again.migrated).toEqual([]);
    expect(again.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
  });

  it('keeps schedules, ledger, runs and deliveries across a reopen', () => {
    const first = open();
    const stores = createStores(first.db);
    stores.schedules.upsert(settings, 1_000);
    const refs = stores.ledger.record([{ articleId: 'a', title: 'Judul A', keys: ['content:a', 'url:a'] }], 2_000);
    const storyId = refs.get('a')?.storyId ?? -1;
    const run = stores.runs.create(
      {
        channelId: settings.channelId,
        guildId: settings.guildId,
        slot: 's:3000',
        trigger: 'schedule',
        scheduledFor: 3_000,
        cutoffStory: storyId,
        messages: [{ seq: 0, nonce: 'n0', payload: '{"content":"x"}' }],
        deliveries: [{ storyId, articleId: 'a', title: 'Judul A', seq: 0 }],
      },
      3_000,
    );
    expect(run?.status).toBe('pending');
    stores.runs.markSending(run?.id ?? -1, 0, 3_001);
    stores.runs.markDelivered(run?.id ?? -1, 0, '999', 3_002);
    stores.runs.finish(run?.id ?? -1, 3_003);
    stores.schedules.setCursor(settings.channelId, storyId);
    first.db.close();

    const reopened = createStores(open().db);
    const schedule = reopened.schedules.get(settings.channelId);
    expect(schedule).toMatchObject({ ...settings, state: 'active', cursorStory: storyId, anchorAt: 1_000 });
    expect(reopened.ledger.keysOf(storyId)).toEqual(['content:a', 'url:a']);
    expect(reopened.runs.latest(settings.channelId)).toMatchObject({ status: 'delivered', articles: 1, messages: 1, finishedAt: 3_003 });
    expect(reopened.runs.messagesOf(run?.id ?? -1)).toEqual([
      expect.objectContaining({ status: 'delivered', messageId: '999', attempts: 1, nonce: 'n0' }),
    ]);
    expect(reopened.runs.deliveriesOf(settings.channelId)).toEqual([
      expect.objectContaining({ storyId, status: 'delivered', messageId: '999', deliveredAt: 3_002 }),
    ]);
    expect(reopened.runs.takenStories(settings.channelId)).toEqual(new Set([storyId]));
  });

  it('refuses a database written by a newer version, and rolls back a migration that fails', () => {
    const db = new BetterSqlite3(':memory:');
    opened.push(db);
    db.pragma('user_version = 99');
    expect(() => migrate(db)).toThrow(MigrationError);

    const fresh = new BetterSqlite3(':memory:');
    opened.push(fresh);
    const broken = [...MIGRATIONS, { version: 1000, name: 'broken', sql: 'CREATE TABLE half (x INTEGER); THIS IS NOT SQL;' }];
    expect(() => migrate(fresh, broken)).toThrow();
    expect(fresh.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
    expect(fresh.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
  });
});

describe('the stores', () => {
  it('re-enables a halted schedule and resets its failures when it is set again, keeping the cursor', () => {
    const stores = createStores(open().db);
    stores.schedules.upsert(settings, 1_000);
    stores.schedules.setCursor(settings.channelId, 7);
    expect(stores.schedules.recordFailure(settings.channelId, '500 boom', 2_000)).toBe(1);
    expect(stores.schedules.recordFailure(settings.channelId, '500 boom', 2_001)).toBe(2);
    stores.schedules.halt(settings.channelId, 'disabled', 'failures', '500 boom', 2_002);
    expect(stores.schedules.listActive()).toEqual([]);
    const again = stores.schedules.upsert({ ...settings, cron: '0 7 * * *', scheduleInput: '07:00' }, 5_000);
    expect(again).toMatchObject({ state: 'active', stateReason: null, consecutiveFailures: 0, anchorAt: 5_000, cursorStory: 7, cron: '0 7 * * *' });
    expect(stores.schedules.listActive()).toHaveLength(1);
  });

  it('joins keys of one story and keeps the earliest entry time', () => {
    const stores = createStores(open().db);
    const first = stores.ledger.record([{ articleId: 'a', title: 'T', keys: ['url:u', 'content:1'] }], 100);
    const renamed = stores.ledger.record([{ articleId: 'b', title: 'T', keys: ['url:u', 'content:2'] }], 200);
    expect(renamed.get('b')).toEqual(first.get('a'));
    expect(stores.ledger.keysOf(first.get('a')?.storyId ?? -1)).toEqual(['content:1', 'content:2', 'url:u']);
    const other = stores.ledger.record([{ articleId: 'c', title: 'U', keys: ['content:3'] }], 300);
    expect(other.get('c')?.storyId).toBeGreaterThan(first.get('a')?.storyId ?? Infinity);
    expect(stores.ledger.newestStory()).toBe(other.get('c')?.storyId);
  });

  it('gives one process the lease until it expires or is released', () => {
    const stores = createStores(open().db);
    expect(stores.leases.tryAcquire('x', 'p1', 1_000, 0)).toBe(true);
    expect(stores.leases.tryAcquire('x', 'p2', 1_000, 500)).toBe(false);
    expect(stores.leases.tryAcquire('x', 'p1', 1_000, 900)).toBe(true);
    expect(stores.leases.tryAcquire('x', 'p2', 1_000, 1_899)).toBe(false);
    expect(stores.leases.tryAcquire('x', 'p2', 1_000, 1_901)).toBe(true);
    stores.leases.release('x', 'p2');
    expect(stores.leases.holderOf('x', 1_902)).toBeNull();
  });

  it('treats a second run for the same slot as already done', () => {
    const stores = createStores(open().db);
    const run = { channelId: 'c', guildId: 'g', slot: 's:1', trigger: 'schedule' as const, scheduledFor: 1, cutoffStory: 0, messages: [], deliveries: [] };
    expect(stores.runs.create(run, 1)?.status).toBe('empty');
    expect(stores.runs.create(run, 2)).toBeUndefined();
  });
});

describe('retention', () => {
  it('drops old message bodies of finished runs but keeps pending ones and the delivery log', () => {
    const stores = createStores(open().db);
    const refs = stores.ledger.record([{ articleId: 'a', title: 'A', keys: ['content:a'] }, { articleId: 'b', title: 'B', keys: ['content:b'] }], 1);
    const plan = (slot: string, storyId: number, at: number) =>
      stores.runs.create(
        {
          channelId: 'c',
          guildId: 'g',
          slot,
          trigger: 'schedule',
          scheduledFor: at,
          cutoffStory: storyId,
          messages: [{ seq: 0, nonce: slot, payload: '{"content":"x"}' }],
          deliveries: [{ storyId, articleId: String(storyId), title: 'T', seq: 0 }],
        },
        at,
      );
    const old = plan('s:1', refs.get('a')?.storyId ?? -1, 1_000);
    stores.runs.markDelivered(old?.id ?? -1, 0, 'm1', 1_001);
    stores.runs.finish(old?.id ?? -1, 1_002);
    const pending = plan('s:2', refs.get('b')?.storyId ?? -1, 1_500);
    expect(stores.runs.pruneMessages(5_000)).toBe(1);
    expect(stores.runs.messagesOf(old?.id ?? -1)).toEqual([]);
    expect(stores.runs.messagesOf(pending?.id ?? -1)).toHaveLength(1);
    expect(stores.runs.deliveriesOf('c').map((d) => d.status)).toEqual(['delivered', 'intended']);
  });
});
