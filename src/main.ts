import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from 'discord.js';
import { loadConfig, type Config } from './config.js';
import type { BotContext } from './discord/command.js';
import type { DigestService } from './digest/index.js';
import { createLogger, type Logger } from './log.js';
import type { LibraryHolder } from './library/index.js';
import { messageOf } from './error-message.js';
import type { FeedRuntime } from './feeds/runtime.js';

type Stop = () => Promise<void> | void;
type DigestModules = [typeof import('./digest/index.js'), typeof import('./discord/digest/index.js')];

/** The context handlers receive; the digest service posts through the client's REST (and so waits out its 429s). */
function buildContext(client: Client, library: LibraryHolder, config: Config, log: Logger, [core, discord]: DigestModules, feeds: FeedRuntime | null): BotContext {
  let digests: DigestService | null = null;
  try {
    digests = core.openDigestService({ config, ...discord.discordDigestPorts(client.rest), library, log });
  } catch (error) {
    log.error({ err: error }, 'digests are off: the digest store could not be opened');
  }
  return { library, config, log, digests, feeds: feeds?.feeds ?? null, ...(feeds === null ? {} : { links: feeds.links }) };
}

/** The feed poller and /feed over the store; without a store the bot runs on, without feeds. */
async function startFeeds(config: Config, library: LibraryHolder, log: Logger, stops: Stop[]): Promise<FeedRuntime | null> {
  try {
    const [{ openStore }, { startFeedRuntime }] = await Promise.all([import('./store/index.js'), import('./feeds/runtime.js')]);
    const { store } = await openStore({ dataDir: config.dataDir });
    stops.push(() => store.close());
    const runtime = await startFeedRuntime({ config, library, store, log });
    stops.push(() => runtime.stop());
    return runtime;
  } catch (error) {
    log.error({ err: error }, 'feeds are off: the store could not be opened');
    return null;
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  let base = await loadConfig();
  const localMode = base.token === null;
  if (localMode) {
    // local mode fetches its sample feed on 127.0.0.1, and writes feed articles beside seeds/, never into it
    const { localCorpusDir } = await import('./local-mode/local-corpus.js');
    base = { ...base, allowPrivateUrls: true, corpusDir: await localCorpusDir(base.corpusDir, base.dataDir) };
  }
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
  const [{ startBot }, { loadBotCommands }, ...digestModules] = await Promise.all([
    import('./discord/bot.js'),
    import('./discord/registry.js'),
    import('./digest/index.js'),
    import('./discord/digest/index.js'),
  ]);
  const [library, commands] = await Promise.all([libraryLoading, loadBotCommands()]);
  stops.push(() => library.close());
  let config = base;
  let local: import('./local-mode/index.js').LocalMode | null = null;
  let sampleFeed: string | null = null;
  if (localMode) {
    const [{ startLocalMode }, { startSampleFeed }] = await Promise.all([import('./local-mode/index.js'), import('./local-mode/sample-feed.js')]);
    const started = await startLocalMode();
    local = started;
    stops.push(() => started.stop());
    config = { ...base, ...started.discord };
    const sample = await startSampleFeed();
    stops.push(() => sample.close());
    sampleFeed = sample.url;
  }
  const feeds = await startFeeds(config, library, log, stops);

  const bot = await startBot({
    config,
    log,
    commands,
    context: (client) => buildContext(client, feeds?.library ?? library, config, log, digestModules, feeds),
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
      load: { readMs: Math.round(build.readMs), cached: build.cached, analyzed: build.analyzed, threads: build.threads, analysisMs: Math.round(build.analysisMs), indexMs: Math.round(build.indexMs) },
    },
    'ready',
  );

  const { corpusNotice } = await import('./startup-notice.js');
  const notice = corpusNotice(base.corpusDir, stats.articles, library.current().problems);
  if (notice !== null) log.warn({ corpusDir: base.corpusDir }, notice);

  if (local !== null) {
    const [{ readyLine }, { unreadableFileCount }] = await Promise.all([import('./local-mode/console-texts.js'), import('./corpus/article.js')]);
    const problemFiles = unreadableFileCount(library.current().problems);
    const { articles, quotes, speakers } = stats;
    process.stdout.write(`${readyLine({ ms, articles, quotes, speakers, problemFiles, logFile, sampleFeed })}\n${notice === null ? '' : `${notice}\n`}`);
    const terminal = local.openConsole({ input: process.stdin, output: process.stdout, ansi: process.stdout.isTTY === true });
    stops.push(() => terminal.close());
    void terminal.closed.then(() => shutdown('console closed'));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Ringkas could not start: ${messageOf(error)}\n`);
  process.exit(1);
});
