import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from 'discord.js';
import { loadConfig, type Config } from './config.js';
import type { BotContext } from './discord/command.js';
import type { DigestService } from './digest/index.js';
import { createLogger, type Logger } from './log.js';
import type { LibraryHolder } from './library/index.js';
import type { BotStore } from './store/index.js';
import { messageOf } from './error-message.js';

type Stop = () => Promise<void> | void;
type DigestModules = [typeof import('./digest/index.js'), typeof import('./discord/digest/index.js')];

/** The context handlers receive; the digest service posts through the client's REST (and so waits out its 429s). */
function buildContext(client: Client, library: LibraryHolder, config: Config, log: Logger, [core, discord]: DigestModules, store: BotStore['store']): BotContext {
  let digests: DigestService | null = null;
  try {
    digests = core.openDigestService({ config, store, ...discord.discordDigestPorts(client.rest), library, log });
  } catch (error) {
    log.error({ err: error }, 'digests are off: the digest service could not be built');
  }
  return { library, config, log, digests };
}

async function main(): Promise<void> {
  const started = performance.now();
  const base = await loadConfig();
  const localMode = base.token === null;
  let log: Logger;
  let logFile: string | null = null;
  if (localMode) {
    // The terminal belongs to the console in local mode; the log goes to a file beside the data.
    await mkdir(base.dataDir, { recursive: true });
    logFile = join(base.dataDir, 'local-mode.log');
    log = createLogger({ level: base.logLevel, destination: createWriteStream(logFile, { flags: 'a' }) });
  } else {
    log = createLogger({ level: base.logLevel, secrets: [base.token as string] });
  }
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));

  const stops: Stop[] = [];
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        log.warn({ err: error }, 'error while shutting down');
      }
    }
    log.flush();
    process.exit(0);
  };
  const onSignal = (signal: string): void => {
    if (stopping) process.exit(1);
    void shutdown(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  // the corpus starts loading first: its reading and its worker threads overlap the import of discord.js
  const { corpusFolder, openLibrary } = await import('./library/index.js');
  const libraryLoading = openLibrary(corpusFolder(base.corpusDir, { maxBytes: base.maxArticleBytes }), {
    stemCacheFile: join(base.dataDir, 'stems.json'),
    analysisCacheDir: base.dataDir,
    analysisThreads: base.analysisThreads,
    onWarning: (message) => log.warn(message),
  });
  // the store opens beside the library (PostgreSQL with DATABASE_URL, else SQLite in DATA_DIR with daily backups)
  const storeOpening = import('./store/index.js').then(({ openStoreForBot }) => openStoreForBot({ dataDir: base.dataDir, databaseUrl: base.databaseUrl, log }));
  const [{ startBot }, { loadCommands }, ...digestModules] = await Promise.all([
    import('./discord/bot.js'),
    import('./discord/registry.js'),
    import('./digest/index.js'),
    import('./discord/digest/index.js'),
  ]);
  const [library, commands, opened] = await Promise.all([libraryLoading, loadCommands(), storeOpening]);
  stops.push(() => library.close());
  const { store } = opened;
  if (!(store instanceof Error)) stops.push(() => store.close());
  let config = base;
  let local: import('./local-mode/index.js').LocalMode | null = null;
  if (localMode) {
    const { startLocalMode } = await import('./local-mode/index.js');
    const started = await startLocalMode();
    local = started;
    stops.push(() => started.stop());
    config = { ...base, ...started.discord };
  }

  const bot = await startBot({
    config,
    log,
    commands,
    context: (client) => buildContext(client, library, config, log, digestModules, store),
    rememberRegistration: !localMode,
  });
  stops.push(() => bot.stop());
  const digests = bot.context.digests;
  if (digests !== null) {
    stops.push(() => digests.stop());
    await digests.start();
  }

  const stats = library.current().stats;
  const problems = library.current().problems.filter((p) => p.ignored !== true).length;
  const ms = Math.round(performance.now() - started);
  const build = library.lastBuild();
  log.info(
    {
      mode: localMode ? 'local' : 'discord', guilds: bot.client.guilds.cache.size, ...stats, problems, commands: commands.length, ms,
      store: store instanceof Error ? { off: store.plain, whatToDo: store.whatToDo } : store.backend, storeNotices: opened.notices.length,
      load: { readMs: Math.round(build.readMs), cached: build.cached, analyzed: build.analyzed, threads: build.threads, analysisMs: Math.round(build.analysisMs), indexMs: Math.round(build.indexMs) },
    },
    'ready',
  );

  if (local !== null) {
    process.stdout.write(
      `Ringkas is ready in local mode (${ms} ms): ${stats.articles} articles, ${stats.quotes} quotes, ${stats.speakers} speakers` +
        `${problems > 0 ? `, ${problems} unreadable files` : ''}. Log: ${logFile}\n` +
        'Set DISCORD_TOKEN in .env to connect to Discord instead.\n' +
        opened.notices.map((notice) => `${notice}\n`).join(''),
    );
    const terminal = local.openConsole({ input: process.stdin, output: process.stdout, ansi: process.stdout.isTTY === true });
    stops.push(() => terminal.close());
    void terminal.closed.then(() => shutdown('console closed'));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Ringkas could not start: ${messageOf(error)}\n`);
  process.exit(1);
});
