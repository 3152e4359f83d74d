import type { Clock } from '../../src/clock.js';
import {
  ALL_PERMISSIONS,
  DEFAULT_BOT_PERMISSIONS,
  DEFAULT_EVERYONE_PERMISSIONS,
  DEFAULT_MODERATOR_PERMISSIONS,
  Permission,
  toPermissionBits,
} from './permissions.js';

export const ChannelType = { GuildText: 0, GuildVoice: 2, GuildCategory: 4, GuildAnnouncement: 5 } as const;
const MESSAGEABLE_CHANNEL_TYPES = new Set<number>([0, 2, 5, 10, 11, 12, 13]);

export interface LocalUser {
  key: string;
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
}

export interface LocalRole {
  key: string;
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  managed: boolean;
}

export interface PermissionOverwrite {
  id: string;
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

export interface LocalChannel {
  id: string;
  guildId: string;
  name: string;
  type: number;
  position: number;
  topic: string | null;
  overwrites: PermissionOverwrite[];
}

export interface LocalMember {
  userId: string;
  roleIds: string[];
  nick: string | null;
  joinedAt: string;
}

export interface LocalGuild {
  id: string;
  name: string;
  ownerId: string;
  preferredLocale: string;
  roles: LocalRole[];
  channels: LocalChannel[];
  members: LocalMember[];
}

export interface UserSpec {
  key: string;
  id?: string;
  username?: string;
  globalName?: string | null;
}

export interface RoleSpec {
  key: string;
  id?: string;
  name?: string;
  permissions: bigint | number | string;
}

export interface OverwriteSpec {
  /** A role key, a user key, or `everyone`. */
  target: string;
  allow?: bigint | number | string;
  deny?: bigint | number | string;
}

export interface ChannelSpec {
  name: string;
  id?: string;
  type?: number;
  topic?: string;
  overwrites?: OverwriteSpec[];
}

export interface MemberSpec {
  user: string;
  roles?: string[];
  nick?: string;
}

export interface GuildSpec {
  id?: string;
  name?: string;
  owner?: string;
  preferredLocale?: string;
  roles?: RoleSpec[];
  channels?: ChannelSpec[];
  members?: MemberSpec[];
  botPermissions?: bigint | number | string;
  everyonePermissions?: bigint | number | string;
}

export interface WorldSpec {
  application?: { id?: string; name?: string; flags?: number; botUsername?: string };
  users?: UserSpec[];
  guilds?: GuildSpec[];
}

export const DEFAULT_IDS = {
  application: '1300000000000000001',
  guild: '1300000000000000100',
  general: '1300000000000000201',
  news: '1300000000000000202',
  moderatorRole: '1300000000000000301',
  botRole: '1300000000000000302',
  owner: '1300000000000000401',
  moderator: '1300000000000000402',
  member: '1300000000000000403',
} as const;

const DEFAULT_USERS: UserSpec[] = [
  { key: 'owner', id: DEFAULT_IDS.owner, username: 'owner', globalName: 'Guild Owner' },
  { key: 'moderator', id: DEFAULT_IDS.moderator, username: 'moderator', globalName: 'Moderator' },
  { key: 'member', id: DEFAULT_IDS.member, username: 'member', globalName: 'Member' },
];

const DEFAULT_GUILD: GuildSpec = {
  id: DEFAULT_IDS.guild,
  name: 'Ringkas Lokal',
  owner: 'owner',
  preferredLocale: 'en-US',
  roles: [{ key: 'moderator', id: DEFAULT_IDS.moderatorRole, name: 'Moderator', permissions: DEFAULT_MODERATOR_PERMISSIONS }],
  channels: [
    { name: 'general', id: DEFAULT_IDS.general, topic: 'General chat' },
    { name: 'news', id: DEFAULT_IDS.news, topic: 'Daily news digests' },
  ],
  members: [{ user: 'owner' }, { user: 'moderator', roles: ['moderator'] }, { user: 'member' }],
};

export const BOT_USER_KEY = 'bot';

const DISCORD_EPOCH = 1420070400000n;
const DAY_MS = 86_400_000;

/**
 * Ids for guilds created without one. Real guild ids were minted at different moments, and a guild's
 * shard is `(id >> 22) % count`, so ids minted in the same millisecond would all land on one shard:
 * each id gets its own pseudo-random creation time within the past three years (deterministic per world).
 */
class GuildIdSource {
  private state = 0x9e3779b9;
  private readonly used = new Set<bigint>();

  constructor(private readonly clock: Clock) {}

  private random(): number {
    // mulberry32
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  next(): string {
    for (;;) {
      const createdAt = this.clock.now() - DAY_MS - Math.floor(this.random() * 3 * 365 * DAY_MS);
      const timestamp = BigInt(createdAt) - DISCORD_EPOCH;
      if (this.used.has(timestamp)) continue;
      this.used.add(timestamp);
      return ((timestamp << 22n) | (1n << 17n)).toString();
    }
  }
}

/** In-memory guilds, channels, users and roles: everything the fake Discord knows about the world. */
export class World {
  readonly applicationId: string;
  readonly applicationName: string;
  readonly applicationFlags: number;
  readonly botUser: LocalUser;
  readonly users: LocalUser[] = [];
  readonly guilds: LocalGuild[] = [];
  private readonly nextId: () => string;
  private readonly guildIds: GuildIdSource;
  private readonly usersById = new Map<string, LocalUser>();
  private readonly usersByKey = new Map<string, LocalUser>();
  private readonly usersByName = new Map<string, LocalUser>();
  private readonly guildsById = new Map<string, LocalGuild>();
  private readonly channelsById = new Map<string, LocalChannel>();

  constructor(spec: WorldSpec, idSource: () => string, private readonly clock: Clock) {
    this.nextId = idSource;
    this.guildIds = new GuildIdSource(clock);
    this.applicationId = spec.application?.id ?? DEFAULT_IDS.application;
    this.applicationName = spec.application?.name ?? 'Ringkas';
    this.applicationFlags = spec.application?.flags ?? 0;
    this.botUser = {
      key: BOT_USER_KEY,
      id: this.applicationId,
      username: spec.application?.botUsername ?? this.applicationName,
      globalName: null,
      bot: true,
    };
    this.indexUser(this.botUser);
    for (const user of spec.users ?? DEFAULT_USERS) this.addUser(user);
    for (const guild of spec.guilds ?? [DEFAULT_GUILD]) this.addGuild(guild);
  }

  addUser(spec: UserSpec): LocalUser {
    const user: LocalUser = {
      key: spec.key,
      id: spec.id ?? this.nextId(),
      username: spec.username ?? spec.key,
      globalName: spec.globalName ?? null,
      bot: false,
    };
    this.indexUser(user);
    return user;
  }

  private indexUser(user: LocalUser): void {
    this.users.push(user);
    if (this.usersById.has(user.id) || this.usersByKey.has(user.key)) throw new Error(`user ${user.key} (${user.id}) is defined twice in the local Discord world`);
    this.usersById.set(user.id, user);
    this.usersByKey.set(user.key, user);
    if (!this.usersByName.has(user.username)) this.usersByName.set(user.username, user);
  }

  addGuild(spec: GuildSpec): LocalGuild {
    const guildId = spec.id ?? this.guildIds.next();
    if (this.guildsById.has(guildId)) throw new Error(`guild id ${guildId} is used twice in the local Discord world`);
    const owner = this.requireUser(spec.owner ?? this.users.find((u) => !u.bot)?.key ?? BOT_USER_KEY);
    const everyone: LocalRole = {
      key: 'everyone',
      id: guildId,
      name: '@everyone',
      permissions: toPermissionBits(spec.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS),
      position: 0,
      managed: false,
    };
    const roles: LocalRole[] = [everyone];
    for (const role of spec.roles ?? []) {
      roles.push({
        key: role.key,
        id: role.id ?? this.nextId(),
        name: role.name ?? role.key,
        permissions: toPermissionBits(role.permissions),
        position: roles.length,
        managed: false,
      });
    }
    const botRole: LocalRole = {
      key: BOT_USER_KEY,
      id: guildId === DEFAULT_IDS.guild ? DEFAULT_IDS.botRole : this.nextId(),
      name: this.applicationName,
      permissions: toPermissionBits(spec.botPermissions ?? DEFAULT_BOT_PERMISSIONS),
      position: roles.length,
      managed: true,
    };
    roles.push(botRole);

    const joinedAt = new Date(this.clock.now() - 86_400_000).toISOString();
    const guild: LocalGuild = {
      id: guildId,
      name: spec.name ?? 'Guild',
      ownerId: owner.id,
      preferredLocale: spec.preferredLocale ?? 'en-US',
      roles,
      channels: [],
      members: [{ userId: this.botUser.id, roleIds: [botRole.id], nick: null, joinedAt }],
    };
    const members: MemberSpec[] = spec.members ?? this.users.filter((u) => !u.bot).map((u) => ({ user: u.key }));
    for (const member of members) {
      guild.members.push({
        userId: this.requireUser(member.user).id,
        roleIds: (member.roles ?? []).map((key) => this.requireRole(guild, key).id),
        nick: member.nick ?? null,
        joinedAt,
      });
    }
    this.guilds.push(guild);
    this.guildsById.set(guild.id, guild);
    for (const channel of spec.channels ?? [{ name: 'general' }]) this.addChannel(guild.id, channel);
    return guild;
  }

  addChannel(guildId: string, spec: ChannelSpec): LocalChannel {
    const guild = this.requireGuild(guildId);
    const channel: LocalChannel = {
      id: spec.id ?? this.nextId(),
      guildId: guild.id,
      name: spec.name.replace(/^#/, ''),
      type: spec.type ?? ChannelType.GuildText,
      position: guild.channels.length,
      topic: spec.topic ?? null,
      overwrites: (spec.overwrites ?? []).map((overwrite) => this.toOverwrite(guild, overwrite)),
    };
    if (this.channelById(channel.id)) throw new Error(`channel id ${channel.id} is used twice in the local Discord world`);
    guild.channels.push(channel);
    this.channelsById.set(channel.id, channel);
    return channel;
  }

  private toOverwrite(guild: LocalGuild, spec: OverwriteSpec): PermissionOverwrite {
    const role = guild.roles.find((r) => r.key === spec.target || r.id === spec.target);
    const allow = toPermissionBits(spec.allow ?? 0n);
    const deny = toPermissionBits(spec.deny ?? 0n);
    if (role) return { id: role.id, type: 0, allow, deny };
    return { id: this.requireUser(spec.target).id, type: 1, allow, deny };
  }

  get defaultGuild(): LocalGuild {
    const guild = this.guilds[0];
    if (!guild) throw new Error('the local Discord world has no guild');
    return guild;
  }

  findUser(ref: string): LocalUser | undefined {
    const key = ref.replace(/^@/, '').replace(/^<@!?(\d+)>$/, '$1');
    return this.usersById.get(key) ?? this.usersByKey.get(key) ?? this.usersByName.get(key);
  }

  requireUser(ref: string): LocalUser {
    const user = this.findUser(ref);
    if (!user) throw new Error(`unknown user "${ref}" in the local Discord world`);
    return user;
  }

  findGuild(ref: string): LocalGuild | undefined {
    return this.guildsById.get(ref) ?? this.guilds.find((g) => g.name === ref);
  }

  requireGuild(ref: string): LocalGuild {
    const guild = this.findGuild(ref);
    if (!guild) throw new Error(`unknown guild "${ref}" in the local Discord world`);
    return guild;
  }

  findChannel(ref: string, guildId?: string): LocalChannel | undefined {
    const key = ref.replace(/^<#(\d+)>$/, '$1').replace(/^#/, '');
    const byId = this.channelById(key);
    if (byId) return guildId === undefined || byId.guildId === guildId ? byId : undefined;
    const guilds = guildId ? [this.guildsById.get(guildId)].filter((g) => g !== undefined) : this.guilds;
    for (const guild of guilds) {
      const channel = guild.channels.find((c) => c.name === key);
      if (channel) return channel;
    }
    return undefined;
  }

  /** A channel by id only, as REST routes address them; one since removed from its guild's list is gone. */
  channelById(id: string): LocalChannel | undefined {
    const channel = this.channelsById.get(id);
    return channel && this.guildsById.get(channel.guildId)?.channels.includes(channel) ? channel : undefined;
  }

  /** Deletes a channel, as a moderator would; the bot then gets 10003 Unknown Channel for it. */
  removeChannel(ref: string, guildId?: string): LocalChannel {
    const channel = this.requireChannel(ref, guildId);
    const guild = this.requireGuild(channel.guildId);
    guild.channels.splice(guild.channels.indexOf(channel), 1);
    this.channelsById.delete(channel.id);
    return channel;
  }

  requireChannel(ref: string, guildId?: string): LocalChannel {
    const channel = this.findChannel(ref, guildId);
    if (!channel) throw new Error(`unknown channel "${ref}" in the local Discord world`);
    return channel;
  }

  findRole(guild: LocalGuild, ref: string): LocalRole | undefined {
    const key = ref.replace(/^<@&(\d+)>$/, '$1').replace(/^@/, '');
    return guild.roles.find((r) => r.key === key || r.id === key || r.name === key);
  }

  requireRole(guild: LocalGuild, ref: string): LocalRole {
    const role = this.findRole(guild, ref);
    if (!role) throw new Error(`unknown role "${ref}" in guild ${guild.name}`);
    return role;
  }

  member(guild: LocalGuild, userId: string): LocalMember | undefined {
    return guild.members.find((m) => m.userId === userId);
  }

  basePermissions(guild: LocalGuild, userId: string): bigint {
    if (guild.ownerId === userId) return ALL_PERMISSIONS;
    const member = this.member(guild, userId);
    const everyone = guild.roles[0]?.permissions ?? 0n;
    let bits = everyone;
    for (const roleId of member?.roleIds ?? []) bits |= guild.roles.find((r) => r.id === roleId)?.permissions ?? 0n;
    return bits & Permission.Administrator ? ALL_PERMISSIONS : bits;
  }

  /** Discord's permission algorithm: base role permissions, then @everyone, role and member overwrites. */
  channelPermissions(channel: LocalChannel, userId: string): bigint {
    const guild = this.requireGuild(channel.guildId);
    let bits = this.basePermissions(guild, userId);
    if (bits === ALL_PERMISSIONS) return bits;
    const everyoneOverwrite = channel.overwrites.find((o) => o.type === 0 && o.id === guild.id);
    if (everyoneOverwrite) bits = (bits & ~everyoneOverwrite.deny) | everyoneOverwrite.allow;
    const roleIds = new Set(this.member(guild, userId)?.roleIds ?? []);
    let allow = 0n;
    let deny = 0n;
    for (const overwrite of channel.overwrites) {
      if (overwrite.type === 0 && roleIds.has(overwrite.id)) {
        allow |= overwrite.allow;
        deny |= overwrite.deny;
      }
    }
    bits = (bits & ~deny) | allow;
    const memberOverwrite = channel.overwrites.find((o) => o.type === 1 && o.id === userId);
    if (memberOverwrite) bits = (bits & ~memberOverwrite.deny) | memberOverwrite.allow;
    return bits & Permission.ViewChannel ? bits : 0n;
  }

  isMessageable(channel: LocalChannel): boolean {
    return MESSAGEABLE_CHANNEL_TYPES.has(channel.type);
  }
}
