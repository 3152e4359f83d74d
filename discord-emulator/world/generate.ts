import { DEFAULT_MODERATOR_PERMISSIONS } from './permissions.js';
import type { GuildSpec } from './world.js';

export interface ManyGuildsOptions {
  /** Text channels per guild, named `news-01`, `news-02`, …; 1 by default. */
  channelsPerGuild?: number;
  /** Guild names are `${prefix}-001`, …; `guild` by default. */
  prefix?: string;
}

/**
 * Guilds for scale tests, each with the default users as members (the moderator holds Manage Server)
 * and its channels. Ids are left to the world, which spreads them over shards as real ids are.
 */
export function manyGuilds(count: number, options: ManyGuildsOptions = {}): GuildSpec[] {
  const channels = options.channelsPerGuild ?? 1;
  const prefix = options.prefix ?? 'guild';
  const width = String(count).length;
  const channelWidth = Math.max(2, String(channels).length);
  return Array.from({ length: count }, (_, index) => ({
    name: `${prefix}-${String(index + 1).padStart(width, '0')}`,
    owner: 'owner',
    roles: [{ key: 'moderator', name: 'Moderator', permissions: DEFAULT_MODERATOR_PERMISSIONS }],
    channels: Array.from({ length: channels }, (_, c) => ({ name: `news-${String(c + 1).padStart(channelWidth, '0')}` })),
    members: [{ user: 'owner' }, { user: 'moderator', roles: ['moderator'] }, { user: 'member' }],
  }));
}
