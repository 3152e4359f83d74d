import digestCommand from '../commands/digest.js';
import { parseConfig, type Config } from '../src/config.js';
import { startBot, type Bot } from '../src/discord/bot.js';
import { discordDigestPorts } from '../src/discord/digest/index.js';
import { openDigestService, type Clock, type DigestService, type DigestServiceOptions } from '../src/digest/index.js';
import { openLibrary, type OpenedLibrary } from '../src/library/index.js';
import type { Store, StoreUnavailable } from '../src/store/index.js';
import { silentLog } from './digest-fixtures.js';

export interface DigestBot {
  readonly bot: Bot;
  readonly digests: DigestService;
  readonly library: OpenedLibrary;
  readonly config: Config;
  /** Stops the bot, the digest service and the library (not the store handed in). */
  stop(): Promise<void>;
}

export interface DigestBotOptions {
  /** The Discord-compatible server (or Discord) to connect to. */
  readonly discord: { readonly apiUrl: string; readonly token: string; readonly guildId: string };
  readonly corpusDir: string;
  readonly dataDir: string;
  /** The store (default: SQLite in dataDir), or why it could not be opened. */
  readonly store?: Store | StoreUnavailable;
  readonly clock?: Clock;
  readonly overrides?: Partial<Pick<DigestServiceOptions, 'retryDelaysMs'>>;
}

/** The real bot with /digest only: discord.js client, the library of `corpusDir`, the digest service, started. */
export async function startDigestBot(options: DigestBotOptions): Promise<DigestBot> {
  const { discord } = options;
  const config = parseConfig({
    DISCORD_TOKEN: discord.token,
    DISCORD_API_BASE: discord.apiUrl,
    DISCORD_GUILD_ID: discord.guildId,
    CORPUS_DIR: options.corpusDir,
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'silent',
  });
  const library = await openLibrary(config.corpusDir);
  let digests: DigestService | undefined;
  const bot = await startBot({
    config,
    log: silentLog,
    commands: [digestCommand],
    rememberRegistration: false,
    router: { commandCooldown: { limit: 1000, windowMs: 1000 }, buttonCooldown: { limit: 1000, windowMs: 1000 } },
    context: (client) => {
      digests = openDigestService({
        config,
        ...(options.store === undefined ? {} : { store: options.store }),
        ...discordDigestPorts(client.rest),
        library,
        log: silentLog,
        ...(options.clock === undefined ? {} : { clock: options.clock }),
        ...(options.overrides === undefined ? {} : { overrides: options.overrides }),
      });
      return { library, config, log: silentLog, digests };
    },
  });
  if (digests === undefined) throw new Error('the bot built no digest service');
  const service = digests;
  await service.start();
  return {
    bot,
    digests: service,
    library,
    config,
    stop: async () => {
      await bot.stop();
      await service.stop();
      await library.close();
    },
  };
}
