import { isGoneInstance } from '../digest/instance.js';
import { messageOf } from '../error-message.js';
import { backupDatabaseFile, checkBackup, DATABASE_FILE, listBackups, liveLeaseHolder, restoreBackup, StoreUnavailable } from '../store/index.js';
import { EXIT, UsageError, type CliCommand } from './command.js';
import { writeLine } from './output.js';

const DEFAULT_DATA_DIR = 'data';

/**
 * The SQLite database's backups in DATA_DIR/backups (the bot takes one a day and keeps 7): list them, take one now, or
 * restore one in place of the database (the current file is kept beside it). Restoring needs the bot stopped.
 */
const backups: CliCommand = {
  summary: 'list the database backups (DATA_DIR/backups), take one, or restore one with the bot stopped',
  operands: '',
  options: {
    restore: { type: 'string', value: 'NAME', description: 'put backup NAME in place of the database (stop the bot first; the current file is kept as ringkas.sqlite.replaced-…)' },
    take: { type: 'boolean', description: 'take a backup now (the bot may keep running)' },
    json: { type: 'boolean', description: 'one JSON object a backup: name, takenAt, bytes, ok, problem' },
  },
  async run(args, context) {
    const dataDir = context.dataDir ?? DEFAULT_DATA_DIR;
    if (context.databaseUrl !== undefined && context.databaseUrl !== null) {
      throw new UsageError('DATABASE_URL is set: the bot keeps its state in PostgreSQL; back it up with pg_dump and restore with pg_restore');
    }
    const restore = args.options.restore;
    if (args.options.take === true && restore !== undefined) throw new UsageError('choose --take or --restore, not both');
    if (typeof restore === 'string') return restoreNamed(dataDir, restore);
    if (args.options.take === true) {
      try {
        const taken = await backupDatabaseFile(dataDir, DATABASE_FILE, Date.now());
        await writeLine(`Backed up to ${taken.file} (${taken.bytes} bytes).`);
        return EXIT.answered;
      } catch (error) {
        process.stderr.write(`No backup taken: ${error instanceof StoreUnavailable ? `${error.plain}: ${error.detail}. ${error.whatToDo}` : messageOf(error)}\n`);
        return EXIT.notFound;
      }
    }
    const found = listBackups(dataDir);
    for (const backup of found) {
      const check = checkBackup(backup.file);
      const problem = check.ok ? null : check.reason;
      if (args.options.json === true) {
        await writeLine(JSON.stringify({ name: backup.name, takenAt: new Date(backup.takenAt).toISOString(), bytes: backup.bytes, ok: check.ok, problem }));
      } else {
        await writeLine(`${backup.name}  ${new Date(backup.takenAt).toISOString()}  ${backup.bytes} bytes${problem === null ? '' : `  UNUSABLE: ${problem}`}`);
      }
    }
    if (found.length === 0 && args.options.json !== true) await writeLine(`No backups in ${dataDir}/backups yet (the bot takes one a day once it holds digest settings).`);
    if (found.length > 0 && args.options.json !== true) await writeLine(`Restore one with the bot stopped: npm run --silent cli -- backups --restore ${found[0]?.name ?? 'NAME'}`);
    return EXIT.answered;
  },
};

async function restoreNamed(dataDir: string, name: string): Promise<number> {
  const now = Date.now();
  const holder = liveLeaseHolder(dataDir, DATABASE_FILE, now, isGoneInstance);
  if (holder !== null) {
    process.stderr.write(`The bot is running (${holder} holds the database): stop it first, then restore.\n`);
    return EXIT.usage;
  }
  const result = restoreBackup(dataDir, name, now, DATABASE_FILE);
  if (!result.ok) {
    process.stderr.write(`${result.reason}\n`);
    return EXIT.notFound;
  }
  await writeLine(`Restored ${result.restored.name} to ${result.file}${result.movedAside === null ? '' : `; the previous file is kept as ${result.movedAside}`}. Start the bot again.`);
  return EXIT.answered;
}

export default backups;
