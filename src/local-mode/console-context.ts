import { DISCORD_LOCALES, Permission, type LocalChannel, type LocalDiscordServer, type LocalUser } from '../../discord-emulator/index.js';
import type { ChannelEntry, UserEntry } from './console-texts.js';

/** Who is typing, where and in which Discord locale; the people and channels of the console's server. */
export class ConsoleContext {
  user: string;
  locale: string;
  channel: string | undefined;

  constructor(
    private readonly server: LocalDiscordServer,
    start: { user?: string; locale?: string; channel?: string },
  ) {
    this.user = start.user ?? 'moderator';
    this.locale = start.locale ?? 'en-US';
    this.channel = start.channel === undefined ? undefined : this.findChannel(start.channel)?.id;
  }

  /** What the emulator's interaction builder takes. */
  get interaction(): { user: string; locale: string; channel?: string } {
    return { user: this.user, locale: this.locale, ...(this.channel === undefined ? {} : { channel: this.channel }) };
  }

  /** People who can type here: members of the server, the bot left out. */
  findUser(ref: string): LocalUser | undefined {
    const user = ref === '' ? undefined : this.server.world.findUser(ref);
    return user && !user.bot && this.server.world.member(this.server.guild, user.id) ? user : undefined;
  }

  /** Text channels of the server, by name, `#name`, mention or id. */
  findChannel(ref: string): LocalChannel | undefined {
    const channel = ref === '' ? undefined : this.server.world.findChannel(ref, this.server.guild.id);
    return channel && this.server.world.isMessageable(channel) ? channel : undefined;
  }

  /** A Discord locale as typed in any case (`ID`, `en-us`). */
  findLocale(typed: string): string | undefined {
    return DISCORD_LOCALES.find((locale) => locale.toLowerCase() === typed.toLowerCase());
  }

  users(): UserEntry[] {
    const { world, guild } = this.server;
    return world.users
      .filter((user) => !user.bot && world.member(guild, user.id))
      .map((user) => ({
        name: user.key,
        role: guild.ownerId === user.id ? 'owner' : (world.basePermissions(guild, user.id) & Permission.ManageGuild) !== 0n ? 'manager' : 'member',
        current: user.key === this.user,
      }));
  }

  channels(): ChannelEntry[] {
    const channels = this.server.guild.channels.filter((channel) => this.server.world.isMessageable(channel));
    // without a chosen channel, interactions come from the server's first text channel
    const current = this.channel ?? channels[0]?.id;
    return channels.map((channel) => ({ name: channel.name, current: channel.id === current }));
  }
}
