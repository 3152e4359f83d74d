import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, openStoreForBot, type SqliteStore, type Store, type StoreUnavailable } from '../src/store/index.js';
import { startDiscordServer, type LocalDiscordServer } from '../discord-emulator/index.js';
import { startDigestBot } from './bot-digest-fixtures.js';
import { silentLog } from './digest-fixtures.js';
import { repoRoot, scratchDir, seedsDir, sharedData } from './helpers/tmp.js';

// Issue 16 items 6 and 7: an outage says why, to moderators and at start-up, and a database that is not one is set aside loudly.

const MODERATOR = { user: 'moderator', channel: 'general' };
const textOf = (outcome: { messages: { content: string; embeds: { description?: string }[] }[] }) =>
  outcome.messages.map((m) => [m.content, ...m.embeds.map((e) => e.description ?? '')].join('\n')).join('\n');

interface Running {
  readonly server: LocalDiscordServer;
  cleanup(): Promise<void>;
}

const running: Running[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.cleanup();
}, 60_000);

/** A bot with /digest over `store`; `afterStop` closes what the test opened for it. */
async function botWith(store: Store | StoreUnavailable, afterStop: () => Promise<void> = async () => undefined, articles = 1): Promise<Running> {
  const corpus = await scratchDir();
  // Different stories (real texts of ten outlets, read from ../shared/data, never copied).
  const rows = readFileSync(join(sharedData, 'realnews', 'texts.jsonl'), 'utf8').split('\n').filter((line) => line.trim() !== '');
  for (let i = 0; i < articles; i++) {
    const row = JSON.parse(rows[i * 113 + 3] ?? '{}') as { id: string; outlet: string; url: string; title: string; text: string };
    await corpus.write(`${row.id}.json`, JSON.stringify({ id: row.id, title: row.title, source: row.outlet, url: row.url, body: row.text.split(/\n+/).join('\n\n') }));
  }
  const server = await startDiscordServer({ rateLimits: false });
  const bot = await startDigestBot({ discord: { apiUrl: server.apiUrl, token: server.token, guildId: server.guild.id }, corpusDir: corpus.dir, dataDir: corpus.dir, store });
  const entry: Running = {
    server,
    cleanup: async () => {
      await bot.stop();
      await server.stop();
      await corpus.cleanup();
      await afterStop();
    },
  };
  running.push(entry);
  return entry;
}

describe('a disk that fills while the bot runs', () => {
  it('makes /digest now say the disk is full, records and posts nothing, and /digest status names it until space is back', async () => {
    const data = await scratchDir();
    const { store } = openSqliteStore({ dataDir: data.dir, backups: false });
    // Ten articles: their digest needs pages the full disk cannot give.
    const { server } = await botWith(
      store,
      async () => {
        await store.close();
        await data.cleanup();
      },
      10,
    );
    const news = server.channel('#news').id;
    // Ten articles to a message: a digest message larger than a database page, which a full disk cannot store.
    const set = await server.runCommand('digest set', { channel: news, schedule: '07:00', size: 10 }, MODERATOR);
    expect(textOf(set)).toContain('Digest for');

    const sqlite = store as SqliteStore;
    // A full disk, simulated: the file may not grow any more, and the room left inside it is used up.
    sqlite.database.exec('CREATE TABLE test_filler (junk BLOB)');
    sqlite.database.pragma('max_page_count = 1');
    const fill = sqlite.database.prepare('INSERT INTO test_filler (junk) VALUES (randomblob(?))');
    for (const size of [65_536, 4_096, 512, 64, 8]) {
      for (;;) {
        try {
          fill.run(size);
        } catch {
          break;
        }
      }
    }
    const refused = await server.runCommand('digest now', { channel: news }, MODERATOR);
    expect(textOf(refused)).toContain('the disk is full');
    expect(textOf(refused)).toContain('free space on the disk');
    expect(server.channelMessages(news)).toEqual([]);
    expect(await store.runs.latest(news)).toBeUndefined();
    const status = await server.runCommand('digest status', {}, { ...MODERATOR, locale: 'id' });
    expect(textOf(status)).toContain('disk penuh');

    sqlite.database.pragma('max_page_count = 1073741823');
    const posted = await server.runCommand('digest now', { channel: news }, MODERATOR);
    expect(textOf(posted)).toContain(`Posted 10 articles to <#${news}>`);
    expect(textOf(await server.runCommand('digest status', {}, MODERATOR))).not.toContain('the disk is full');
  }, 60_000);
});

describe('a store that cannot be opened', () => {
  it('keeps the bot answering, and /digest status says why in the reader’s language (PostgreSQL unreachable)', async () => {
    const opened = await openStoreForBot({ dataDir: '', databaseUrl: 'postgres://ringkas:secret@127.0.0.1:1/ringkas', log: silentLog });
    expect(opened.store).toMatchObject({ name: 'StoreUnavailable', cause: 'unreachable' });
    expect(opened.notices.join('\n')).toContain('Digests are off: the database server cannot be reached');
    expect(opened.notices.join('\n')).not.toContain('secret');
    const { server } = await botWith(opened.store as StoreUnavailable);
    const english = await server.runCommand('digest status', {}, MODERATOR);
    expect(english.ephemeral).toBe(true);
    expect(textOf(english)).toContain('the database server cannot be reached');
    expect(textOf(english)).toContain('DATABASE_URL');
    const indonesian = await server.runCommand('digest now', { channel: server.channel('#news').id }, { ...MODERATOR, locale: 'id' });
    expect(textOf(indonesian)).toContain('server basis data tidak bisa dihubungi');
  }, 60_000);
});

/** Runs `npm start`'s entry point against a Discord-compatible server until its ready line, as `uid` when given. */
async function startUp(env: Record<string, string>, uid?: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'main.ts')], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: env.HOME ?? process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
    ...(uid === undefined ? {} : { uid, gid: uid }),
  });
  let text = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line within 60 s:\n${text}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      text += chunk.toString();
      if (text.includes('"msg":"ready"')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${text}`)));
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return text.split('\n').filter((line) => line.startsWith('{'));
}

const lineWith = (lines: readonly string[], text: string) => lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => String(line.msg).includes(text));

describe('the start-up line', () => {
  it('names a read-only data folder and what to do, and the bot still starts', async () => {
    const scratch = await scratchDir();
    const server = await startDiscordServer({ rateLimits: false });
    try {
      const dataDir = join(scratch.dir, 'data');
      await mkdir(dataDir);
      const asRoot = process.getuid?.() === 0;
      // Root may write anywhere: the bot runs as `nobody`, who may read the folder but not write to it.
      await chmod(scratch.dir, 0o755);
      await chmod(dataDir, 0o555);
      const lines = await startUp(
        { DISCORD_TOKEN: server.token, DISCORD_API_BASE: server.apiUrl, DISCORD_GUILD_ID: server.guild.id, CORPUS_DIR: seedsDir, DATA_DIR: dataDir, HOME: scratch.dir },
        asRoot ? 65534 : undefined,
      );
      const off = lineWith(lines, 'Digests are off');
      expect(off).toMatchObject({ level: 50, cause: 'read_only' });
      expect(String(off?.msg)).toContain('the data folder is read-only');
      expect(String(off?.msg)).toContain('write access');
      expect(lineWith(lines, 'ready')).toMatchObject({ store: { off: 'the data folder is read-only' } });
    } finally {
      await chmod(join(scratch.dir, 'data'), 0o755).catch(() => undefined);
      await server.stop();
      await scratch.cleanup();
    }
  }, 90_000);

  it('says loudly that an empty ringkas.sqlite was moved aside, and offers the newest good backup', async () => {
    const scratch = await scratchDir();
    const server = await startDiscordServer({ rateLimits: false });
    try {
      const dataDir = join(scratch.dir, 'data');
      const { store } = openSqliteStore({ dataDir, backups: false });
      await store.schedules.save(
        { channelId: server.channel('#news').id, guildId: server.guild.id, scheduleInput: '07:00', cron: '0 7 * * *', timeZone: 'Asia/Jakarta', size: 5, maxMessages: 1, locale: 'id', postWhenEmpty: false, createdBy: null },
        Date.now(),
        25,
      );
      const backup = await store.backup();
      await store.close();
      await writeFile(join(dataDir, 'ringkas.sqlite'), '');
      const lines = await startUp({ DISCORD_TOKEN: server.token, DISCORD_API_BASE: server.apiUrl, DISCORD_GUILD_ID: server.guild.id, CORPUS_DIR: seedsDir, DATA_DIR: dataDir });
      const warning = lineWith(lines, 'was empty (0 bytes)');
      expect(warning).toMatchObject({ level: 50 });
      expect(String(warning?.msg)).toContain('NOT loaded');
      expect(String(warning?.msg)).toContain(backup.file);
      expect(lineWith(lines, 'ready')).toMatchObject({ store: 'sqlite', storeNotices: 1 });
    } finally {
      await server.stop();
      await scratch.cleanup();
    }
  }, 90_000);
});
