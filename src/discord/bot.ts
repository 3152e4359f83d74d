import { join } from 'node:path';
import { Client, Events, GatewayIntentBits, Status, type Interaction } from 'discord.js';
import { drainingAnswer, InFlight } from './draining.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { BotCommand, BotContext } from './command.js';
import { InteractionGuard } from './payload-guard.js';
import { registerCommands, type RegistrationResult } from './registration.js';
import { InteractionRouter, type RouterOptions } from './router.js';

export const REGISTRATION_STATE_FILE = 'command-registration.json';

/** Which gateway shards a client runs (discord.js internal sharding), out of how many the bot has. */
export interface ShardPlan {
  readonly ids: readonly number[];
  readonly count: number;
}

/** A discord.js client with only the Guilds intent (slash commands need no other), talking to `config.apiBase` when set. */
export function createClient(config: Pick<Config, 'apiBase'>, shards: ShardPlan = { ids: [0], count: 1 }): Client {
  return withoutShardEnvironment(
    () =>
      new Client({
        intents: [GatewayIntentBits.Guilds],
        allowedMentions: { parse: [] },
        shards: [...shards.ids],
        shardCount: shards.count,
        ...(config.apiBase === null ? {} : { rest: { api: config.apiBase } }),
      }),
  );
}

/** discord.js's constructor takes SHARD_COUNT and SHARDS from the environment over a count of 1; ours (SHARD_COUNT=auto) are not for it. */
function withoutShardEnvironment<T>(make: () => T): T {
  const saved = { SHARD_COUNT: process.env.SHARD_COUNT, SHARDS: process.env.SHARDS };
  delete process.env.SHARD_COUNT;
  delete process.env.SHARDS;
  try {
    return make();
  } finally {
    for (const [name, value] of Object.entries(saved)) if (value !== undefined) process.env[name] = value;
  }
}

export interface BotOptions {
  readonly config: Config;
  readonly log: Logger;
  readonly commands: readonly BotCommand[];
  /** The handlers' context; a function when a service needs the client (digests post through its REST). */
  readonly context: BotContext | ((client: Client) => BotContext);
  readonly router?: RouterOptions;
  /** Keep the registration hash in DATA_DIR (off against a throw-away local server). Default true. */
  readonly rememberRegistration?: boolean;
  /** Skip registration entirely (tests that register by hand). */
  readonly register?: boolean;
  /** The shards this process runs; default the only one. */
  readonly shards?: ShardPlan;
}

export interface Bot {
  readonly client: Client<true>;
  readonly context: BotContext;
  readonly registration: RegistrationResult | null;
  /** Each shard of this process and its gateway status (discord.js Status names: Ready, Reconnecting, …). */
  shards(): Array<{ readonly id: number; readonly status: string }>;
  /** Stops taking work: interactions from now on get a polite "restarting" answer; resolves when those in flight are done or `waitMs` passed. */
  drain(waitMs: number): Promise<void>;
  stop(): Promise<void>;
  /** Interactions in flight, commands acknowledged before their work, autocomplete dropped as too late (src/discord/backlog.ts). */
  backlog(): InteractionRouter['backlog'];
}

/** Logs in, waits for READY, registers the commands if they changed, and routes every interaction. */
export async function startBot(options: BotOptions): Promise<Bot> {
  const { config, log } = options;
  if (config.token === null) throw new Error('startBot needs a token (local mode provides one)');
  const shards = options.shards ?? { ids: [0], count: 1 };
  const client = createClient(config, shards);
  const context = typeof options.context === 'function' ? options.context(client) : options.context;
  const router = new InteractionRouter(options.commands, context, options.router);
  const inFlight = new InFlight();
  let draining = false;

  const knowsChannel = (guildId: string, channelId: string) => client.guilds.cache.get(guildId)?.channels.cache.has(channelId) === true;
  const guard = new InteractionGuard(client.rest, log, () => client.ws.status === Status.Ready, knowsChannel);
  // emitted before discord.js reads the packet, so malformed permissions are neutralised before they can throw or grant
  client.on(Events.Raw, (packet: unknown) => guard.inspect(packet));
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    guard.received(interaction.id);
    inFlight.track(draining ? drainingAnswer(interaction, log, options.router?.metrics) : router.handle(interaction));
  });
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shardId) => log.warn({ code: event.code, shardId }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (shardId) => log.info({ shardId }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shardId, replayed) => log.info({ shardId, replayed }, 'gateway resumed'));

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(config.token);
  } catch (error) {
    await client.destroy();
    throw error;
  }
  const readyClient = await ready;

  let registration: RegistrationResult | null = null;
  if (options.register !== false) {
    try {
      registration = await registerCommands(
        client.rest,
        { applicationId: config.applicationId ?? readyClient.application.id, guildId: config.guildId },
        options.commands.map((command) => command.data),
        {
          log,
          apiBase: config.apiBase,
          stateFile: options.rememberRegistration === false ? null : join(config.dataDir, REGISTRATION_STATE_FILE),
        },
      );
    } catch (error) {
      log.error({ err: error }, 'slash command registration failed; the commands registered before stay in place');
    }
  }

  return {
    client: readyClient,
    context,
    registration,
    shards: () => shards.ids.map((id) => ({ id, status: Status[client.ws.shards.get(id)?.status ?? Status.Idle] ?? 'Unknown' })),
    backlog: () => router.backlog,
    async drain(waitMs) {
      draining = true;
      await inFlight.settled(waitMs);
    },
    async stop() {
      client.removeAllListeners(Events.InteractionCreate);
      await client.destroy();
    },
  };
}
