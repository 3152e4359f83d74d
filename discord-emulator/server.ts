import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiChannel, apiGuildCreate, apiReady } from './world/api-shapes.js';
import { systemClock, type Clock } from '../src/clock.js';
import type { OptionValues } from './commands/options.js';
import { CommandRegistry, GLOBAL_SCOPE, type CommandRegistration, type StoredCommand } from './commands/registry.js';
import { FaultInjector, requestMatches, type FaultRule, type RequestMatcher } from './rest/faults.js';
import { Gateway, Intent, PRIVILEGED_INTENTS, type GatewayFrame, type ShardSelector } from './gateway/gateway.js';
import { SessionStartCounter, shardOf, type SessionStartLimitOptions } from './gateway/shards.js';
import { InteractionBuilder, type InteractionContext, type InteractionSpec } from './interactions/builder.js';
import {
  InteractionHandle,
  InteractionTracker,
  type InteractionEvent,
  type InteractionKind,
  type InteractionOutcome,
  type InteractionRecord,
} from './interactions/tracker.js';
import type { JsonObject } from './json.js';
import { MessageStore, type StoredMessage } from './messages/store.js';
import { RateLimiter, type RateLimitOptions } from './rest/rate-limits.js';
import { buildRestRoutes } from './rest/routes.js';
import { RestServer, type RecordedRequest } from './rest/rest-server.js';
import { SnowflakeGenerator } from './world/snowflake.js';
import { World, type ChannelSpec, type LocalChannel, type LocalGuild, type LocalUser, type WorldSpec } from './world/world.js';

export type { InteractionContext, InteractionSpec } from './interactions/builder.js';
export type { InteractionOutcome, InteractionEvent } from './interactions/tracker.js';
export type { RecordedRequest } from './rest/rest-server.js';

export interface LocalDiscordOptions {
  /** The bot token the server accepts; a Discord-shaped random one by default (see `server.token`). */
  token?: string;
  world?: WorldSpec;
  /** Time source for interaction deadlines, token expiry, nonce windows and timestamps. */
  clock?: Clock;
  heartbeatIntervalMs?: number;
  interactionDeadlineMs?: number;
  interactionTokenTtlMs?: number;
  nonceWindowMs?: number;
  resumeWindowMs?: number;
  /** Privileged intents the application may use (bits of GuildMembers, GuildPresences, MessageContent). */
  privilegedIntents?: number;
  /** Per-bucket limits enforced with real 429s; `false` turns enforcement and headers off. */
  rateLimits?: RateLimitOptions | false;
  settle?: { quietMs?: number; timeoutMs?: number; deferredUpdateQuietMs?: number };
  /** Default user for runCommand/pressButton/autocomplete (a user key); `member` unless set. */
  defaultUser?: string;
  /** The `shards` GET /gateway/bot recommends; one per 1,000 of the bot's guilds by default, as Discord. */
  recommendedShards?: number;
  /** A shard that would hold more guilds than this is closed with 4011 Sharding required; 2,500 as Discord. */
  maxGuildsPerShard?: number;
  sessionStartLimit?: SessionStartLimitOptions;
}

export interface ServerAddress {
  url: string;
  port: number;
  apiUrl: string;
  gatewayUrl: string;
}

export interface InteractionActivity {
  interactionId: string;
  kind: InteractionKind;
  commandName: string | null;
  event: InteractionEvent;
}

const DEFAULTS = {
  heartbeatIntervalMs: 41_250,
  interactionDeadlineMs: 3_000,
  interactionTokenTtlMs: 15 * 60_000,
  nonceWindowMs: 5 * 60_000,
  resumeWindowMs: 5 * 60_000,
  quietMs: 100,
  deferredUpdateQuietMs: 1_000,
  maxGuildsPerShard: 2_500,
} as const;

const GUILDS_PER_RECOMMENDED_SHARD = 1_000;

/** Application flags Discord sets when a privileged intent is switched on in the developer portal. */
function applicationFlagsFor(privilegedIntents: number): number {
  let flags = 0;
  if (privilegedIntents & Intent.GuildPresences) flags |= 1 << 12;
  if (privilegedIntents & Intent.GuildMembers) flags |= 1 << 14;
  if (privilegedIntents & Intent.MessageContent) flags |= 1 << 18;
  return flags;
}

function discordShapedToken(botId: string): string {
  const part = (n: number) => randomBytes(n).toString('base64url');
  return `${Buffer.from(botId).toString('base64url')}.${part(4)}.${part(28)}`;
}

/** Discord as the unmodified discord.js Client sees it (REST /api/v10 + gateway), strict and recording. */
export class LocalDiscordServer extends EventEmitter {
  readonly world: World;
  readonly clock: Clock;
  readonly token: string;
  readonly interactionDeadlineMs: number;
  private readonly ids: SnowflakeGenerator;
  private readonly commands: CommandRegistry;
  private readonly messages: MessageStore;
  private readonly tracker: InteractionTracker;
  private readonly gateway: Gateway;
  private readonly rest: RestServer;
  private readonly builder: InteractionBuilder;
  private readonly faults = new FaultInjector();
  private readonly settleDefaults: { quietMs: number; timeoutMs: number; deferredUpdateQuietMs: number };
  private readonly sessionStarts: SessionStartCounter;
  private readonly recommendedShards: number | undefined;
  private http: Server | null = null;
  private address: ServerAddress | null = null;

  constructor(options: LocalDiscordOptions = {}) {
    super();
    this.clock = options.clock ?? systemClock;
    this.ids = new SnowflakeGenerator(this.clock);
    const nextId = () => this.ids.next();
    const privileged = (options.privilegedIntents ?? 0) & PRIVILEGED_INTENTS;
    const flags = (options.world?.application?.flags ?? 0) | applicationFlagsFor(privileged);
    this.world = new World({ ...options.world, application: { ...options.world?.application, flags } }, nextId, this.clock);
    this.token = options.token ?? discordShapedToken(this.world.applicationId);
    this.commands = new CommandRegistry(this.world.applicationId, nextId, this.clock);
    this.messages = new MessageStore(this.world, nextId, this.clock);
    const deadlineMs = options.interactionDeadlineMs ?? DEFAULTS.interactionDeadlineMs;
    this.interactionDeadlineMs = deadlineMs;
    this.tracker = new InteractionTracker(
      {
        clock: this.clock,
        deadlineMs,
        tokenTtlMs: options.interactionTokenTtlMs ?? DEFAULTS.interactionTokenTtlMs,
        applicationId: this.world.applicationId,
        botUser: this.world.botUser,
      },
      this.messages,
      nextId,
    );
    this.tracker.on('event', (record: InteractionRecord, event: InteractionEvent) => {
      const activity: InteractionActivity = { interactionId: record.id, kind: record.kind, commandName: record.commandName, event };
      this.emit('interaction', activity);
    });
    this.settleDefaults = {
      quietMs: options.settle?.quietMs ?? DEFAULTS.quietMs,
      timeoutMs: options.settle?.timeoutMs ?? Math.max(10_000, deadlineMs + 2_000),
      deferredUpdateQuietMs: options.settle?.deferredUpdateQuietMs ?? DEFAULTS.deferredUpdateQuietMs,
    };
    this.sessionStarts = new SessionStartCounter(options.sessionStartLimit ?? {}, () => this.clock.now());
    this.recommendedShards = options.recommendedShards;
    this.gateway = new Gateway({
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? DEFAULTS.heartbeatIntervalMs,
      resumeWindowMs: options.resumeWindowMs ?? DEFAULTS.resumeWindowMs,
      allowedPrivilegedIntents: privileged,
      isValidToken: (token) => token.replace(/^Bot\s+/i, '') === this.token,
      gatewayUrl: () => this.gatewayUrl,
      newSessionId: () => randomBytes(16).toString('hex'),
      botGuildIds: () => this.botGuilds().map((guild) => guild.id),
      readyPayload: (session, guildIds) => apiReady(this.world, guildIds, session, this.gatewayUrl),
      guildCreate: (guildId) => apiGuildCreate(this.world, this.world.requireGuild(guildId)),
      maxGuildsPerShard: options.maxGuildsPerShard ?? DEFAULTS.maxGuildsPerShard,
      sessionStarts: this.sessionStarts,
    });
    for (const event of ['identify', 'identify-refused', 'session-replaced', 'ready', 'resumed', 'disconnect', 'authentication-failed']) {
      this.gateway.on(event, (...args: unknown[]) => this.emit(event, ...args));
    }
    const routes = buildRestRoutes({
      world: this.world,
      commands: this.commands,
      messages: this.messages,
      interactions: this.tracker,
      clock: this.clock,
      nonceWindowMs: options.nonceWindowMs ?? DEFAULTS.nonceWindowMs,
      gatewayUrl: () => this.gatewayUrl,
      onChannelMessage: (event) => this.emit('channel-message', event),
      recommendedShards: () => this.recommendedShards ?? Math.max(1, Math.ceil(this.botGuilds().length / GUILDS_PER_RECOMMENDED_SHARD)),
      sessionStartLimit: () => this.sessionStarts.limit(),
    });
    this.rest = new RestServer({
      routes,
      token: this.token,
      clock: this.clock,
      faults: this.faults,
      limiter: options.rateLimits === false ? null : new RateLimiter(options.rateLimits ?? {}),
      interactions: this.tracker,
      onRecorded: (record) => this.emit('request', record),
      onCommandsChanged: () => this.emit('commands'),
      onUnexpectedError: (error) => this.emit('server-error', error),
    });
    this.builder = new InteractionBuilder(this.world, this.commands, this.messages, options.defaultUser ?? 'member');
  }


  async start(options: { port?: number } = {}): Promise<ServerAddress> {
    if (this.address) return this.address;
    const http = createServer((request, response) => {
      void this.rest.handle(request, response);
    });
    http.on('upgrade', (request, socket, head: Buffer) => this.gateway.handleUpgrade(request, socket, head));
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const port = (http.address() as AddressInfo).port;
    this.http = http;
    this.address = { url: `http://127.0.0.1:${port}`, port, apiUrl: `http://127.0.0.1:${port}/api`, gatewayUrl: `ws://127.0.0.1:${port}` };
    return this.address;
  }

  async stop(): Promise<void> {
    this.tracker.dispose();
    await this.gateway.close();
    const http = this.http;
    this.http = null;
    this.address = null;
    if (!http) return;
    await new Promise<void>((resolve) => {
      http.close(() => resolve());
      http.closeAllConnections();
    });
  }

  private get started(): ServerAddress {
    if (!this.address) throw new Error('the local Discord server is not started');
    return this.address;
  }

  /** `http://127.0.0.1:PORT`; discord.js takes `rest: { api: server.url + '/api' }`. */
  get url(): string {
    return this.started.url;
  }

  get apiUrl(): string {
    return this.started.apiUrl;
  }

  get port(): number {
    return this.started.port;
  }

  get gatewayUrl(): string {
    return this.started.gatewayUrl;
  }

  get applicationId(): string {
    return this.world.applicationId;
  }

  get guild(): LocalGuild {
    return this.world.defaultGuild;
  }

  channel(ref: string, guildId?: string): LocalChannel {
    return this.world.requireChannel(ref, guildId);
  }

  /** Adds a channel at runtime and tells a connected bot with CHANNEL_CREATE. */
  addChannel(spec: ChannelSpec, guildId: string = this.guild.id): LocalChannel {
    const channel = this.world.addChannel(guildId, spec);
    if (this.gateway.sessionsFor(guildId).length > 0) this.gateway.dispatch('CHANNEL_CREATE', apiChannel(channel));
    return channel;
  }

  /** Deletes a channel and tells a connected bot with CHANNEL_DELETE. */
  removeChannel(ref: string, guildId?: string): LocalChannel {
    const channel = this.world.removeChannel(ref, guildId);
    if (this.gateway.sessionsFor(channel.guildId).length > 0) this.gateway.dispatch('CHANNEL_DELETE', apiChannel(channel));
    return channel;
  }

  user(ref: string): LocalUser {
    return this.world.requireUser(ref);
  }

  private botGuilds(): LocalGuild[] {
    return this.world.guilds.filter((g) => this.world.member(g, this.world.botUser.id));
  }

  /** The shard a guild's events go to, for a given shard count: `(guild_id >> 22) % count`. */
  shardOf(guildId: string, shardCount: number): number {
    return shardOf(guildId, shardCount);
  }

  private shardDescription(guildId: string): string {
    const counts = [...new Set(this.gateway.sessions.map((s) => s.shard[1]))];
    return counts.length === 0 ? 'none identified' : counts.map((count) => `${shardOf(guildId, count)} of ${count}`).join(', ');
  }

  /** The session start limit as GET /gateway/bot reports it now. */
  get sessionStartLimit(): ReturnType<SessionStartCounter['limit']> {
    return this.sessionStarts.limit();
  }

  /** Gateway sessions with their shard, newest last: who is connected, which were replaced or invalidated. */
  get gatewaySessions(): Array<{ id: string; shard: [number, number]; connected: boolean; invalid: boolean }> {
    return this.gateway.sessions.map((s) => ({ id: s.id, shard: [...s.shard], connected: s.socket !== null, invalid: s.invalid }));
  }


  get requests(): RecordedRequest[] {
    return [...this.rest.recorded];
  }

  requestsTo(matcher: RequestMatcher): RecordedRequest[] {
    return this.rest.recorded.filter((r) => requestMatches(matcher, r.method, r.path));
  }

  clearRequests(): void {
    this.rest.recorded.length = 0;
  }

  /** Guild commands with a guild id, global commands without. */
  registeredCommands(guildId?: string): StoredCommand[] {
    return this.commands.list(guildId ?? GLOBAL_SCOPE);
  }

  /** Every PUT/POST/PATCH/DELETE of commands, in order. */
  get commandRegistrations(): CommandRegistration[] {
    return [...this.commands.registrations];
  }

  /** Commands a user would see in a guild: its guild commands plus global ones. */
  availableCommands(guildId: string = this.guild.id): StoredCommand[] {
    return this.commands.available(guildId);
  }

  channelMessages(channel: string): StoredMessage[] {
    return this.messages.inChannel(this.world.requireChannel(channel).id).map((m) => structuredClone(m));
  }

  message(id: string): StoredMessage | undefined {
    const message = this.messages.get(id);
    return message ? structuredClone(message) : undefined;
  }

  get interactions(): InteractionOutcome[] {
    return this.tracker.all().map((record) => this.tracker.outcome(record));
  }

  get missedInteractions(): InteractionOutcome[] {
    return this.interactions.filter((o) => o.status === 'missed');
  }

  /** IDENTIFY payloads received (token redacted): check intents, shard, properties. */
  get identifies(): JsonObject[] {
    return this.gateway.sessions.map((s) => s.identify);
  }

  /** Gateway frames in both directions, heartbeats left out. */
  get gatewayFrames(): GatewayFrame[] {
    return [...this.gateway.frames];
  }

  get botConnected(): boolean {
    return this.gateway.connected;
  }

  /** Resolves once the named commands are registered (guild or global) — handy after starting a bot. */
  waitForCommands(names: string[], options: { guildId?: string; timeoutMs?: number } = {}): Promise<StoredCommand[]> {
    const guildId = options.guildId ?? this.guild.id;
    const done = () => {
      const available = this.commands.available(guildId);
      return names.every((name) => available.some((c) => c.name === name)) ? available : null;
    };
    return this.waitUntil('commands', done, options.timeoutMs ?? 10_000, `commands ${names.join(', ')}`);
  }

  /** Resolves once a bot has identified and been sent READY and its guilds. */
  waitForBot(timeoutMs = 10_000): Promise<void> {
    return this.waitUntil('ready', () => (this.gateway.connected ? true : null), timeoutMs, 'a bot to connect').then(() => undefined);
  }

  private waitUntil<T>(event: string, check: () => T | null, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (value === null) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.off(event, attempt);
      };
      this.on(event, attempt);
      attempt();
    });
  }


  /** Dispatches INTERACTION_CREATE now; the handle tells what the bot does with it. */
  sendInteraction(spec: InteractionSpec): InteractionHandle {
    const interaction = this.builder.build(spec);
    const guildId = interaction.channel.guildId;
    if (this.gateway.sessionsFor(guildId).length === 0) {
      throw new Error(`no bot session is connected for guild ${guildId} (shard ${this.shardDescription(guildId)})`);
    }
    const record = this.tracker.create(interaction);
    this.gateway.dispatch('INTERACTION_CREATE', record.payload, guildId);
    return new InteractionHandle(record, this.tracker, this.settleDefaults);
  }

  /** `name` may carry subcommands: `digest set`. Resolves when the bot has answered (see InteractionHandle.settled). */
  async runCommand(name: string, options: OptionValues = {}, ctx: InteractionContext = {}): Promise<InteractionOutcome> {
    return this.sendInteraction({ type: 'command', name, options, ...ctx }).settled();
  }

  /** Runs a message context-menu command (by its name, e.g. `Summarize link`) on a message. */
  async runMessageCommand(name: string, message: StoredMessage | string, ctx: InteractionContext = {}): Promise<InteractionOutcome> {
    return this.sendInteraction({ type: 'message-command', name, message, ...ctx }).settled();
  }

  /** A user's own message in a channel (what a message command runs on); no gateway event is sent. */
  postUserMessage(channel: string, content: string, user: string = 'member'): StoredMessage {
    const message = this.messages.create(this.world.requireChannel(channel), { content }, { author: this.world.requireUser(user) });
    return structuredClone(message);
  }

  /** Sends an autocomplete interaction for `focused`; the outcome's `choices` are the bot's suggestions. */
  async autocomplete(name: string, options: OptionValues, focused: string, ctx: InteractionContext = {}): Promise<InteractionOutcome> {
    return this.sendInteraction({ type: 'autocomplete', name, options, focused, ...ctx }).settled();
  }

  /** Presses a button (by custom_id or label) on a message the bot sent. */
  async pressButton(message: StoredMessage | string, customId: string, ctx: InteractionContext | string = {}): Promise<InteractionOutcome> {
    const context = typeof ctx === 'string' ? { user: ctx } : ctx;
    return this.sendInteraction({ type: 'button', message, customId, ...context }).settled();
  }


  /** The next `times` requests matching answer 429 with `retry_after` (seconds) and X-RateLimit headers. */
  injectRateLimit(matcher: RequestMatcher, options: { times?: number; retryAfter?: number; global?: boolean; scope?: 'user' | 'shared' } = {}): FaultRule {
    const global = options.global ?? false;
    return this.faults.add(
      matcher,
      { kind: 'rate-limit', retryAfterSeconds: options.retryAfter ?? 0.1, global, scope: global ? 'global' : (options.scope ?? 'user') },
      options.times ?? 1,
    );
  }

  /** The next `times` requests matching answer a 5xx. */
  injectServerError(matcher: RequestMatcher, options: { times?: number; status?: number } = {}): FaultRule {
    return this.faults.add(matcher, { kind: 'server-error', status: options.status ?? 500 }, options.times ?? 1);
  }

  /** The next `times` requests matching are answered only after `delayMs` real milliseconds. */
  injectDelay(matcher: RequestMatcher, delayMs: number, options: { times?: number } = {}): FaultRule {
    return this.faults.add(matcher, { kind: 'delay', delayMs }, options.times ?? 1);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Closes the bot's gateway connections (or one shard's) with a resumable code (4000 by default); discord.js resumes. */
  dropConnection(options: { code?: number; reason?: string; abrupt?: boolean } & ShardSelector = {}): void {
    this.gateway.dropConnection(options);
  }

  /** op 9 INVALID_SESSION to every live session (or one shard's); not resumable by default, so the bot identifies again. */
  invalidateSession(resumable = false, selector: ShardSelector = {}): void {
    this.gateway.invalidateSession(resumable, selector);
  }

  requestReconnect(selector: ShardSelector = {}): void {
    this.gateway.requestReconnect(selector);
  }

  /** Dispatches any gateway event to the sessions of its guild's shard (e.g. GUILD_CREATE for a new guild); returns how many got it. */
  dispatch(event: string, data: unknown, guildId?: string | null): number {
    return guildId === undefined ? this.gateway.dispatch(event, data) : this.gateway.dispatch(event, data, guildId);
  }
}

/** Creates and starts a server; `await server.stop()` when done. */
export async function startDiscordServer(options: LocalDiscordOptions & { port?: number } = {}): Promise<LocalDiscordServer> {
  const { port, ...rest } = options;
  const server = new LocalDiscordServer(rest);
  await server.start(port === undefined ? {} : { port });
  return server;
}
