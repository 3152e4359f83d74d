import { join } from 'node:path';
import type { Client } from 'discord.js';
import type { Config } from '../config.js';
import type { BotContext } from '../discord/command.js';
import type { Bot, ShardPlan } from '../discord/bot.js';
import type { DigestService } from '../digest/index.js';
import type { FeedRuntime } from '../feeds/runtime.js';
import type { Logger } from '../log.js';
import type { LibraryHolder } from '../library/index.js';
import { observeDelivery, observeReloads } from '../ops/observe.js';
import { Shutdown } from '../ops/shutdown.js';
import type { DigestSink } from '../ops/sinks.js';
import { openProcessLog } from './logging.js';
import { startProcessOps, type ProcessOps } from './ops.js';
import { fetchGatewayAdvice, hostShards } from './shards.js';
import { openStoreForBot, StoreUnavailable, type Store } from '../store/index.js';

type DigestModules = [typeof import('../digest/index.js'), typeof import('../discord/digest/index.js')];

/** How long a shutdown lets interactions in flight finish; digests get their own grace (DigestService.stop). */
const INTERACTION_GRACE_MS = 4_000;

/** A process of a cluster manager: the shards it was given, and how it reports to the manager. */
export interface ClusterRole {
  readonly shards: ShardPlan;
  readonly id: number;
  /** Called once the bot is ready: from then on the manager may ask for health and metrics. */
  attach(client: Client, ops: ProcessOps, shutdown: Shutdown, log: Logger): void;
}

/** The context handlers receive; the digest service posts through the client's REST (and so waits out its 429s). */
function buildContext(
  client: Client,
  library: LibraryHolder,
  config: Config,
  log: Logger,
  [core, discord]: DigestModules,
  sink: DigestSink | null,
  store: Store | StoreUnavailable,
  feeds: FeedRuntime | null,
): BotContext {
  let digests: DigestService | null = null;
  try {
    const ports = discord.discordDigestPorts(client.rest);
    const delivery = sink === null ? ports.delivery : observeDelivery(ports.delivery, sink);
    digests = core.openDigestService({ config, store, ...ports, delivery, library, log, ...(feeds === null ? {} : { routes: feeds.routes }) });
  } catch (error) {
    log.error({ err: error }, 'digests are off: the digest service could not be built');
  }
  return { library, config, log, digests, feeds: feeds?.feeds ?? null, ...(feeds === null ? {} : { links: feeds.links }) };
}

/**
 * One bot process: the library, the gateway shards it runs (all of them, or those a cluster manager gave it), the digest
 * service, health and metrics, and a shutdown that hands work over cleanly.
 */
export async function runBotProcess(given: Config, cluster: ClusterRole | null): Promise<void> {
  const started = performance.now();
  const localMode = given.token === null;
  // local mode fetches its sample feed on 127.0.0.1, and writes feed articles beside seeds/, never into it
  const base = localMode
    ? { ...given, allowPrivateUrls: true, corpusDir: await (await import('../local-mode/local-corpus.js')).localCorpusDir(given.corpusDir, given.dataDir) }
    : given;
  const { log, file: logFile } = await openProcessLog(base, localMode, cluster === null ? {} : { cluster: cluster.id });
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));
  const shutdown = new Shutdown({ log });
  if (cluster === null) shutdown.listen();
  else {
    // The manager passes SIGTERM on; a Ctrl-C in the terminal reaches the whole group, and the manager handles it.
    shutdown.listen(['SIGTERM']);
    process.on('SIGINT', () => undefined);
  }
  const ops = await startProcessOps(base, log, shutdown, { serve: cluster === null });

  // the corpus starts loading first: its reading and its worker threads overlap the import of discord.js
  const { corpusFolder, openLibrary } = await import('../library/index.js');
  const libraryLoading = openLibrary(corpusFolder(base.corpusDir, { maxBytes: base.maxArticleBytes }), {
    stemCacheFile: join(base.dataDir, 'stems.json'),
    analysisCacheDir: base.dataDir,
    analysisThreads: base.analysisThreads,
    onWarning: (message) => log.warn(message),
  });
  const [{ startBot }, { loadBotCommands }, ...digestModules] = await Promise.all([
    import('../discord/bot.js'),
    import('../discord/registry.js'),
    import('../digest/index.js'),
    import('../discord/digest/index.js'),
  ]);
  const [opened, commands] = await Promise.all([libraryLoading, loadBotCommands()]);
  // what start-up costs after the library shows as the time from this line to `ready`
  log.info({ ms: Math.round(performance.now() - started), articles: opened.current().stats.articles }, 'library loaded');
  shutdown.add('release', 'library', () => opened.close());
  const library = ops.metrics === null ? opened : observeReloads(opened, ops.metrics);
  ops.metrics?.watchLibrarySize(() => library.current().stats.articles);
  ops.health.register('library', () => ({ ok: true, articles: library.current().stats.articles }));

  // PostgreSQL with DATABASE_URL, else SQLite in DATA_DIR with daily backups; an outage is named, never thrown
  const { store, notices: storeNotices } = await openStoreForBot({ dataDir: base.dataDir, databaseUrl: base.databaseUrl, log });
  if (!(store instanceof StoreUnavailable)) shutdown.add('release', 'store', () => store.close());
  ops.health.register('store', async () => {
    if (store instanceof StoreUnavailable) return { ok: false, reason: `${store.plain}. ${store.whatToDo}` };
    await store.ping();
    return { ok: true, backend: store.backend };
  });

  let config = base;
  let local: import('../local-mode/index.js').LocalMode | null = null;
  let sampleFeed: string | null = null;
  if (localMode) {
    const [{ startLocalMode }, { startSampleFeed }] = await Promise.all([import('../local-mode/index.js'), import('../local-mode/sample-feed.js')]);
    const running = await startLocalMode();
    local = running;
    shutdown.add('release', 'local Discord server', () => running.stop());
    config = { ...base, ...running.discord };
    const sample = await startSampleFeed();
    shutdown.add('release', 'sample feed', () => sample.close());
    sampleFeed = sample.url;
  }
  const feeds = store instanceof StoreUnavailable ? null : await startFeeds(config, library, store, ops, log);
  if (feeds !== null) shutdown.add('finish-work', 'feed poller', () => feeds.stop());

  const shards = cluster?.shards ?? hostShards(config, config.shardCount === 'auto' ? await fetchGatewayAdvice(config, config.token as string) : null);
  const bot: Bot = await startBot({
    config,
    log,
    commands,
    context: (client) => buildContext(client, feeds?.library ?? library, config, log, digestModules, ops.metrics, store, feeds),
    rememberRegistration: !localMode,
    // One process registers the commands: the one with shard 0 (every bot has one).
    register: shards.ids.includes(0),
    shards,
    router: ops.metrics === null ? undefined : { metrics: ops.metrics },
  });
  shutdown.add('finish-work', 'interactions in flight', () => bot.drain(INTERACTION_GRACE_MS));
  shutdown.add('disconnect', 'gateway', () => bot.stop());
  ops.health.register('gateway', () => {
    const states = bot.shards();
    const down = states.filter((shard) => shard.status !== 'Ready');
    return { ok: down.length === 0, ...(down.length === 0 ? {} : { reason: down.map((s) => `shard ${s.id} ${s.status}`).join(', ') }), shards: states };
  });
  const digests = bot.context.digests;
  if (digests !== null) {
    shutdown.add('finish-work', 'digests', () => digests.stop());
    // recording a quarter million articles in the digest ledger takes seconds that answers do not need: ready does not wait for it
    void digests.start().catch((error: unknown) => log.error({ err: error }, 'digests could not start'));
  }
  cluster?.attach(bot.client, ops, shutdown, log);

  const stats = library.current().stats;
  const problems = library.current().problems.filter((p) => p.ignored !== true).length;
  const ms = Math.round(performance.now() - started);
  const build = opened.lastBuild();
  log.info(
    {
      mode: localMode ? 'local' : 'discord', guilds: bot.client.guilds.cache.size, shards: shards.ids, shardCount: shards.count, ...stats, problems, commands: commands.length, ms,
      store: store instanceof StoreUnavailable ? { off: store.plain, whatToDo: store.whatToDo } : store.backend, storeNotices: storeNotices.length,
      load: { readMs: Math.round(build.readMs), cached: build.cached, analyzed: build.analyzed, threads: build.threads, analysisMs: Math.round(build.analysisMs), indexMs: Math.round(build.indexMs) },
    },
    'ready',
  );

  const { corpusNotice } = await import('../startup-notice.js');
  const notice = corpusNotice(base.corpusDir, stats.articles, library.current().problems);
  if (notice !== null) log.warn({ corpusDir: base.corpusDir }, notice);

  if (local !== null) {
    const [{ readyLine }, { unreadableFileCount }] = await Promise.all([import('../local-mode/console-texts.js'), import('../corpus/article.js')]);
    const problemFiles = unreadableFileCount(library.current().problems);
    const { articles, quotes, speakers } = stats;
    process.stdout.write(
      `${readyLine({ ms, articles, quotes, speakers, problemFiles, logFile, sampleFeed })}\n${notice === null ? '' : `${notice}\n`}` +
        storeNotices.map((line) => `${line}\n`).join(''),
    );
    const terminal = local.openConsole({ input: process.stdin, output: process.stdout, ansi: process.stdout.isTTY === true });
    shutdown.add('stop-intake', 'console', () => terminal.close());
    void terminal.closed.then(() => shutdown.run('console closed'));
  }
}

/** The feed poller and /feed over the process's store; if they cannot start, the bot runs on without feeds. */
async function startFeeds(config: Config, library: LibraryHolder, store: Store, ops: ProcessOps, log: Logger): Promise<FeedRuntime | null> {
  try {
    const { startFeedRuntime } = await import('../feeds/runtime.js');
    const metrics = ops.metrics;
    return await startFeedRuntime({ config, library, store, log, ...(metrics === null ? {} : { onPoll: (report) => metrics.poll(report) }) });
  } catch (error) {
    log.error({ err: error }, 'feeds are off: the feed poller could not start');
    return null;
  }
}
