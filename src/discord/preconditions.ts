import { PermissionFlagsBits, type CommandInteraction, type MessageComponentInteraction, type PermissionsBitField } from 'discord.js';
import type { MessageKey, Params } from '../i18n/index.js';
import type { BotCommand, BotContext } from './command.js';
import { Cooldown, type CooldownOptions, type CooldownResult } from './cooldown.js';
import { parsePermissions } from './payload-guard.js';

export type PreconditionName = 'cooldown' | 'guild' | 'manageServer' | 'owners' | 'messageOwner' | 'optionLength' | 'optionChannel';

/** Why the router did not run a handler; one localized text per precondition. */
export interface Refusal {
  readonly precondition: PreconditionName;
  readonly key: MessageKey;
  readonly params: Params;
}

const refusalKeys: Readonly<Record<PreconditionName, MessageKey>> = {
  cooldown: 'refusals.cooldown',
  guild: 'refusals.guild',
  manageServer: 'refusals.manageServer',
  owners: 'refusals.owners',
  messageOwner: 'refusals.messageOwner',
  optionLength: 'refusals.optionLength',
  optionChannel: 'refusals.optionChannel',
};

export const refuse = (precondition: PreconditionName, params: Params = {}): Refusal => ({ precondition, key: refusalKeys[precondition], params });

/** A cooldown verdict as a refusal, or null when the user may go on. */
export function cooldownRefusal(verdict: CooldownResult): Refusal | null {
  return verdict.ok ? null : refuse('cooldown', { seconds: Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)) });
}

/** Who ran the command a component's message answers, from Discord's record on the message; null when it names nobody. */
export function messageOwnerOf(interaction: MessageComponentInteraction): string | null {
  const { message } = interaction;
  // the deprecated field, for messages sent before interaction_metadata existed
  return message.interactionMetadata?.user.id ?? message.interaction?.user.id ?? null;
}

/**
 * A component may edit its message only for whoever ran the command that message answers: a custom_id is written by the
 * client and can claim anyone. Shared buttons (answered privately) are open to all who see the message.
 */
export function messageOwnerRefusal(interaction: MessageComponentInteraction, shared: boolean, command: string): Refusal | null {
  if (shared || messageOwnerOf(interaction) === interaction.user.id) return null;
  return refuse('messageOwner', { command });
}

/** Manage Server (or Administrator) in the member's permissions, read as Discord's unsigned 64-bit decimal and nothing else. */
export function hasManageServer(interaction: CommandInteraction): boolean {
  if (!interaction.inGuild()) return false;
  // null when the payload's permissions were falsy, whatever the cached-guild typing says
  const permissions: Readonly<PermissionsBitField> | null = interaction.memberPermissions;
  const bits = parsePermissions(permissions?.bitfield.toString());
  if (bits === null) return false;
  return (bits & PermissionFlagsBits.Administrator) !== 0n || (bits & PermissionFlagsBits.ManageGuild) !== 0n;
}

/** Checks what a command requires, in this order: its cooldown (a flood gets a wait, not work), server, Manage Server, owners. */
export class Preconditions {
  readonly #shared: Cooldown;
  readonly #own = new Map<string, Cooldown>();

  constructor(sharedCooldown: CooldownOptions) {
    this.#shared = new Cooldown(sharedCooldown);
  }

  check(command: BotCommand, interaction: CommandInteraction, ctx: BotContext): Refusal | null {
    const cooldown = cooldownRefusal(this.#cooldownOf(command).take(interaction.user.id));
    if (cooldown !== null) return cooldown;
    const requires = command.requires ?? {};
    if ((requires.guild === true || requires.manageServer === true) && !interaction.inGuild()) return refuse('guild');
    if (requires.manageServer === true && !hasManageServer(interaction)) return refuse('manageServer');
    const owners = ctx.config.ownerIds;
    if (requires.owners === true && owners.length > 0 && !owners.includes(interaction.user.id)) return refuse('owners');
    return null;
  }

  #cooldownOf(command: BotCommand): Cooldown {
    if (command.cooldown === undefined) return this.#shared;
    let own = this.#own.get(command.data.name);
    if (own === undefined) this.#own.set(command.data.name, (own = new Cooldown(command.cooldown)));
    return own;
  }
}
