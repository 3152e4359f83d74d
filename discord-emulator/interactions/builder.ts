import { apiChannel, apiMember } from '../world/api-shapes.js';
import { buildOptions, CommandInputError, type OptionValues } from '../commands/options.js';
import type { CommandRegistry, StoredCommand } from '../commands/registry.js';
import { InteractionType, type NewInteraction } from './tracker.js';
import { isObject, type JsonObject } from '../json.js';
import { MessageFlag, messageComponents, type MessageStore, type StoredMessage } from '../messages/store.js';
import { toPermissionBits } from '../world/permissions.js';
import type { World } from '../world/world.js';

export interface InteractionContext {
  /** A user key (`owner`, `moderator`, `member`), id or username. */
  user?: string;
  /** Overrides the member's computed permissions in the channel. */
  permissions?: bigint | number | string;
  locale?: string;
  guild?: string;
  /** A channel id, name or `#name`. */
  channel?: string;
  /** Changes the raw INTERACTION_CREATE payload before it is dispatched: what a modified client or an attacker could send. */
  forge?: (payload: JsonObject) => void;
}

export type InteractionSpec =
  | ({ type: 'command'; name: string; options?: OptionValues } & InteractionContext)
  | ({ type: 'autocomplete'; name: string; options?: OptionValues; focused: string } & InteractionContext)
  | ({ type: 'button'; message: StoredMessage | string; customId: string } & InteractionContext)
  /** A message context-menu command ("Apps" on a message), run on a message in the channel. */
  | ({ type: 'message-command'; name: string; message: StoredMessage | string } & InteractionContext);

/** Builds INTERACTION_CREATE payloads as Discord's client would send them, refusing what it would not send. */
export class InteractionBuilder {
  constructor(
    private readonly world: World,
    private readonly commands: CommandRegistry,
    private readonly messages: MessageStore,
    private readonly defaultUser: string,
  ) {}

  build(spec: InteractionSpec): NewInteraction {
    const built = spec.type === 'button' ? this.button(spec) : spec.type === 'message-command' ? this.messageCommand(spec) : this.command(spec);
    const forge = spec.forge;
    if (forge === undefined) return built;
    return {
      ...built,
      build: (id, token) => {
        const payload = built.build(id, token);
        forge(payload);
        return payload;
      },
    };
  }

  private context(ctx: InteractionContext, messageChannelId?: string) {
    const messageChannel = messageChannelId ? this.world.requireChannel(messageChannelId) : undefined;
    const guild = messageChannel
      ? this.world.requireGuild(messageChannel.guildId)
      : ctx.guild
        ? this.world.requireGuild(ctx.guild)
        : this.world.defaultGuild;
    const channel =
      messageChannel ??
      (ctx.channel ? this.world.requireChannel(ctx.channel, guild.id) : guild.channels.find((c) => this.world.isMessageable(c)));
    if (!channel) throw new Error(`guild ${guild.name} has no text channel`);
    const user = this.world.requireUser(ctx.user ?? this.defaultUser);
    const member = this.world.member(guild, user.id);
    if (!member) throw new Error(`${user.username} is not a member of ${guild.name}`);
    const permissions = ctx.permissions === undefined ? this.world.channelPermissions(channel, user.id) : toPermissionBits(ctx.permissions);
    const base = (type: number): JsonObject => ({
      application_id: this.world.applicationId,
      type,
      guild_id: guild.id,
      channel_id: channel.id,
      channel: { ...apiChannel(channel), permissions: permissions.toString() },
      guild: { id: guild.id, locale: guild.preferredLocale, features: [] },
      member: apiMember(this.world, member, permissions),
      locale: ctx.locale ?? 'en-US',
      guild_locale: guild.preferredLocale,
      app_permissions: this.world.channelPermissions(channel, this.world.botUser.id).toString(),
      entitlements: [],
      authorizing_integration_owners: { '0': guild.id },
      context: 0,
      attachment_size_limit: 10_485_760,
      version: 1,
    });
    return { guild, channel, user, base };
  }

  private resolveCommand(name: string, guildId: string): { command: StoredCommand; path: string[] } {
    const [commandName = '', ...path] = name.trim().replace(/^\//, '').split(/\s+/);
    const command = this.commands.resolve(commandName, guildId);
    if (!command) {
      const known = this.commands.available(guildId).map((c) => `/${c.name}`).join(', ') || 'none';
      throw new CommandInputError(`/${commandName} is not registered (registered: ${known})`);
    }
    return { command, path };
  }

  private command(spec: Extract<InteractionSpec, { type: 'command' | 'autocomplete' }>): NewInteraction {
    const { guild, channel, user, base } = this.context(spec);
    const { command, path } = this.resolveCommand(spec.name, guild.id);
    const focused = spec.type === 'autocomplete' ? spec.focused : undefined;
    const built = buildOptions(this.world, guild, user.id, command, path, spec.options ?? {}, focused);
    const type = spec.type === 'autocomplete' ? InteractionType.Autocomplete : InteractionType.ApplicationCommand;
    return {
      kind: spec.type === 'autocomplete' ? 'autocomplete' : 'command',
      channel,
      user,
      commandName: command.name,
      invokedName: [command.name, ...path].join(' '),
      build: (id, token) => ({
        ...base(type),
        id,
        token,
        data: {
          id: command.id,
          name: command.name,
          type: command.type,
          ...(built.options.length > 0 ? { options: built.options } : {}),
          ...(built.resolved ? { resolved: built.resolved } : {}),
          ...(command.guild_id ? { guild_id: command.guild_id } : {}),
        },
      }),
    };
  }

  private messageCommand(spec: Extract<InteractionSpec, { type: 'message-command' }>): NewInteraction {
    const message = this.messages.get(typeof spec.message === 'string' ? spec.message : spec.message.id);
    if (!message) throw new Error('runMessageCommand: that message is not (or no longer) in the channel');
    if (message.flags & MessageFlag.Ephemeral) throw new Error('runMessageCommand: an ephemeral message has no context menu');
    const { guild, channel, user, base } = this.context(spec, message.channel_id);
    const command = this.commands.resolve(spec.name, guild.id, 3);
    if (!command) {
      const known = this.commands.available(guild.id).filter((c) => c.type === 3).map((c) => c.name).join(', ') || 'none';
      throw new CommandInputError(`no message command "${spec.name}" is registered (registered: ${known})`);
    }
    return {
      kind: 'command',
      channel,
      user,
      commandName: command.name,
      invokedName: command.name,
      build: (id, token) => ({
        ...base(InteractionType.ApplicationCommand),
        id,
        token,
        data: {
          id: command.id,
          name: command.name,
          type: 3,
          target_id: message.id,
          resolved: { messages: { [message.id]: structuredClone(message) } },
          ...(command.guild_id ? { guild_id: command.guild_id } : {}),
        },
      }),
    };
  }

  private button(spec: Extract<InteractionSpec, { type: 'button' }>): NewInteraction {
    const message = this.messages.get(typeof spec.message === 'string' ? spec.message : spec.message.id);
    if (!message) throw new Error('pressButton: that message is not (or no longer) in the channel');
    const { user, base } = this.context(spec, message.channel_id);
    const button = this.findButton(message, spec.customId);
    const askerId = isObject(message.interaction_metadata) && isObject(message.interaction_metadata.user) ? message.interaction_metadata.user.id : null;
    if (message.flags & MessageFlag.Ephemeral && askerId !== user.id) {
      throw new Error('pressButton: an ephemeral message is only visible to the user it was sent to');
    }
    return {
      kind: 'component',
      channel: this.world.requireChannel(message.channel_id),
      user,
      commandName: null,
      sourceMessageId: message.id,
      build: (id, token) => ({
        ...base(InteractionType.MessageComponent),
        id,
        token,
        data: { custom_id: button.custom_id, component_type: 2 },
        message: structuredClone(message),
      }),
    };
  }

  private findButton(message: StoredMessage, customIdOrLabel: string): JsonObject {
    const buttons = messageComponents(message).filter((c) => c.type === 2);
    const wanted = customIdOrLabel.toLowerCase();
    const button =
      buttons.find((b) => b.custom_id === customIdOrLabel) ??
      buttons.find((b) => typeof b.label === 'string' && b.label.toLowerCase() === wanted);
    if (!button) {
      const names = buttons.map((b) => String(b.custom_id ?? b.label)).join(', ') || 'none';
      throw new Error(`pressButton: no button "${customIdOrLabel}" on message ${message.id} (buttons: ${names})`);
    }
    if (button.disabled === true) throw new Error(`pressButton: button "${customIdOrLabel}" is disabled`);
    if (button.style === 5 || button.custom_id === undefined) throw new Error(`pressButton: "${customIdOrLabel}" is a link button`);
    return button;
  }
}
