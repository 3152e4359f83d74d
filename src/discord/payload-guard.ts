import { InteractionResponseType, InteractionType, MessageFlags, Routes } from 'discord.js';
import type { REST } from '@discordjs/rest';
import { langOf, t } from '../i18n/index.js';
import type { Logger } from '../log.js';

const U64_LIMIT = 1n << 64n;

/**
 * Discord sends permissions as the decimal string of an unsigned 64-bit integer. Anything else (`-1`, 400 digits, `0x20`,
 * `abc`, a number) is forged or broken and means no permission at all; discord.js would read `-1` as every permission.
 */
export function parsePermissions(value: unknown): bigint | null {
  if (typeof value !== 'string' || !/^\d{1,20}$/.test(value)) return null;
  const bits = BigInt(value);
  return bits < U64_LIMIT ? bits : null;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The permission fields of an interaction payload that discord.js turns into bitfields. */
function permissionFields(interaction: Json): { holder: Json; key: string; where: string }[] {
  const fields: { holder: Json; key: string; where: string }[] = [{ holder: interaction, key: 'app_permissions', where: 'app_permissions' }];
  if (isObject(interaction.member) && 'permissions' in interaction.member) {
    fields.push({ holder: interaction.member, key: 'permissions', where: 'member.permissions' });
  }
  const resolved = isObject(interaction.data) && isObject(interaction.data.resolved) ? interaction.data.resolved : undefined;
  for (const kind of ['members', 'roles', 'channels'] as const) {
    const entries = resolved?.[kind];
    if (!isObject(entries)) continue;
    for (const [id, entry] of Object.entries(entries)) {
      if (!isObject(entry)) continue;
      for (const key of ['permissions', 'app_permissions']) {
        if (key in entry) fields.push({ holder: entry, key, where: `data.resolved.${kind}.${id}.${key}` });
      }
    }
  }
  return fields;
}

/**
 * Replaces every malformed permission field of an INTERACTION_CREATE payload by "0" (no permission) before discord.js
 * reads it, so a forged value neither grants Manage Server nor makes discord.js throw into an unanswered interaction.
 * Returns the fields it replaced.
 */
export function sanitizePermissions(interaction: Json): string[] {
  const replaced: string[] = [];
  for (const { holder, key, where } of permissionFields(interaction)) {
    if (parsePermissions(holder[key]) !== null) continue;
    replaced.push(`${where}=${JSON.stringify(holder[key])?.slice(0, 40) ?? 'undefined'}`);
    holder[key] = '0';
  }
  return replaced;
}

/** Whether a channel is one of a server's, as the bot's own cache knows it from the gateway (not from the payload). */
export type ChannelDirectory = (guildId: string, channelId: string) => boolean;

/**
 * Drops the resolved channels of a payload that are not channels of its server. discord.js would cache whatever the
 * payload claims as a channel of this server; without the entry the option reads as no channel and the router refuses it.
 * Returns the ids it dropped.
 */
export function dropForeignChannels(interaction: Json, knows: ChannelDirectory): string[] {
  const resolved = isObject(interaction.data) && isObject(interaction.data.resolved) ? interaction.data.resolved : undefined;
  const channels = resolved?.channels;
  if (!isObject(channels)) return [];
  const guildId = typeof interaction.guild_id === 'string' ? interaction.guild_id : null;
  const dropped = Object.keys(channels).filter((id) => guildId === null || !knows(guildId, id));
  for (const id of dropped) delete channels[id];
  return dropped;
}

/** The structure discord.js reads without checking; a payload without it would make discord.js throw instead of emitting it. */
function unreadableBy(interaction: Json): string | null {
  if (!isObject(interaction.data) && interaction.type !== InteractionType.Ping) return 'data';
  if (isObject(interaction.data) && 'options' in interaction.data && !Array.isArray(interaction.data.options)) return 'data.options';
  if (interaction.member !== undefined && !isObject(interaction.member)) return 'member';
  const user = interaction.user ?? (isObject(interaction.member) ? interaction.member.user : undefined);
  if (!isObject(user) || typeof user.id !== 'string') return 'user';
  if (interaction.channel !== undefined && !isObject(interaction.channel)) return 'channel';
  if (!Array.isArray(interaction.entitlements)) return 'entitlements';
  if (!isObject(interaction.authorizing_integration_owners)) return 'authorizing_integration_owners';
  return null;
}

interface PendingInteraction {
  readonly id: string;
  readonly token: string;
  readonly type: unknown;
  readonly locale: unknown;
}

/**
 * Watches raw interaction payloads: malformed permissions are neutralised and logged as suspicious, a payload missing the
 * structure discord.js relies on is kept from it, and an interaction that never reached the router (kept back, or one
 * discord.js dropped or failed on) gets a polite answer straight through REST instead of none.
 */
export class InteractionGuard {
  readonly #pending = new Map<string, PendingInteraction>();

  constructor(
    private readonly rest: Pick<REST, 'post'>,
    private readonly log: Logger,
    /** Whether discord.js handles packets now (before READY it queues them, so they come later). */
    private readonly handlesNow: () => boolean,
    private readonly knowsChannel: ChannelDirectory = () => true,
  ) {}

  /** For each gateway packet, before discord.js reads it. */
  inspect(packet: unknown): void {
    if (!isObject(packet) || packet.t !== 'INTERACTION_CREATE' || !isObject(packet.d)) return;
    const interaction = packet.d;
    const replaced = sanitizePermissions(interaction);
    const id = typeof interaction.id === 'string' && /^\d{1,20}$/.test(interaction.id) ? interaction.id : null;
    if (replaced.length > 0) {
      const user = isObject(interaction.member) && isObject(interaction.member.user) ? interaction.member.user.id : isObject(interaction.user) ? interaction.user.id : null;
      this.log.warn({ interactionId: id, userId: user, guildId: interaction.guild_id, fields: replaced }, 'suspicious interaction: malformed permissions count as none');
    }
    const foreign = dropForeignChannels(interaction, this.knowsChannel);
    if (foreign.length > 0) this.log.warn({ interactionId: id, guildId: interaction.guild_id, channels: foreign }, 'suspicious interaction: channels not of this server');
    const broken = unreadableBy(interaction);
    if (broken !== null) {
      this.log.warn({ interactionId: id, field: broken }, 'suspicious interaction: malformed payload kept from discord.js');
      // discord.js handles packets by their `t`; one it does not know is passed over, so it cannot throw on this one
      packet.t = 'INTERACTION_CREATE_UNREADABLE';
    }
    const token = typeof interaction.token === 'string' && /^[\w.-]{1,500}$/.test(interaction.token) ? interaction.token : null;
    if (id === null || token === null || !this.handlesNow()) return;
    this.#pending.set(id, { id, token, type: interaction.type, locale: interaction.locale });
    // discord.js builds the Interaction and emits it synchronously after this listener; by the next turn it has or never will.
    setImmediate(() => {
      const unread = this.#pending.get(id);
      if (unread === undefined) return;
      this.#pending.delete(id);
      void this.#answerUnread(unread);
    });
  }

  /** The router received this interaction from discord.js. */
  received(interactionId: string): void {
    this.#pending.delete(interactionId);
  }

  async #answerUnread(unread: PendingInteraction): Promise<void> {
    this.log.warn({ interactionId: unread.id }, 'an interaction could not be read by discord.js; answering it directly');
    const lang = langOf(typeof unread.locale === 'string' ? unread.locale : null);
    const body =
      unread.type === InteractionType.ApplicationCommandAutocomplete
        ? { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } }
        : {
            type: InteractionResponseType.ChannelMessageWithSource,
            data: { content: t(lang, 'common.unreadable'), flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } },
          };
    try {
      await this.rest.post(Routes.interactionCallback(unread.id, unread.token), { body, auth: false });
    } catch (error) {
      this.log.warn({ err: error, interactionId: unread.id }, 'could not answer an unreadable interaction');
    }
  }
}
