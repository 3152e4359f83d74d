import type { Clock } from '../../src/clock.js';
import { apiUser } from '../world/api-shapes.js';
import { isObject, type JsonObject } from '../json.js';
import type { LocalChannel, LocalUser, World } from '../world/world.js';

export const MessageFlag = {
  SuppressEmbeds: 1 << 2,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressNotifications: 1 << 12,
  IsComponentsV2: 1 << 15,
} as const;

const SETTABLE_FLAGS = MessageFlag.SuppressEmbeds | MessageFlag.Ephemeral | MessageFlag.SuppressNotifications | MessageFlag.IsComponentsV2;

export interface StoredMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  author: JsonObject;
  content: string;
  timestamp: string;
  edited_timestamp: string | null;
  tts: boolean;
  mention_everyone: boolean;
  mentions: JsonObject[];
  mention_roles: string[];
  attachments: JsonObject[];
  embeds: JsonObject[];
  components: JsonObject[];
  pinned: boolean;
  type: number;
  flags: number;
  nonce?: string | number;
  webhook_id?: string;
  application_id?: string;
  interaction_metadata?: JsonObject;
  interaction?: JsonObject;
  message_reference?: JsonObject;
}

export interface UploadedFile {
  field: string;
  name: string;
  contentType: string;
  size: number;
}

/** The interaction a message answers, as Discord records it on the message. */
export interface MessageInteractionOrigin {
  id: string;
  type: number;
  user: LocalUser;
  guildId?: string;
  /** Application commands: the command's name with its subcommands (`digest set`). */
  name?: string;
  /** Message components: the message whose component was used. */
  interactedMessageId?: string;
  /** Follow-ups: the interaction's original response. */
  originalResponseMessageId?: string;
}

export interface MessageOrigin {
  author: LocalUser;
  type?: number;
  webhookId?: string;
  interaction?: MessageInteractionOrigin;
  /** Flags the server sets itself (loading), on top of what the body may set. */
  extraFlags?: number;
  allowEphemeral?: boolean;
}

interface MentionResult {
  mention_everyone: boolean;
  mentions: JsonObject[];
  mention_roles: string[];
}

/** Who a message would actually ping, given its content and `allowed_mentions` (embeds never ping). */
export function computeMentions(world: World, guildId: string | undefined, content: string, allowedMentions: unknown): MentionResult {
  const all = allowedMentions === undefined || allowedMentions === null;
  const allowed = isObject(allowedMentions) ? allowedMentions : {};
  const parse = all ? ['users', 'roles', 'everyone'] : Array.isArray(allowed.parse) ? allowed.parse.map(String) : [];
  const explicitUsers = Array.isArray(allowed.users) ? allowed.users.map(String) : [];
  const explicitRoles = Array.isArray(allowed.roles) ? allowed.roles.map(String) : [];
  const mentions: JsonObject[] = [];
  for (const match of content.matchAll(/<@!?(\d+)>/g)) {
    const id = match[1] ?? '';
    const user = world.findUser(id);
    if (user && (parse.includes('users') || explicitUsers.includes(id)) && !mentions.some((m) => m.id === id)) {
      mentions.push(apiUser(user));
    }
  }
  const guild = guildId ? world.findGuild(guildId) : undefined;
  const mention_roles: string[] = [];
  for (const match of content.matchAll(/<@&(\d+)>/g)) {
    const id = match[1] ?? '';
    if (guild?.roles.some((r) => r.id === id) && (parse.includes('roles') || explicitRoles.includes(id)) && !mention_roles.includes(id)) {
      mention_roles.push(id);
    }
  }
  return { mention_everyone: /@(everyone|here)\b/.test(content) && parse.includes('everyone'), mentions, mention_roles };
}

/** Discord's message interaction metadata object (resources/message), with the command name Discord also sends. */
function interactionMetadata(interaction: MessageInteractionOrigin): JsonObject {
  return {
    id: interaction.id,
    type: interaction.type,
    user: apiUser(interaction.user),
    authorizing_integration_owners: interaction.guildId ? { '0': interaction.guildId } : { '1': interaction.user.id },
    ...(interaction.name !== undefined ? { name: interaction.name, command_type: 1 } : {}),
    ...(interaction.interactedMessageId !== undefined ? { interacted_message_id: interaction.interactedMessageId } : {}),
    ...(interaction.originalResponseMessageId !== undefined ? { original_response_message_id: interaction.originalResponseMessageId } : {}),
  };
}

function normalizeEmbeds(value: unknown): JsonObject[] {
  return (Array.isArray(value) ? value : []).filter(isObject).map((embed) => ({ type: 'rich', ...structuredClone(embed) }));
}

function normalizeComponents(value: unknown): JsonObject[] {
  return (Array.isArray(value) ? value : []).filter(isObject).map((row) => structuredClone(row));
}

/** The components inside a message's action rows, as plain objects. */
export function messageComponents(message: StoredMessage): JsonObject[] {
  return message.components.flatMap((row) =>
    Array.isArray(row.components) ? row.components.filter(isObject) : [],
  );
}

/** Every message the bot posted or edited, per channel, in order. */
export class MessageStore {
  private readonly byId = new Map<string, StoredMessage>();
  private readonly byChannel = new Map<string, StoredMessage[]>();

  constructor(
    private readonly world: World,
    private readonly nextId: () => string,
    private readonly clock: Clock,
  ) {}

  get(id: string): StoredMessage | undefined {
    return this.byId.get(id);
  }

  inChannel(channelId: string): StoredMessage[] {
    return [...(this.byChannel.get(channelId) ?? [])];
  }

  all(): StoredMessage[] {
    return [...this.byId.values()];
  }

  findByNonce(channelId: string, authorId: string, nonce: string | number, sinceMs: number): StoredMessage | undefined {
    return this.inChannel(channelId).find(
      (m) => m.author.id === authorId && m.nonce === nonce && Date.parse(m.timestamp) >= sinceMs,
    );
  }

  create(channel: LocalChannel, body: JsonObject, origin: MessageOrigin, files: UploadedFile[] = []): StoredMessage {
    const bodyFlags = typeof body.flags === 'number' ? body.flags : 0;
    const allowedBodyFlags = origin.allowEphemeral ? SETTABLE_FLAGS : SETTABLE_FLAGS & ~MessageFlag.Ephemeral;
    const content = typeof body.content === 'string' ? body.content : '';
    const id = this.nextId();
    const message: StoredMessage = {
      id,
      channel_id: channel.id,
      guild_id: channel.guildId,
      author: apiUser(origin.author),
      content,
      timestamp: new Date(this.clock.now()).toISOString(),
      edited_timestamp: null,
      tts: body.tts === true,
      ...computeMentions(this.world, channel.guildId, content, body.allowed_mentions),
      attachments: files.map((file) => this.attachment(channel.id, id, file)),
      embeds: normalizeEmbeds(body.embeds),
      components: normalizeComponents(body.components),
      pinned: false,
      type: origin.type ?? 0,
      flags: (bodyFlags & allowedBodyFlags) | (origin.extraFlags ?? 0),
      ...(body.nonce !== undefined && body.nonce !== null ? { nonce: body.nonce as string | number } : {}),
      ...(isObject(body.message_reference) ? { message_reference: structuredClone(body.message_reference) } : {}),
    };
    if (origin.webhookId) message.webhook_id = origin.webhookId;
    if (origin.interaction) {
      const { interaction } = origin;
      message.application_id = this.world.applicationId;
      message.interaction_metadata = interactionMetadata(interaction);
      // The deprecated `interaction` object describes an application command; component answers carry only the metadata.
      if (interaction.name !== undefined) {
        message.interaction = { id: interaction.id, type: interaction.type, name: interaction.name, user: apiUser(interaction.user) };
      }
    }
    this.byId.set(message.id, message);
    const list = this.byChannel.get(channel.id) ?? [];
    list.push(message);
    this.byChannel.set(channel.id, list);
    return message;
  }

  private attachment(channelId: string, messageId: string, file: UploadedFile): JsonObject {
    const name = encodeURIComponent(file.name);
    return {
      id: this.nextId(),
      filename: file.name,
      size: file.size,
      content_type: file.contentType,
      url: `https://cdn.discordapp.com/attachments/${channelId}/${messageId}/${name}`,
      proxy_url: `https://media.discordapp.net/attachments/${channelId}/${messageId}/${name}`,
    };
  }

  /** Applies the fields present in an edit body; returns the message as it is now. */
  edit(message: StoredMessage, body: JsonObject, options: { clearFlags?: number; files?: UploadedFile[] } = {}): StoredMessage {
    if ('content' in body) message.content = typeof body.content === 'string' ? body.content : '';
    if ('embeds' in body) message.embeds = normalizeEmbeds(body.embeds);
    if ('components' in body) message.components = normalizeComponents(body.components);
    if ('attachments' in body && Array.isArray(body.attachments)) {
      const keep = new Set(body.attachments.filter(isObject).map((a) => String(a.id)));
      message.attachments = message.attachments.filter((a) => keep.has(String(a.id)));
    }
    for (const file of options.files ?? []) message.attachments.push(this.attachment(message.channel_id, message.id, file));
    if (typeof body.flags === 'number') {
      const suppress = body.flags & MessageFlag.SuppressEmbeds;
      message.flags = (message.flags & ~MessageFlag.SuppressEmbeds) | suppress;
    }
    if (options.clearFlags) message.flags &= ~options.clearFlags;
    if ('content' in body || 'allowed_mentions' in body) {
      Object.assign(message, computeMentions(this.world, message.guild_id, message.content, body.allowed_mentions));
    }
    message.edited_timestamp = new Date(this.clock.now()).toISOString();
    return message;
  }

  delete(message: StoredMessage): void {
    this.byId.delete(message.id);
    const list = this.byChannel.get(message.channel_id);
    if (list) this.byChannel.set(message.channel_id, list.filter((m) => m.id !== message.id));
  }
}
