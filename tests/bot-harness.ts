import { Writable } from 'node:stream';
import type { Client } from 'discord.js';
import { parseConfig, type Config } from '../src/config.js';
import { ManualClock, openDigestService } from '../src/digest/index.js';
import { discordDigestPorts } from '../src/discord/digest/index.js';
import { startBot, type Bot } from '../src/discord/bot.js';
import type { BotContext, SlashCommand } from '../src/discord/command.js';
import { loadCommands } from '../src/discord/registry.js';
import type { RouterOptions } from '../src/discord/router.js';
import { corpusFolder, openLibrary, type LibraryHolder } from '../src/library/index.js';
import { createLogger } from '../src/log.js';
import { startDiscordServer, type LocalDiscordOptions, type LocalDiscordServer } from '../discord-emulator/index.js';
import { scratchDir } from './helpers/tmp.js';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface Harness {
  server: LocalDiscordServer;
  bot: Bot;
  library: LibraryHolder;
  config: Config;
  logs: LogLine[];
  corpus: Awaited<ReturnType<typeof scratchDir>>;
  data: Awaited<ReturnType<typeof scratchDir>>;
  /** Stops the bot and starts a new one against the same server and data folder, as a restart would. */
  restart(options?: LaunchOptions): Promise<Bot>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  commands?: SlashCommand[];
  router?: RouterOptions;
  /** Configuration overrides for this bot process. */
  env?: Record<string, string>;
}

export interface HarnessOptions {
  /** Files written into the corpus folder before the library opens. */
  files?: Record<string, string>;
  env?: Record<string, string>;
  server?: LocalDiscordOptions;
  router?: RouterOptions;
  /** Added to the commands loaded from commands/. */
  extraCommands?: SlashCommand[];
  /** Give the bot a digest service (in DATA_DIR, on a clock that stands still) instead of none. */
  digests?: boolean;
}

/** A generous cooldown so tests that send many commands as one user are not throttled (the cooldown test sets its own). */
export const RELAXED_COOLDOWN: RouterOptions = {
  commandCooldown: { limit: 1000, windowMs: 1000 },
  buttonCooldown: { limit: 1000, windowMs: 1000 },
};

/** The real discord.js Client, our commands and a library from `files`, connected to a fresh local Discord server. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const corpus = await scratchDir();
  const data = await scratchDir();
  for (const [name, content] of Object.entries(options.files ?? {})) await corpus.write(name, content);
  const server = await startDiscordServer({ rateLimits: false, ...options.server });
  const env = {
    DISCORD_TOKEN: server.token,
    DISCORD_API_BASE: server.apiUrl,
    DISCORD_GUILD_ID: server.guild.id,
    CORPUS_DIR: corpus.dir,
    DATA_DIR: data.dir,
    LOG_LEVEL: 'debug',
    ...options.env,
  };
  const config = parseConfig(env);
  const logs: LogLine[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const log = createLogger({ level: 'debug', secrets: [server.token], destination });
  const library = await openLibrary(corpusFolder(config.corpusDir, { maxBytes: config.maxArticleBytes }));
  const commands = [...(await loadCommands()), ...(options.extraCommands ?? [])];
  const bots: Bot[] = [];
  const launch = async (launchOptions: LaunchOptions = {}): Promise<Bot> => {
    const launchConfig = parseConfig({ ...env, ...launchOptions.env });
    const context = (client: Client): BotContext => ({
      library,
      config: launchConfig,
      log,
      digests: options.digests === true ? openDigestService({ config: launchConfig, ...discordDigestPorts(client.rest), library, log, clock: new ManualClock() }) : null,
    });
    const bot = await startBot({
      config: launchConfig,
      log,
      commands: launchOptions.commands ?? commands,
      context,
      router: launchOptions.router ?? options.router ?? RELAXED_COOLDOWN,
    });
    await bot.context.digests?.start();
    bots.push(bot);
    return bot;
  };
  const bot = await launch();
  return {
    server,
    bot,
    library,
    config,
    logs,
    corpus,
    data,
    async restart(restartOptions = {}) {
      for (const running of bots.splice(0)) await stopBot(running);
      return launch(restartOptions);
    },
    async close() {
      for (const running of bots.splice(0)) await stopBot(running);
      await server.stop();
      await corpus.cleanup();
      await data.cleanup();
    },
  };
}

async function stopBot(bot: Bot): Promise<void> {
  await bot.stop();
  await bot.context.digests?.stop();
}

/** A scraped-text article in the seed's format. */
export function articleText(title: string, paragraphs: readonly string[], date = 'Kamis, 14 September 2023 - 20:22 WIB'): string {
  return `${title}\n\n${date}\n${paragraphs.join('\n\n')}\n`;
}
