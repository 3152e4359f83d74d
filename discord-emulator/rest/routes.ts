import { apiApplication, apiChannel, apiGuild, apiMember, apiRole, apiUser } from '../world/api-shapes.js';
import type { Clock } from '../../src/clock.js';
import { GLOBAL_SCOPE, type CommandRegistry, type CommandScope } from '../commands/registry.js';
import { Errors, FormErrors, throwIfInvalid } from './discord-error.js';
import type { SessionStartLimit } from '../gateway/shards.js';
import type { InteractionTracker, RestReply } from '../interactions/tracker.js';
import { isObject, type JsonObject } from '../json.js';
import { checkMessageBody, isEmptyMessage } from '../messages/limits.js';
import type { MessageStore, StoredMessage, UploadedFile } from '../messages/store.js';
import { hasPermission, Permission } from '../world/permissions.js';
import { Router } from './router.js';
import type { LocalChannel, LocalGuild, World } from '../world/world.js';

export interface RestRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
}

export interface RouteDefinition {
  /** Needs `Authorization: Bot <token>`; interaction callbacks and webhooks do not. */
  auth: boolean;
  /** Major parameter for rate-limit buckets; `null` for routes without buckets (interaction callbacks). */
  major: ((params: Record<string, string>) => string) | null;
  handle(request: RestRequest): RestReply | Promise<RestReply>;
}

export interface ChannelMessageEvent {
  kind: 'create' | 'edit' | 'delete';
  message: StoredMessage;
  channel: LocalChannel;
}

export interface RestDependencies {
  world: World;
  commands: CommandRegistry;
  messages: MessageStore;
  interactions: InteractionTracker;
  clock: Clock;
  nonceWindowMs: number;
  gatewayUrl(): string;
  /** The bot posted, edited or deleted a message in a channel through the channel routes (not an interaction's webhook). */
  onChannelMessage(event: ChannelMessageEvent): void;
  recommendedShards(): number;
  sessionStartLimit(): SessionStartLimit;
}

const ok = (body: unknown): RestReply => ({ status: 200, body });
const noContent: RestReply = { status: 204 };
const byChannel = (p: Record<string, string>) => `channel:${p.channel_id ?? ''}`;
const byGuild = (p: Record<string, string>) => `guild:${p.guild_id ?? ''}`;
const byWebhook = (p: Record<string, string>) => `webhook:${p.application_id ?? ''}:${p.token ?? ''}`;
const global = () => 'global';

/** A snowflake query parameter (`after`, `before`) as BigInt; Discord answers 400 for one that is not a number. */
function snowflakeParam(query: URLSearchParams, name: string): bigint | null {
  const value = query.get(name);
  if (value === null || value === '') return null;
  if (!/^\d{1,20}$/.test(value)) {
    const errors = new FormErrors();
    errors.add([name], 'NUMBER_TYPE_COERCE', `Value "${value}" is not snowflake.`);
    throwIfInvalid(errors);
  }
  return BigInt(value);
}

export function buildRestRoutes(deps: RestDependencies): Router<RouteDefinition> {
  const { world, commands, messages, interactions } = deps;
  const router = new Router<RouteDefinition>();
  const bot = (major: RouteDefinition['major'], handle: RouteDefinition['handle']): RouteDefinition => ({ auth: true, major, handle });
  const open = (major: RouteDefinition['major'], handle: RouteDefinition['handle']): RouteDefinition => ({ auth: false, major, handle });

  const guildFor = (guildId: string | undefined): LocalGuild => {
    const guild = world.findGuild(guildId ?? '');
    if (!guild || guild.id !== guildId) throw Errors.unknownGuild();
    if (!world.member(guild, world.botUser.id)) throw Errors.missingAccess();
    return guild;
  };
  const channelFor = (channelId: string | undefined): LocalChannel => {
    const channel = world.channelById(channelId ?? '');
    if (!channel) throw Errors.unknownChannel();
    if (!hasPermission(world.channelPermissions(channel, world.botUser.id), Permission.ViewChannel)) throw Errors.missingAccess();
    return channel;
  };
  const application = (applicationId: string | undefined): void => {
    if (applicationId !== world.applicationId) throw Errors.missingAccess();
  };
  const commandScope = (params: Record<string, string>): CommandScope => {
    application(params.application_id);
    return params.guild_id === undefined ? GLOBAL_SCOPE : guildFor(params.guild_id).id;
  };
  const botMessage = (channel: LocalChannel, messageId: string | undefined) => {
    const message = messageId ? messages.get(messageId) : undefined;
    if (!message || message.channel_id !== channel.id) throw Errors.unknownMessage();
    return message;
  };
  const checkMessage = (body: JsonObject) => {
    const errors = new FormErrors();
    checkMessageBody(body, errors);
    throwIfInvalid(errors);
  };

  router.add('GET', '/gateway', open(global, () => ok({ url: deps.gatewayUrl() })));
  router.add('GET', '/gateway/bot', bot(global, () => ok({ url: deps.gatewayUrl(), shards: deps.recommendedShards(), session_start_limit: deps.sessionStartLimit() })));
  router.add('GET', '/users/@me', bot(global, () => ok(apiUser(world.botUser))));
  router.add('GET', '/users/@me/guilds', bot(global, ({ query }) => {
    // Discord pages this list by id: at most 200 a page, after or before a guild id.
    const limit = Math.min(200, Math.max(1, Number(query.get('limit') ?? 200) || 200));
    const after = snowflakeParam(query, 'after');
    const before = snowflakeParam(query, 'before');
    let guilds = world.guilds.filter((g) => world.member(g, world.botUser.id)).sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    if (after !== null) guilds = guilds.filter((g) => BigInt(g.id) > after);
    if (before !== null) guilds = guilds.filter((g) => BigInt(g.id) < before).slice(-limit);
    return ok(guilds.slice(0, limit).map((g) => ({
      id: g.id, name: g.name, icon: null, owner: false, permissions: world.basePermissions(g, world.botUser.id).toString(), features: [],
    })));
  }));
  router.add('GET', '/users/:user_id', bot(global, ({ params }) => {
    const user = world.findUser(params.user_id ?? '');
    if (!user || user.id !== params.user_id) throw Errors.unknownUser();
    return ok(apiUser(user));
  }));
  for (const path of ['/applications/@me', '/oauth2/applications/@me']) {
    router.add('GET', path, bot(global, () => ok(apiApplication(world, world.defaultGuild.ownerId))));
  }

  for (const base of ['/applications/:application_id/commands', '/applications/:application_id/guilds/:guild_id/commands']) {
    const major = base.includes(':guild_id') ? byGuild : global;
    router.add('GET', base, bot(major, ({ params }) => ok(commands.list(commandScope(params)))));
    router.add('PUT', base, bot(major, ({ params, body }) => ok(commands.overwrite(commandScope(params), body))));
    router.add('POST', base, bot(major, ({ params, body }) => {
      const { command, created } = commands.create(commandScope(params), body);
      return { status: created ? 201 : 200, body: command };
    }));
    router.add('GET', `${base}/permissions`, bot(major, ({ params }) => {
      commandScope(params);
      return ok([]);
    }));
    router.add('GET', `${base}/:command_id`, bot(major, ({ params }) => ok(commands.get(commandScope(params), params.command_id ?? ''))));
    router.add('PATCH', `${base}/:command_id`, bot(major, ({ params, body }) => ok(commands.edit(commandScope(params), params.command_id ?? '', body))));
    router.add('DELETE', `${base}/:command_id`, bot(major, ({ params }) => {
      commands.delete(commandScope(params), params.command_id ?? '');
      return noContent;
    }));
  }

  router.add('POST', '/interactions/:interaction_id/:interaction_token/callback', open(null, ({ params, body, files, query }) =>
    interactions.callback(params.interaction_id ?? '', params.interaction_token ?? '', body, files, query.get('with_response') === 'true'),
  ));
  router.add('POST', '/webhooks/:application_id/:token', open(byWebhook, ({ params, body, files, query }) =>
    interactions.followUp(params.application_id ?? '', params.token ?? '', body, files, query.get('wait') === 'true'),
  ));
  router.add('GET', '/webhooks/:application_id/:token/messages/:message_id', open(byWebhook, ({ params }) =>
    interactions.getMessage(params.application_id ?? '', params.token ?? '', params.message_id ?? ''),
  ));
  router.add('PATCH', '/webhooks/:application_id/:token/messages/:message_id', open(byWebhook, ({ params, body, files }) =>
    interactions.editMessage(params.application_id ?? '', params.token ?? '', params.message_id ?? '', body, files),
  ));
  router.add('DELETE', '/webhooks/:application_id/:token/messages/:message_id', open(byWebhook, ({ params }) =>
    interactions.deleteMessage(params.application_id ?? '', params.token ?? '', params.message_id ?? ''),
  ));

  router.add('GET', '/channels/:channel_id', bot(byChannel, ({ params }) => ok(apiChannel(channelFor(params.channel_id)))));
  router.add('GET', '/channels/:channel_id/messages', bot(byChannel, ({ params, query }) => {
    const channel = channelFor(params.channel_id);
    if (!hasPermission(world.channelPermissions(channel, world.botUser.id), Permission.ReadMessageHistory)) return ok([]);
    const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50) || 50));
    let list = messages.inChannel(channel.id).reverse();
    const before = snowflakeParam(query, 'before');
    const after = snowflakeParam(query, 'after');
    if (before !== null) list = list.filter((m) => BigInt(m.id) < before);
    if (after !== null) list = list.filter((m) => BigInt(m.id) > after);
    return ok(list.slice(0, limit));
  }));
  router.add('POST', '/channels/:channel_id/messages', bot(byChannel, ({ params, body, files }) => {
    const channel = channelFor(params.channel_id);
    if (!hasPermission(world.channelPermissions(channel, world.botUser.id), Permission.SendMessages)) throw Errors.missingPermissions();
    if (!world.isMessageable(channel)) throw Errors.nonTextChannel();
    const data = isObject(body) ? body : {};
    checkMessage(data);
    if (isEmptyMessage({ ...data, attachments: files })) throw Errors.emptyMessage();
    const nonce = data.nonce;
    if (data.enforce_nonce === true && (typeof nonce === 'string' || typeof nonce === 'number')) {
      const earlier = messages.findByNonce(channel.id, world.botUser.id, nonce, deps.clock.now() - deps.nonceWindowMs);
      if (earlier) return ok(earlier);
    }
    const type = isObject(data.message_reference) ? 19 : 0;
    const message = messages.create(channel, data, { author: world.botUser, type }, files);
    deps.onChannelMessage({ kind: 'create', message: structuredClone(message), channel });
    return ok(message);
  }));
  router.add('GET', '/channels/:channel_id/messages/:message_id', bot(byChannel, ({ params }) =>
    ok(botMessage(channelFor(params.channel_id), params.message_id)),
  ));
  router.add('PATCH', '/channels/:channel_id/messages/:message_id', bot(byChannel, ({ params, body, files }) => {
    const channel = channelFor(params.channel_id);
    const message = botMessage(channel, params.message_id);
    if (message.author.id !== world.botUser.id) throw Errors.cannotEditOthersMessage();
    const data = isObject(body) ? body : {};
    checkMessage(data);
    if (isEmptyMessage({ ...message, ...data, attachments: [...message.attachments, ...files] })) throw Errors.emptyMessage();
    const edited = messages.edit(message, data, { files });
    deps.onChannelMessage({ kind: 'edit', message: structuredClone(edited), channel });
    return ok(edited);
  }));
  router.add('DELETE', '/channels/:channel_id/messages/:message_id', bot(byChannel, ({ params }) => {
    const channel = channelFor(params.channel_id);
    const message = botMessage(channel, params.message_id);
    const canManage = hasPermission(world.channelPermissions(channel, world.botUser.id), Permission.ManageMessages);
    if (message.author.id !== world.botUser.id && !canManage) throw Errors.missingPermissions();
    messages.delete(message);
    deps.onChannelMessage({ kind: 'delete', message: structuredClone(message), channel });
    return noContent;
  }));
  router.add('POST', '/channels/:channel_id/typing', bot(byChannel, ({ params }) => {
    channelFor(params.channel_id);
    return noContent;
  }));

  router.add('GET', '/guilds/:guild_id', bot(byGuild, ({ params, query }) => {
    const guild = guildFor(params.guild_id);
    const counts = query.get('with_counts') === 'true' ? { approximate_member_count: guild.members.length, approximate_presence_count: 0 } : {};
    return ok({ ...apiGuild(world, guild), ...counts });
  }));
  router.add('GET', '/guilds/:guild_id/channels', bot(byGuild, ({ params }) => ok(guildFor(params.guild_id).channels.map(apiChannel))));
  router.add('GET', '/guilds/:guild_id/roles', bot(byGuild, ({ params }) =>
    ok(guildFor(params.guild_id).roles.map((role) => apiRole(role, world.botUser.id))),
  ));
  router.add('GET', '/guilds/:guild_id/members', bot(byGuild, ({ params, query }) => {
    const guild = guildFor(params.guild_id);
    const limit = Math.min(1000, Math.max(1, Number(query.get('limit') ?? 1) || 1));
    return ok(guild.members.slice(0, limit).map((member) => apiMember(world, member)));
  }));
  router.add('GET', '/guilds/:guild_id/members/:user_id', bot(byGuild, ({ params }) => {
    const guild = guildFor(params.guild_id);
    const member = world.member(guild, params.user_id ?? '');
    if (!member) throw Errors.unknownMember();
    return ok(apiMember(world, member));
  }));
  return router;
}
