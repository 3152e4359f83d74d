import { EventEmitter } from 'node:events';
import type { CancelTimer, Clock } from '../../src/clock.js';
import { DiscordApiError, Errors, FormErrors, throwIfInvalid, type DiscordErrorBody } from '../rest/discord-error.js';
import { isObject, type JsonObject } from '../json.js';
import { checkAutocompleteChoices, checkMessageBody, isEmptyMessage } from '../messages/limits.js';
import { MessageFlag, type MessageInteractionOrigin, type MessageStore, type StoredMessage, type UploadedFile } from '../messages/store.js';
import type { LocalChannel, LocalUser } from '../world/world.js';

export type InteractionKind = 'command' | 'component' | 'autocomplete';

const RETRY_MARGIN_MS = 250;

export const InteractionType = { ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4 } as const;

export const CallbackType = {
  ChannelMessage: 4,
  DeferredChannelMessage: 5,
  DeferredUpdate: 6,
  UpdateMessage: 7,
  AutocompleteResult: 8,
  Modal: 9,
} as const;

const ALLOWED_CALLBACKS: Record<InteractionKind, number[]> = {
  command: [4, 5, 9],
  component: [4, 5, 6, 7, 9],
  autocomplete: [8],
};

export type InteractionEvent =
  | { kind: 'callback'; at: number; type: number; data: unknown; message?: StoredMessage }
  | { kind: 'edit'; at: number; message: StoredMessage; original: boolean }
  | { kind: 'followup'; at: number; message: StoredMessage; replacedLoading: boolean }
  | { kind: 'delete'; at: number; messageId: string; original: boolean }
  | { kind: 'missed'; at: number }
  | { kind: 'late-callback'; at: number; type: number }
  | { kind: 'rejected'; at: number; method: string; route: string; status: number; body: DiscordErrorBody };

export type InteractionState = 'pending' | 'acknowledged' | 'missed';

export interface InteractionRecord {
  id: string;
  token: string;
  kind: InteractionKind;
  payload: JsonObject;
  createdAt: number;
  channel: LocalChannel;
  user: LocalUser;
  commandName: string | null;
  /** The command with its subcommands (`digest set`), as messages answering it name it. */
  invokedName: string | null;
  /** For a component: the message whose component was used. */
  sourceMessageId: string | null;
  state: InteractionState;
  callbackType: number | null;
  originalMessageId: string | null;
  followUpIds: string[];
  choices: JsonObject[] | null;
  events: InteractionEvent[];
  cancelDeadline: CancelTimer | null;
  /** Requests with this interaction's token still being answered. */
  inFlight: number;
  /** Wall-clock ms until which the bot is expected to retry (after a 429 or 5xx). */
  retryUntil: number;
}

export interface InteractionOutcome {
  id: string;
  token: string;
  kind: InteractionKind;
  status: 'pending' | 'answered' | 'missed';
  /** The first (accepted) interaction callback. */
  callback: { type: number; data: unknown } | null;
  /** The message at `@original` now: the reply (after edits) or, for a button, the message it updated. */
  reply: StoredMessage | null;
  followUps: StoredMessage[];
  /** `reply` then `followUps`: everything the user sees as the answer. */
  messages: StoredMessage[];
  /** Autocomplete suggestions (callback type 8). */
  choices: JsonObject[] | null;
  deferred: boolean;
  ephemeral: boolean;
  events: InteractionEvent[];
  rejections: Array<Extract<InteractionEvent, { kind: 'rejected' }>>;
  payload: JsonObject;
}

export interface RestReply {
  status: number;
  body?: unknown;
}

export interface InteractionTrackerOptions {
  clock: Clock;
  deadlineMs: number;
  tokenTtlMs: number;
  applicationId: string;
  botUser: LocalUser;
}

export interface NewInteraction {
  kind: InteractionKind;
  channel: LocalChannel;
  user: LocalUser;
  commandName: string | null;
  invokedName?: string;
  sourceMessageId?: string;
  build(id: string, token: string): JsonObject;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Interactions the server dispatched and everything the bot did with them: callbacks, edits, follow-ups. */
export class InteractionTracker extends EventEmitter {
  private readonly byId = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();

  constructor(
    private readonly options: InteractionTrackerOptions,
    private readonly messages: MessageStore,
    private readonly nextId: () => string,
  ) {
    super();
    // every awaited interaction listens until it settles: a burst of a thousand is normal use, not a leak
    this.setMaxListeners(0);
  }

  all(): InteractionRecord[] {
    return [...this.byId.values()];
  }

  get(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  create(spec: NewInteraction): InteractionRecord {
    const id = this.nextId();
    const token = Buffer.from(`interaction:${id}:${this.nextId()}${Math.random().toString(36).slice(2)}`).toString('base64url');
    const record: InteractionRecord = {
      id,
      token,
      kind: spec.kind,
      payload: spec.build(id, token),
      createdAt: this.options.clock.now(),
      channel: spec.channel,
      user: spec.user,
      commandName: spec.commandName,
      invokedName: spec.invokedName ?? spec.commandName,
      sourceMessageId: spec.sourceMessageId ?? null,
      state: 'pending',
      callbackType: null,
      originalMessageId: spec.sourceMessageId ?? null,
      followUpIds: [],
      choices: null,
      events: [],
      cancelDeadline: null,
      inFlight: 0,
      retryUntil: 0,
    };
    record.cancelDeadline = this.options.clock.schedule(() => this.expire(record), this.options.deadlineMs);
    this.byId.set(id, record);
    this.byToken.set(token, record);
    return record;
  }

  /** Marks a request carrying this token as in progress, so waiting for the answer does not end early. */
  beginRequest(token: string): void {
    const record = this.byToken.get(token);
    if (record) record.inFlight += 1;
  }

  /** A 429/5xx means the client retries; @discordjs/rest adds its own offset (2 × 50 ms) to `retry_after`. */
  endRequest(token: string, status: number, retryAfterMs: number): void {
    const record = this.byToken.get(token);
    if (!record) return;
    record.inFlight = Math.max(0, record.inFlight - 1);
    if (status === 429 || status >= 500) record.retryUntil = Math.max(record.retryUntil, Date.now() + retryAfterMs + RETRY_MARGIN_MS);
    this.emit('activity', record);
  }

  dispose(): void {
    for (const record of this.byId.values()) record.cancelDeadline?.();
  }

  private push(record: InteractionRecord, event: InteractionEvent): void {
    record.events.push(event);
    this.emit('event', record, event);
  }

  private expire(record: InteractionRecord): void {
    record.cancelDeadline = null;
    if (record.state !== 'pending') return;
    record.state = 'missed';
    this.push(record, { kind: 'missed', at: this.options.clock.now() });
  }

  private rejecting<T>(record: InteractionRecord | undefined, method: string, route: string, work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (record && error instanceof DiscordApiError) {
        this.push(record, { kind: 'rejected', at: this.options.clock.now(), method, route, status: error.status, body: error.body });
      }
      throw error;
    }
  }

  callback(id: string, token: string, body: unknown, files: UploadedFile[], withResponse: boolean): RestReply {
    const record = this.byId.get(id);
    return this.rejecting(record, 'POST', '/interactions/:interaction_id/:interaction_token/callback', () => {
      if (!record || record.token !== token) throw Errors.unknownInteraction();
      const type = isObject(body) ? Number(body.type) : NaN;
      const now = this.options.clock.now();
      if (record.state === 'pending' && now - record.createdAt >= this.options.deadlineMs) this.expire(record);
      if (record.state === 'missed') {
        this.push(record, { kind: 'late-callback', at: now, type });
        throw Errors.unknownInteraction();
      }
      if (record.state === 'acknowledged') throw Errors.alreadyAcknowledged();
      const data = isObject(body) && isObject(body.data) ? body.data : {};
      this.checkCallback(record, type, data, files);
      const message = this.applyCallback(record, type, data, files);
      record.state = 'acknowledged';
      record.callbackType = type;
      record.cancelDeadline?.();
      record.cancelDeadline = null;
      this.push(record, { kind: 'callback', at: now, type, data: clone(data), ...(message ? { message: clone(message) } : {}) });
      if (!withResponse) return { status: 204 };
      return {
        status: 200,
        body: {
          interaction: {
            id: record.id,
            type: record.payload.type,
            response_message_id: message?.id,
            response_message_loading: message ? (message.flags & MessageFlag.Loading) !== 0 : undefined,
            response_message_ephemeral: message ? (message.flags & MessageFlag.Ephemeral) !== 0 : undefined,
          },
          resource: { type, ...(message ? { message } : {}) },
        },
      };
    });
  }

  private checkCallback(record: InteractionRecord, type: number, data: JsonObject, files: UploadedFile[]): void {
    const errors = new FormErrors();
    const allowed = ALLOWED_CALLBACKS[record.kind];
    if (!allowed.includes(type)) {
      errors.add(['type'], 'BASE_TYPE_CHOICES', `Value must be one of {${allowed.join(', ')}}.`);
      throwIfInvalid(errors);
    }
    if (type === CallbackType.ChannelMessage || type === CallbackType.UpdateMessage) {
      checkMessageBody(data, errors, { path: ['data'] });
      throwIfInvalid(errors);
      if (type === CallbackType.ChannelMessage && isEmptyMessage({ ...data, attachments: files })) throw Errors.emptyMessage();
    } else if (type === CallbackType.AutocompleteResult) {
      checkAutocompleteChoices(data, errors);
      throwIfInvalid(errors);
    } else if (type === CallbackType.Modal) {
      for (const [key, max] of [['custom_id', 100], ['title', 45]] as const) {
        const value = data[key];
        if (typeof value !== 'string' || value.length < 1 || value.length > max) {
          errors.add(['data', key], 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${max} in length.`);
        }
      }
      throwIfInvalid(errors);
    }
  }

  private interactionOrigin(record: InteractionRecord, options: { followUp?: boolean } = {}): MessageInteractionOrigin {
    const original = options.followUp ? record.originalMessageId : null;
    return {
      id: record.id,
      type: Number(record.payload.type),
      user: record.user,
      guildId: record.channel.guildId,
      ...(record.kind === 'command' && record.invokedName ? { name: record.invokedName } : {}),
      ...(record.kind === 'component' && record.sourceMessageId ? { interactedMessageId: record.sourceMessageId } : {}),
      ...(original ? { originalResponseMessageId: original } : {}),
    };
  }

  private applyCallback(record: InteractionRecord, type: number, data: JsonObject, files: UploadedFile[]): StoredMessage | undefined {
    const origin = {
      author: this.options.botUser,
      webhookId: this.options.applicationId,
      allowEphemeral: true,
      type: record.kind === 'command' ? 20 : 0,
      interaction: this.interactionOrigin(record),
    };
    switch (type) {
      case CallbackType.ChannelMessage: {
        const message = this.messages.create(record.channel, data, origin, files);
        record.originalMessageId = message.id;
        return message;
      }
      case CallbackType.DeferredChannelMessage: {
        const flags = typeof data.flags === 'number' ? data.flags & MessageFlag.Ephemeral : 0;
        const message = this.messages.create(record.channel, { flags }, { ...origin, extraFlags: MessageFlag.Loading });
        record.originalMessageId = message.id;
        return message;
      }
      case CallbackType.UpdateMessage: {
        const source = record.originalMessageId ? this.messages.get(record.originalMessageId) : undefined;
        if (!source) throw Errors.unknownMessage();
        if (isEmptyMessage({ ...source, ...data, attachments: [...source.attachments, ...files] })) throw Errors.emptyMessage();
        return this.messages.edit(source, data, { files });
      }
      case CallbackType.AutocompleteResult:
        record.choices = Array.isArray(data.choices) ? clone(data.choices.filter(isObject)) : [];
        return undefined;
      default:
        return undefined;
    }
  }

  private webhookRecord(applicationId: string, token: string): InteractionRecord {
    if (applicationId !== this.options.applicationId) throw Errors.unknownWebhook();
    const record = this.byToken.get(token);
    if (!record) throw Errors.invalidWebhookToken();
    if (this.options.clock.now() - record.createdAt > this.options.tokenTtlMs) throw Errors.invalidWebhookToken();
    if (record.state !== 'acknowledged') throw Errors.unknownWebhook();
    return record;
  }

  private messageOf(record: InteractionRecord, messageId: string): { message: StoredMessage; original: boolean } {
    const original = messageId === '@original' || messageId === record.originalMessageId;
    const id = messageId === '@original' ? record.originalMessageId : messageId;
    if (!id || (!original && !record.followUpIds.includes(id))) throw Errors.unknownMessage();
    const message = this.messages.get(id);
    if (!message) throw Errors.unknownMessage();
    return { message, original };
  }

  getMessage(applicationId: string, token: string, messageId: string): RestReply {
    const { message } = this.messageOf(this.webhookRecord(applicationId, token), messageId);
    return { status: 200, body: message };
  }

  editMessage(applicationId: string, token: string, messageId: string, body: unknown, files: UploadedFile[]): RestReply {
    const record = this.byToken.get(token);
    return this.rejecting(record, 'PATCH', '/webhooks/:application_id/:token/messages/:message_id', () => {
      const target = this.webhookRecord(applicationId, token);
      const { message, original } = this.messageOf(target, messageId);
      const patch = isObject(body) ? body : {};
      const errors = new FormErrors();
      checkMessageBody(patch, errors);
      throwIfInvalid(errors);
      const merged = { ...message, ...patch, attachments: [...message.attachments, ...files] };
      if (isEmptyMessage(merged)) throw Errors.emptyMessage();
      const updated = this.messages.edit(message, patch, { clearFlags: MessageFlag.Loading, files });
      this.push(target, { kind: 'edit', at: this.options.clock.now(), message: clone(updated), original });
      return { status: 200, body: updated };
    });
  }

  deleteMessage(applicationId: string, token: string, messageId: string): RestReply {
    const record = this.byToken.get(token);
    return this.rejecting(record, 'DELETE', '/webhooks/:application_id/:token/messages/:message_id', () => {
      const target = this.webhookRecord(applicationId, token);
      const { message, original } = this.messageOf(target, messageId);
      this.messages.delete(message);
      this.push(target, { kind: 'delete', at: this.options.clock.now(), messageId: message.id, original });
      return { status: 204 };
    });
  }

  followUp(applicationId: string, token: string, body: unknown, files: UploadedFile[], wait: boolean): RestReply {
    const record = this.byToken.get(token);
    return this.rejecting(record, 'POST', '/webhooks/:application_id/:token', () => {
      const target = this.webhookRecord(applicationId, token);
      const data = isObject(body) ? body : {};
      const errors = new FormErrors();
      checkMessageBody(data, errors);
      throwIfInvalid(errors);
      if (isEmptyMessage({ ...data, attachments: files })) throw Errors.emptyMessage();
      const loading = target.originalMessageId ? this.messages.get(target.originalMessageId) : undefined;
      let message: StoredMessage;
      let replacedLoading = false;
      if (loading && loading.flags & MessageFlag.Loading && target.followUpIds.length === 0) {
        message = this.messages.edit(loading, data, { clearFlags: MessageFlag.Loading, files });
        replacedLoading = true;
      } else {
        message = this.messages.create(target.channel, data, {
          author: this.options.botUser,
          webhookId: this.options.applicationId,
          allowEphemeral: true,
          interaction: this.interactionOrigin(target, { followUp: true }),
        }, files);
        target.followUpIds.push(message.id);
      }
      this.push(target, { kind: 'followup', at: this.options.clock.now(), message: clone(message), replacedLoading });
      return wait ? { status: 200, body: message } : { status: 204 };
    });
  }

  outcome(record: InteractionRecord): InteractionOutcome {
    const original = record.originalMessageId ? this.messages.get(record.originalMessageId) : undefined;
    const hasReply = record.state === 'acknowledged' && record.callbackType !== CallbackType.AutocompleteResult;
    const reply = hasReply && original ? clone(original) : null;
    const followUps = record.followUpIds.map((id) => this.messages.get(id)).filter((m): m is StoredMessage => !!m).map(clone);
    const first = record.events.find((e): e is Extract<InteractionEvent, { kind: 'callback' }> => e.kind === 'callback');
    return {
      id: record.id,
      token: record.token,
      kind: record.kind,
      status: record.state === 'acknowledged' ? 'answered' : record.state,
      callback: first ? { type: first.type, data: first.data } : null,
      reply,
      followUps,
      messages: reply ? [reply, ...followUps] : followUps,
      choices: record.choices ? clone(record.choices) : null,
      deferred: record.callbackType === CallbackType.DeferredChannelMessage || record.callbackType === CallbackType.DeferredUpdate,
      ephemeral: reply ? (reply.flags & MessageFlag.Ephemeral) !== 0 : false,
      events: clone(record.events),
      rejections: clone(record.events.filter((e): e is Extract<InteractionEvent, { kind: 'rejected' }> => e.kind === 'rejected')),
      payload: clone(record.payload),
    };
  }

  /** True once the bot has said all it must: a reply, a filled deferral, or the interaction failed. */
  isAnswered(record: InteractionRecord): 'yes' | 'no' | 'maybe' {
    if (record.state === 'missed') return 'yes';
    if (record.state === 'pending') return 'no';
    const afterCallback = record.events.some((e) => e.kind === 'edit' || e.kind === 'followup' || e.kind === 'delete');
    if (record.callbackType === CallbackType.DeferredChannelMessage) {
      const original = record.originalMessageId ? this.messages.get(record.originalMessageId) : undefined;
      // a deleted "thinking…" with no follow-up yet leaves the user with nothing: a private answer is on its way
      if (!original) return record.events.some((e) => e.kind === 'followup') ? 'yes' : 'no';
      return (original.flags & MessageFlag.Loading) === 0 || afterCallback ? 'yes' : 'no';
    }
    if (record.callbackType === CallbackType.DeferredUpdate) return afterCallback ? 'yes' : 'maybe';
    return 'yes';
  }
}

export interface SettleOptions {
  /** Real milliseconds without new activity before the answer counts as complete. */
  quietMs?: number;
  /** Real milliseconds to wait at most; rejects after. */
  timeoutMs?: number;
}

/** A dispatched interaction: read what happened so far, or wait until the bot has finished answering. */
export class InteractionHandle {
  constructor(
    private readonly record: InteractionRecord,
    private readonly tracker: InteractionTracker,
    private readonly defaults: Required<SettleOptions> & { deferredUpdateQuietMs: number },
  ) {}

  get id(): string {
    return this.record.id;
  }

  get token(): string {
    return this.record.token;
  }

  get payload(): JsonObject {
    return this.record.payload;
  }

  outcome(): InteractionOutcome {
    return this.tracker.outcome(this.record);
  }

  /** Waits for the reply (and a filled deferral), then for `quietMs` of silence so follow-ups land too. */
  settled(options: SettleOptions = {}): Promise<InteractionOutcome> {
    const quietMs = options.quietMs ?? this.defaults.quietMs;
    const timeoutMs = options.timeoutMs ?? this.defaults.timeoutMs;
    return new Promise((resolve, reject) => {
      let quiet: NodeJS.Timeout | undefined;
      const finish = () => {
        cleanup();
        resolve(this.outcome());
      };
      const check = () => {
        const answered = this.tracker.isAnswered(this.record);
        if (this.record.state === 'missed') return finish();
        if (quiet) clearTimeout(quiet);
        quiet = undefined;
        if (this.record.inFlight > 0 || answered === 'no') return;
        const retrying = Math.max(0, this.record.retryUntil - Date.now());
        const wait = answered === 'maybe' ? Math.max(quietMs, this.defaults.deferredUpdateQuietMs) : quietMs;
        quiet = setTimeout(finishIfIdle, retrying + wait);
      };
      const finishIfIdle = () => {
        if (this.record.inFlight > 0 || this.record.retryUntil > Date.now()) check();
        else finish();
      };
      const onEvent = (record: InteractionRecord) => {
        if (record === this.record) check();
      };
      const timeout = setTimeout(() => {
        cleanup();
        const seen = this.record.events.map((e) => e.kind).join(', ') || 'nothing';
        reject(new Error(`interaction ${this.record.id} (${this.record.commandName ?? this.record.kind}) not answered within ${timeoutMs} ms; saw: ${seen}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timeout);
        if (quiet) clearTimeout(quiet);
        this.tracker.off('event', onEvent);
        this.tracker.off('activity', onEvent);
      };
      this.tracker.on('event', onEvent);
      this.tracker.on('activity', onEvent);
      check();
    });
  }

  /** Resolves as soon as the outcome satisfies `predicate` (checked on every bot action). */
  waitFor(predicate: (outcome: InteractionOutcome) => boolean, timeoutMs = this.defaults.timeoutMs): Promise<InteractionOutcome> {
    return new Promise((resolve, reject) => {
      const onEvent = (record: InteractionRecord) => {
        if (record !== this.record) return;
        const outcome = this.outcome();
        if (predicate(outcome)) {
          cleanup();
          resolve(outcome);
        }
      };
      const timeout = setTimeout(() => {
        cleanup();
        reject(new Error(`interaction ${this.record.id}: condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timeout);
        this.tracker.off('event', onEvent);
      };
      this.tracker.on('event', onEvent);
      const now = this.outcome();
      if (predicate(now)) {
        cleanup();
        resolve(now);
      }
    });
  }
}
