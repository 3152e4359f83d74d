import { execFile } from 'node:child_process';
import { chmod, mkdir, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BACKUP_DIR,
  listBackups,
  MIGRATIONS,
  openSqliteStore,
  restoreBackup,
  StoreUnavailable,
  type SqliteStore,
  type StoreWarning,
} from '../src/store/index.js';
import { backupIfDue } from '../src/store/sqlite/backups.js';
import { CHANNEL, scheduleSettings } from './helpers/store-fixtures.js';
import { repoRoot, scratchDir } from './helpers/tmp.js';

const FILE = 'ringkas.sqlite';
const DAY = 86_400_000;

let scratch: Awaited<ReturnType<typeof scratchDir>>;
const open: SqliteStore[] = [];

function openStore(dataDir = scratch.dir, options: { busyTimeoutMs?: number; now?: () => number } = {}): { store: SqliteStore; warnings: readonly StoreWarning[] } {
  const opened = openSqliteStore({ dataDir, backups: false, ...options });
  open.push(opened.store);
  return opened;
}

/** A data folder holding one schedule and one backup of it. */
async function dataWithBackup(): Promise<{ backupName: string }> {
  const { store } = openStore();
  await store.schedules.save(scheduleSettings(), 1_000, 25);
  await store.ledger.record([{ articleId: 'a', title: 'A', keys: ['content:a'], fingerprint: 'f1' }], 1_000);
  const backup = await store.backup();
  await store.close();
  return { backupName: backup.name };
}

beforeEach(async () => {
  scratch = await scratchDir();
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  await chmod(scratch.dir, 0o700).catch(() => undefined);
  await scratch.cleanup();
});

describe('a database file that is there but unusable', () => {
  it('is moved aside when empty, the start-up is told loudly, and the newest backup brings the schedules back', async () => {
    const { backupName } = await dataWithBackup();
    await truncate(path.join(scratch.dir, FILE), 0);
    const { store, warnings } = openStore(scratch.dir, { now: () => Date.UTC(2026, 11, 4, 7, 0, 0) });
    expect(warnings).toHaveLength(1);
    const warning = warnings[0];
    expect(warning).toMatchObject({ kind: 'moved_aside', reason: 'empty', file: path.join(scratch.dir, FILE), movedTo: path.join(scratch.dir, `${FILE}.empty-20261204T070000Z`) });
    expect(warning?.message).toMatch(/was empty \(0 bytes\).*NOT loaded.*newest good backup is .*ringkas-\d{8}T\d{9}Z\.sqlite/);
    expect(warning?.kind === 'moved_aside' ? warning.backup?.name : null).toBe(backupName);
    expect((await stat(path.join(scratch.dir, `${FILE}.empty-20261204T070000Z`))).size).toBe(0);
    expect(await store.schedules.get(CHANNEL)).toBeUndefined();
    await store.close();

    const restored = restoreBackup(scratch.dir, backupName, Date.UTC(2026, 11, 4, 7, 5, 0), FILE);
    expect(restored).toMatchObject({ ok: true, movedAside: path.join(scratch.dir, `${FILE}.replaced-20261204T070500Z`) });
    const back = openStore();
    expect(back.warnings).toEqual([]);
    expect(await back.store.schedules.get(CHANNEL)).toMatchObject(scheduleSettings());
    expect(await back.store.ledger.storyCount()).toBe(1);
  });

  it('is moved aside when it is not a database, or damaged, and says when there is no backup to offer', async () => {
    await writeFile(path.join(scratch.dir, FILE), 'this is not a database, it is a shopping list\n'.repeat(200));
    const garbage = openStore();
    expect(garbage.warnings).toEqual([expect.objectContaining({ kind: 'moved_aside', reason: 'not_a_database', backup: null })]);
    expect(garbage.warnings[0]?.message).toMatch(/is not a SQLite database.*No good backup was found/);
    await garbage.store.schedules.save(scheduleSettings(), 1_000, 25);
    for (let i = 0; i < 300; i++) await garbage.store.ledger.record([{ articleId: `a${i}`, title: 'x'.repeat(500), keys: [`content:${i}`], fingerprint: 'f1' }], 1_000);
    await garbage.store.close();

    const file = path.join(scratch.dir, FILE);
    await truncate(file, Math.floor((await stat(file)).size / 2));
    const damaged = openStore();
    expect(damaged.warnings).toEqual([expect.objectContaining({ kind: 'moved_aside', reason: 'damaged' })]);
    expect(await damaged.store.schedules.active()).toEqual([]);
    const kept = (await readdir(scratch.dir)).filter((name) => name.startsWith(`${FILE}.`)).sort();
    expect(kept).toEqual([expect.stringMatching(/^ringkas\.sqlite\.damaged-\d{8}T\d{6}Z$/), expect.stringMatching(/^ringkas\.sqlite\.not_a_database-\d{8}T\d{6}Z$/)]);
  });

  it('offers the newest backup when the database is missing but backups exist', async () => {
    const { backupName } = await dataWithBackup();
    for (const suffix of ['', '-wal', '-shm']) await rm(path.join(scratch.dir, FILE + suffix), { force: true });
    const { warnings } = openStore();
    expect(warnings).toEqual([expect.objectContaining({ kind: 'missing', backup: expect.objectContaining({ name: backupName }) })]);
  });

  it('refuses a database written by a newer version and leaves it in place', async () => {
    const { store } = openStore();
    await store.close();
    const db = new BetterSqlite3(path.join(scratch.dir, FILE));
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 0)").run();
    db.close();
    expect(() => openStore()).toThrow(expect.objectContaining({ name: 'StoreUnavailable', cause: 'newer_schema', whatToDo: expect.stringMatching(/newer version/) }));
    expect((await readdir(scratch.dir)).filter((name) => name.startsWith(`${FILE}.`))).toEqual([]);
  });

  it('migrates a file from before schema_migrations (versions counted in user_version only)', async () => {
    const db = new BetterSqlite3(path.join(scratch.dir, FILE));
    db.exec(MIGRATIONS[0]?.sql ?? '');
    db.pragma('user_version = 1');
    db.prepare("INSERT INTO leases (name, holder, expires_at) VALUES ('x', 'old', 5)").run();
    db.close();
    const { store } = openStore();
    expect(await store.leases.holder('x', 1)).toBe('old');
    expect(store.database.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(MIGRATIONS.map((m) => m.version));
  });
});

describe('outages, named', () => {
  it('says the data folder is read-only, at start and on a write, for a user who may not write there', async () => {
    await dataWithBackup();
    const existing = scratch.dir;
    const fresh = path.join(scratch.dir, 'fresh');
    await mkdir(fresh);
    for (const dir of [fresh, existing]) await chmod(dir, 0o555);
    await chmod(path.join(existing, FILE), 0o444);
    const onFresh = await openAsUnprivileged(fresh, 'open');
    expect(onFresh).toMatchObject({ ok: false, cause: 'read_only', whatToDo: expect.stringMatching(/write access/) });
    const onExisting = await openAsUnprivileged(existing, 'save');
    expect(onExisting).toMatchObject({ ok: false, cause: 'read_only' });
    await chmod(existing, 0o755);
    await chmod(path.join(existing, FILE), 0o644);
    const { store } = openStore();
    expect(await store.schedules.get(CHANNEL)).toMatchObject(scheduleSettings());
  }, 60_000);

  it('says the disk is full and writes nothing of a run that did not fit', async () => {
    const { store } = openStore();
    await store.schedules.save(scheduleSettings(), 1_000, 25);
    const refs = await store.ledger.record([{ articleId: 'a', title: 'A', keys: ['content:a'], fingerprint: 'f1' }], 1_000);
    const storyId = refs.get('a')?.storyId ?? -1;
    const pages = store.database.pragma('page_count', { simple: true }) as number;
    // A full disk, simulated: the file may not grow past a few more pages.
    store.database.pragma(`max_page_count = ${pages + 2}`);
    const big = 'x'.repeat(400_000);
    const run = {
      channelId: CHANNEL,
      guildId: scheduleSettings().guildId,
      slot: 's:1',
      trigger: 'schedule' as const,
      scheduledFor: 1,
      cutoffStory: storyId,
      messages: [0, 1, 2].map((seq) => ({ seq, nonce: `n${seq}`, payload: big })),
      deliveries: [{ storyId, articleId: 'a', title: 'A', seq: 0 }],
    };
    const refused = await store.runs.record(run, 2_000, { scheduledFor: 1 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreUnavailable);
    expect(refused).toMatchObject({ cause: 'disk_full', plain: 'the disk is full', whatToDo: expect.stringMatching(/Free space/) });
    expect(await store.runs.latest(CHANNEL)).toBeUndefined();
    expect(await store.runs.deliveriesOf(CHANNEL)).toEqual([]);
    expect(await store.schedules.get(CHANNEL)).toMatchObject({ cursorStory: null, lastSlotAt: null });
    store.database.pragma('max_page_count = 1073741823');
    expect((await store.runs.record(run, 2_100, { scheduledFor: 1 })).status).toBe('recorded');
  });

  it('says the database is locked when another program holds it past the wait', async () => {
    const { store } = openStore(scratch.dir, { busyTimeoutMs: 50 });
    const other = new BetterSqlite3(path.join(scratch.dir, FILE));
    other.exec('BEGIN EXCLUSIVE');
    try {
      await expect(store.schedules.save(scheduleSettings(), 1_000, 25)).rejects.toMatchObject({ name: 'StoreUnavailable', cause: 'locked' });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await store.schedules.save(scheduleSettings(), 1_000, 25)).status).toBe('saved');
  });
});

describe('backups', () => {
  it('are taken daily with the online backup API, the newest 7 kept, never of an empty database', async () => {
    const { store } = openStore();
    const start = Date.UTC(2026, 11, 1, 3, 0, 0);
    expect(await backupIfDue(store.database, scratch.dir, start)).toBeNull();
    await store.schedules.save(scheduleSettings(), start, 25);
    const taken = [];
    for (let hour = 0; hour < 24 * 9; hour += 6) {
      const backup = await backupIfDue(store.database, scratch.dir, start + hour * 3_600_000);
      if (backup !== null) taken.push(backup.takenAt);
    }
    expect(taken.map((at) => (at - start) / DAY)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const kept = listBackups(scratch.dir);
    expect(kept.map((b) => (b.takenAt - start) / DAY)).toEqual([8, 7, 6, 5, 4, 3, 2]);
    expect(await readdir(path.join(scratch.dir, BACKUP_DIR))).toHaveLength(7);
    const copy = new BetterSqlite3(kept[0]?.file ?? '', { readonly: true });
    expect(copy.prepare('SELECT channel_id FROM digest_schedules').pluck().all()).toEqual([CHANNEL]);
    copy.close();
  });

  it('are restored only by a name that exists and only when sound', async () => {
    const { backupName } = await dataWithBackup();
    expect(restoreBackup(scratch.dir, 'ringkas-nope.sqlite', 0, FILE)).toEqual({ ok: false, reason: expect.stringContaining(`there are: ${backupName}`) });
    const backupFile = path.join(scratch.dir, BACKUP_DIR, backupName);
    await truncate(backupFile, 100);
    expect(restoreBackup(scratch.dir, backupName, 0, FILE)).toEqual({ ok: false, reason: expect.stringContaining('cannot be restored') });
    const { store } = openStore();
    expect(await store.schedules.get(CHANNEL)).toMatchObject(scheduleSettings());
  });

  it('run on their own once started, and tell the caller', async () => {
    const { store } = openStore();
    await store.schedules.save(scheduleSettings(), 1_000, 25);
    const results: unknown[] = [];
    await new Promise<void>((resolve) => {
      store.startBackups({ onResult: (result) => (results.push(result), resolve()) });
    });
    expect(results).toEqual([{ ok: true, backup: expect.objectContaining({ name: expect.stringMatching(/^ringkas-/) }) }]);
    expect(listBackups(scratch.dir)).toHaveLength(1);
  });
});

/** Runs the open in a child process as a user without write access here (as root: `nobody`; otherwise: ourselves). */
async function openAsUnprivileged(dataDir: string, action: 'open' | 'save'): Promise<Record<string, unknown>> {
  const asRoot = process.getuid?.() === 0;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'tests', 'helpers', 'open-store-child.ts'), dataDir, action],
    { cwd: repoRoot, timeout: 60_000, ...(asRoot ? { uid: 65534, gid: 65534, env: { ...process.env, HOME: path.dirname(dataDir) } } : {}) },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
}
