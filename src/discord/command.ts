import {
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type MessageContextMenuCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { LibraryHolder } from '../library/index.js';
import type { DigestService } from '../digest/index.js';
import type { FeedService, LinkReader } from '../feeds/index.js';
import type { CooldownOptions } from './cooldown.js';

/** What every command handler may use; adapters add their services here. */
export interface BotContext {
  readonly library: LibraryHolder;
  readonly config: Config;
  readonly log: Logger;
  readonly digests: DigestService | null;
  /** Feed subscriptions (/feed); absent when the store could not be opened. */
  readonly feeds?: FeedService | null;
  /** Articles read from links on demand (/summary url:, "Summarize link"); a default one is made from the config when absent. */
  readonly links?: LinkReader;
}

/** What a command needs before its handler runs; the router checks each and answers a polite refusal (sapphire's preconditions). */
export interface Requirements {
  /** Only inside a server. */
  readonly guild?: boolean;
  /** The Manage Server permission, checked on every use: a server can show a command to members Discord's default would hide it from. */
  readonly manageServer?: boolean;
  /** Only the users in OWNER_IDS, when that list is set. */
  readonly owners?: boolean;
}

/** How the router may acknowledge a command before its handler when the bot is busy (src/discord/backlog.ts). */
interface Acknowledgement<I> {
  /** Its answers are private (moderator tools, help), so an early "thinking…" is private too. */
  readonly privateAnswers?: boolean;
  /** False where the handler must record the interaction before it is acknowledged (/digest now); default true. */
  mayDeferFirst?(interaction: I): boolean;
}

/** One slash command: its definition, what it requires, its handler and optional autocomplete and button handlers (discord.js guide style). */
export interface SlashCommand extends Acknowledgement<ChatInputCommandInteraction> {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  readonly requires?: Requirements;
  /** Uses per user of this command alone; without it the command shares the router's default cooldown. */
  readonly cooldown?: CooldownOptions;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
  /** Buttons whose custom_id starts with `${data.name}:` are routed here. */
  button?(interaction: ButtonInteraction, ctx: BotContext): Promise<void>;
  /**
   * Buttons anyone who sees the message may press, because they answer privately and never edit it. Every other button
   * belongs to whoever ran the command its message answers (the router checks the message, not the custom_id).
   */
  sharedButton?(customId: string): boolean;
}

/** A message context-menu command ("Apps → Summarize link" on a message): the message is the input. */
export interface MessageCommand extends Acknowledgement<MessageContextMenuCommandInteraction> {
  readonly data: RESTPostAPIContextMenuApplicationCommandsJSONBody & { readonly type: ApplicationCommandType.Message };
  readonly requires?: Requirements;
  readonly cooldown?: CooldownOptions;
  execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void>;
}

/** Anything the bot registers with Discord and routes interactions to. */
export type BotCommand = SlashCommand | MessageCommand;

export const isMessageCommand = (command: BotCommand): command is MessageCommand => command.data.type === ApplicationCommandType.Message;

/** A command whose registered definition follows from what it requires: hidden from members without Manage Server, offered only in servers. */
export function defineCommand(command: SlashCommand): SlashCommand {
  return { ...command, data: { ...command.data, ...declaredData(command.requires) } };
}

/** The same for a message context-menu command. */
export function defineMessageCommand(command: MessageCommand): MessageCommand {
  return { ...command, data: { ...command.data, ...declaredData(command.requires) } };
}

function declaredData(requires: Requirements = {}): { default_member_permissions?: string; contexts?: InteractionContextType[] } {
  const inGuildOnly = requires.guild === true || requires.manageServer === true;
  return {
    ...(requires.manageServer === true ? { default_member_permissions: PermissionFlagsBits.ManageGuild.toString() } : {}),
    ...(inGuildOnly ? { contexts: [InteractionContextType.Guild] } : {}),
  };
}
