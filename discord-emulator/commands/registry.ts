import type { Clock } from '../../src/clock.js';
import { checkCommand } from './validation.js';
import { Errors, FormErrors, throwIfInvalid } from '../rest/discord-error.js';
import { isObject, type JsonObject } from '../json.js';

export interface StoredCommand {
  id: string;
  application_id: string;
  version: string;
  type: number;
  name: string;
  name_localizations: Record<string, string> | null;
  description: string;
  description_localizations: Record<string, string> | null;
  options?: JsonObject[];
  default_member_permissions: string | null;
  dm_permission: boolean;
  contexts: number[] | null;
  integration_types: number[];
  nsfw: boolean;
  guild_id?: string;
}

/** `global` or a guild id. */
export type CommandScope = string;
export const GLOBAL_SCOPE = 'global';

export interface CommandRegistration {
  scope: CommandScope;
  method: 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  at: number;
  body: unknown;
  commands: StoredCommand[];
}

const DAILY_CREATE_LIMIT = 200;
const MAX_GLOBAL_CHAT_COMMANDS = 100;

function definitionKey(command: StoredCommand): string {
  const { id: _id, version: _version, application_id: _app, guild_id: _guild, ...definition } = command;
  return JSON.stringify(definition);
}

/** Application commands per scope, with Discord's id/version semantics and its daily create limit. */
export class CommandRegistry {
  private readonly scopes = new Map<CommandScope, StoredCommand[]>();
  private readonly dailyCreates = new Map<string, number>();
  readonly registrations: CommandRegistration[] = [];

  constructor(
    private readonly applicationId: string,
    private readonly nextId: () => string,
    private readonly clock: Clock,
  ) {}

  list(scope: CommandScope): StoredCommand[] {
    return [...(this.scopes.get(scope) ?? [])];
  }

  get(scope: CommandScope, id: string): StoredCommand {
    const command = this.scopes.get(scope)?.find((c) => c.id === id);
    if (!command) throw Errors.unknownCommand();
    return command;
  }

  /** Finds the command an interaction would carry: guild commands first, then global ones. */
  resolve(name: string, guildId: string | null, type = 1): StoredCommand | undefined {
    const scopes = guildId ? [guildId, GLOBAL_SCOPE] : [GLOBAL_SCOPE];
    for (const scope of scopes) {
      const found = this.scopes.get(scope)?.find((c) => c.name === name && c.type === type);
      if (found) return found;
    }
    return undefined;
  }

  available(guildId: string | null): StoredCommand[] {
    const guildCommands = guildId ? this.list(guildId) : [];
    const names = new Set(guildCommands.map((c) => `${c.type}:${c.name}`));
    return [...guildCommands, ...this.list(GLOBAL_SCOPE).filter((c) => !names.has(`${c.type}:${c.name}`))];
  }

  overwrite(scope: CommandScope, body: unknown): StoredCommand[] {
    if (!Array.isArray(body)) {
      const errors = new FormErrors();
      errors.add([], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
      throwIfInvalid(errors);
      return [];
    }
    const errors = new FormErrors();
    body.forEach((definition: unknown, index: number) => checkCommand(errors, [index], definition));
    const seen = new Set<string>();
    body.forEach((definition: unknown, index: number) => {
      if (!isObject(definition)) return;
      const key = `${String(definition.type ?? 1)}:${String(definition.name)}`;
      if (seen.has(key)) errors.add([index, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique');
      seen.add(key);
    });
    if (body.filter((d: unknown) => isObject(d) && (d.type ?? 1) === 1).length > MAX_GLOBAL_CHAT_COMMANDS) {
      errors.add([], 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_GLOBAL_CHAT_COMMANDS} or fewer in length.`);
    }
    throwIfInvalid(errors);

    const previous = this.list(scope);
    const definitions = body as JsonObject[];
    const creates = definitions.filter((d) => !this.findByDefinition(previous, d)).length;
    this.consumeCreates(scope, creates);
    const next = definitions.map((definition) => this.store(scope, definition, this.findByDefinition(previous, definition)));
    this.scopes.set(scope, next);
    this.record(scope, 'PUT', body, next);
    return next;
  }

  create(scope: CommandScope, body: unknown): { command: StoredCommand; created: boolean } {
    const errors = new FormErrors();
    checkCommand(errors, [], body);
    throwIfInvalid(errors);
    const definition = body as JsonObject;
    const current = this.list(scope);
    const existing = this.findByDefinition(current, definition);
    if (!existing) this.consumeCreates(scope, 1);
    const command = this.store(scope, definition, existing);
    this.scopes.set(scope, existing ? current.map((c) => (c.id === existing.id ? command : c)) : [...current, command]);
    this.record(scope, 'POST', body, [command]);
    return { command, created: !existing };
  }

  edit(scope: CommandScope, id: string, body: unknown): StoredCommand {
    const existing = this.get(scope, id);
    const merged = { ...existing, ...(isObject(body) ? body : {}) };
    const errors = new FormErrors();
    checkCommand(errors, [], merged);
    throwIfInvalid(errors);
    const command = this.store(scope, merged, existing);
    this.scopes.set(scope, this.list(scope).map((c) => (c.id === id ? command : c)));
    this.record(scope, 'PATCH', body, [command]);
    return command;
  }

  delete(scope: CommandScope, id: string): void {
    const existing = this.get(scope, id);
    this.scopes.set(scope, this.list(scope).filter((c) => c.id !== existing.id));
    this.record(scope, 'DELETE', null, [existing]);
  }

  private findByDefinition(commands: StoredCommand[], definition: JsonObject): StoredCommand | undefined {
    const type = Number(definition.type ?? 1);
    return commands.find((c) => c.name === definition.name && c.type === type);
  }

  private consumeCreates(scope: CommandScope, count: number): void {
    if (count === 0) return;
    const day = new Date(this.clock.now()).toISOString().slice(0, 10);
    const key = `${scope}:${day}`;
    const used = this.dailyCreates.get(key) ?? 0;
    if (used + count > DAILY_CREATE_LIMIT) throw Errors.maxDailyCommandCreates();
    this.dailyCreates.set(key, used + count);
  }

  private store(scope: CommandScope, definition: JsonObject, existing: StoredCommand | undefined): StoredCommand {
    const type = Number(definition.type ?? 1);
    const localizations = (value: unknown) => (isObject(value) ? (value as Record<string, string>) : null);
    const command: StoredCommand = {
      id: existing?.id ?? this.nextId(),
      application_id: this.applicationId,
      version: existing?.version ?? '',
      type,
      name: String(definition.name),
      name_localizations: localizations(definition.name_localizations),
      description: typeof definition.description === 'string' ? definition.description : '',
      description_localizations: localizations(definition.description_localizations),
      ...(Array.isArray(definition.options) && definition.options.length > 0
        ? { options: structuredClone(definition.options) as JsonObject[] }
        : {}),
      default_member_permissions:
        typeof definition.default_member_permissions === 'string' ? definition.default_member_permissions : null,
      dm_permission: definition.dm_permission !== false,
      contexts: Array.isArray(definition.contexts) ? definition.contexts.map(Number) : null,
      integration_types: Array.isArray(definition.integration_types) ? definition.integration_types.map(Number) : [0],
      nsfw: definition.nsfw === true,
      ...(scope === GLOBAL_SCOPE ? {} : { guild_id: scope }),
    };
    command.version = existing && definitionKey(existing) === definitionKey(command) ? existing.version : this.nextId();
    return command;
  }

  private record(scope: CommandScope, method: CommandRegistration['method'], body: unknown, commands: StoredCommand[]): void {
    this.registrations.push({ scope, method, at: this.clock.now(), body: structuredClone(body), commands: structuredClone(commands) });
  }
}
