import type { GatewaySession } from '../gateway/gateway.js';
import type { LocalChannel, LocalGuild, LocalMember, LocalRole, LocalUser, World } from './world.js';

export type { JsonObject } from '../json.js';
import type { JsonObject } from '../json.js';

export function apiUser(user: LocalUser): JsonObject {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.globalName,
    avatar: null,
    bot: user.bot,
    system: false,
    public_flags: 0,
    flags: 0,
    ...(user.bot ? { verified: true, mfa_enabled: false } : {}),
  };
}

export function apiRole(role: LocalRole, botUserId: string): JsonObject {
  return {
    id: role.id,
    name: role.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: role.position,
    permissions: role.permissions.toString(),
    managed: role.managed,
    mentionable: false,
    flags: 0,
    ...(role.managed ? { tags: { bot_id: botUserId } } : {}),
  };
}

export function apiChannel(channel: LocalChannel): JsonObject {
  return {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    position: channel.position,
    parent_id: null,
    topic: channel.topic,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
    permission_overwrites: channel.overwrites.map((o) => ({
      id: o.id,
      type: o.type,
      allow: o.allow.toString(),
      deny: o.deny.toString(),
    })),
  };
}

export function apiMember(world: World, member: LocalMember, permissions?: bigint): JsonObject {
  return {
    user: apiUser(world.requireUser(member.userId)),
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: member.roleIds,
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
    ...(permissions === undefined ? {} : { permissions: permissions.toString() }),
  };
}

export function apiGuild(world: World, guild: LocalGuild): JsonObject {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: guild.roles.map((role) => apiRole(role, world.botUser.id)),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: guild.channels[0]?.id ?? null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: guild.preferredLocale,
    nsfw_level: 0,
    max_members: 500000,
    max_video_channel_users: 25,
  };
}

/** The GUILD_CREATE payload: the guild plus channels, the bot's own member and the member count. */
export function apiGuildCreate(world: World, guild: LocalGuild): JsonObject {
  const botMember = world.member(guild, world.botUser.id);
  return {
    ...apiGuild(world, guild),
    joined_at: botMember?.joinedAt ?? new Date(0).toISOString(),
    large: false,
    unavailable: false,
    member_count: guild.members.length,
    voice_states: [],
    members: botMember ? [apiMember(world, botMember)] : [],
    channels: guild.channels.map((channel) => {
      const { guild_id: _guildId, ...rest } = apiChannel(channel);
      return rest;
    }),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    lazy: true,
  };
}

export function apiApplication(world: World, ownerId: string): JsonObject {
  const owner = world.findUser(ownerId);
  return {
    id: world.applicationId,
    name: world.applicationName,
    icon: null,
    description: 'Ringkas — Indonesian news summaries (local server)',
    summary: '',
    type: null,
    bot_public: false,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: world.applicationFlags,
    owner: owner ? apiUser(owner) : undefined,
    team: null,
    bot: apiUser(world.botUser),
    approximate_guild_count: world.guilds.length,
    install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' },
    integration_types_config: { '0': {} },
  };
}

export function apiReady(world: World, guildIds: string[], session: GatewaySession, resumeGatewayUrl: string): JsonObject {
  return {
    v: 10,
    user_settings: {},
    user: apiUser(world.botUser),
    guilds: guildIds.map((id) => ({ id, unavailable: true })),
    session_id: session.id,
    session_type: 'normal',
    resume_gateway_url: resumeGatewayUrl,
    shard: session.shard,
    application: { id: world.applicationId, flags: world.applicationFlags },
    private_channels: [],
    relationships: [],
    presences: [],
    guild_join_requests: [],
    geo_ordered_rtc_regions: [],
    auth: {},
    _trace: ['["ringkas-local-gateway",{}]'],
  };
}
