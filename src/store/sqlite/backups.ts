import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { messageOf } from '../../error-message.js';
import { MIGRATIONS, newestVersion } from '../migrations.js';
import { classifyStoreError, StoreUnavailable } from '../unavailable.js';
import { schemaVersion } from './migrate.js';
import { moveAside, stamp } from './set-aside.js';

export const BACKUP_DIR = 'backups';
export const BACKUP_KEEP = 7;
export const BACKUP_EVERY_MS = 86_400_000;

const BACKUP_NAME = /^ringkas-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z\.sqlite$/;

export interface BackupInfo {
  readonly file: string;
  /** The file name inside DATA_DIR/backups, what the restore command takes. */
  readonly name: string;
  readonly takenAt: number;
  readonly bytes: number;
}

export type BackupCheck = { readonly ok: true; readonly version: number } | { readonly ok: false; readonly reason: string };

export function backupDir(dataDir: string): string {
  return path.resolve(dataDir, BACKUP_DIR);
}

/** The backups in DATA_DIR/backups, newest first (files of other names are not ours and left alone). */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupDir(dataDir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const backups: BackupInfo[] = [];
  for (const name of names) {
    const match = BACKUP_NAME.exec(name);
    if (match === null) continue;
    const [, y, mo, d, h, mi, s, ms] = match.map(Number);
    const file = path.join(dir, name);
    try {
      backups.push({ file, name, takenAt: Date.UTC(y ?? 0, (mo ?? 1) - 1, d, h, mi, s, ms), bytes: statSync(file).size });
    } catch {
      // removed meanwhile
    }
  }
  return backups.sort((a, b) => b.takenAt - a.takenAt);
}

/** Whether a backup file is a sound database this code can run on. */
export function checkBackup(file: string): BackupCheck {
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') return { ok: false, reason: `damaged: ${String(check)}` };
    const version = schemaVersion(db);
    if (version === 0) return { ok: false, reason: 'holds no Ringkas tables' };
    if (version > newestVersion(MIGRATIONS)) return { ok: false, reason: `written by a newer Ringkas (schema ${version})` };
    return { ok: true, version };
  } catch (error) {
    return { ok: false, reason: messageOf(error) };
  } finally {
    db?.close();
  }
}

/** The newest backup that passes checkBackup, or null. */
export function newestGoodBackup(dataDir: string): BackupInfo | null {
  return listBackups(dataDir).find((backup) => checkBackup(backup.file).ok) ?? null;
}

/**
 * Copies the open database into DATA_DIR/backups with SQLite's online backup API (writers go on meanwhile), under a
 * temporary name renamed at the end so a half-written copy never counts as a backup; keeps the newest `keep`.
 */
export async function backupNow(db: Database, dataDir: string, now: number, keep = BACKUP_KEEP): Promise<BackupInfo> {
  const dir = backupDir(dataDir);
  const name = `ringkas-${stamp(now, true)}.sqlite`;
  const file = path.join(dir, name);
  const partial = `${file}.partial`;
  try {
    mkdirSync(dir, { recursive: true });
    await db.backup(partial);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw classifyStoreError(error, `backing up to ${dir}`) ?? error;
  }
  for (const old of listBackups(dataDir).slice(Math.max(1, keep))) rmSync(old.file, { force: true });
  return { file, name, takenAt: now, bytes: statSync(file).size };
}

/**
 * Backs up when the newest backup is older than `everyMs` (or there is none) and the database holds anything: an
 * empty database (say, after a damaged one was set aside) must not push the good backups out.
 */
export async function backupIfDue(
  db: Database,
  dataDir: string,
  now: number,
  options: { readonly everyMs?: number; readonly keep?: number } = {},
): Promise<BackupInfo | null> {
  const newest = listBackups(dataDir)[0];
  if (newest !== undefined && now - newest.takenAt < (options.everyMs ?? BACKUP_EVERY_MS)) return null;
  const held = db
    .prepare('SELECT (SELECT count(*) FROM digest_schedules) + (SELECT count(*) FROM stories) + (SELECT count(*) FROM feeds)')
    .pluck()
    .get() as number;
  if (held === 0) return null;
  return backupNow(db, dataDir, now, options.keep);
}

export type RestoreResult =
  | { readonly ok: true; readonly restored: BackupInfo; readonly file: string; readonly movedAside: string | null }
  | { readonly ok: false; readonly reason: string };

/**
 * Puts backup `name` (a name from listBackups) in place of DATA_DIR/<fileName>, the current file moved aside first
 * (nothing is deleted). Run it with the bot stopped: a running process keeps writing to the file it has open.
 */
export function restoreBackup(dataDir: string, name: string, now: number, fileName: string): RestoreResult {
  const backup = listBackups(dataDir).find((candidate) => candidate.name === name);
  if (backup === undefined) {
    const known = listBackups(dataDir).map((b) => b.name);
    return { ok: false, reason: `no backup named ${name} in ${backupDir(dataDir)} (there are: ${known.length === 0 ? 'none' : known.join(', ')})` };
  }
  const check = checkBackup(backup.file);
  if (!check.ok) return { ok: false, reason: `${backup.name} cannot be restored: ${check.reason}` };
  const file = path.resolve(dataDir, fileName);
  const restoring = `${file}.restoring`;
  try {
    copyFileSync(backup.file, restoring);
    const movedAside = existsSync(file) ? moveAside(file, 'replaced', now) : null;
    renameSync(restoring, file);
    return { ok: true, restored: backup, file, movedAside };
  } catch (error) {
    rmSync(restoring, { force: true });
    const classified = classifyStoreError(error, `restoring ${backup.name}`);
    if (classified instanceof StoreUnavailable) return { ok: false, reason: `${classified.plain}: ${classified.detail}. ${classified.whatToDo}` };
    return { ok: false, reason: messageOf(error) };
  }
}

/**
 * The process that holds one of the bot's leases on the database in DATA_DIR, if a live one does (`isGone` tells a
 * crashed holder): a restore must wait until it stops. Null when none, or when the file cannot be read.
 */
export function liveLeaseHolder(dataDir: string, fileName: string, now: number, isGone: (holder: string) => boolean): string | null {
  const file = path.resolve(dataDir, fileName);
  if (!existsSync(file)) return null;
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const holders = db.prepare('SELECT holder FROM leases WHERE expires_at > ?').pluck().all(now) as string[];
    return holders.find((holder) => !isGone(holder)) ?? null;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/** Backs up the database in DATA_DIR from outside the bot (the online backup API: the bot may keep running). */
export async function backupDatabaseFile(dataDir: string, fileName: string, now: number, keep = BACKUP_KEEP): Promise<BackupInfo> {
  const file = path.resolve(dataDir, fileName);
  let db: Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw classifyStoreError(error, `opening ${file}`) ?? error;
  }
  try {
    return await backupNow(db, dataDir, now, keep);
  } finally {
    db.close();
  }
}
