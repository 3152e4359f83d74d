import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { REST } from '@discordjs/rest';
import { Routes, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { Logger } from '../log.js';

export type CommandDefinition = RESTPostAPIApplicationCommandsJSONBody;

export interface RegistrationTarget {
  readonly applicationId: string;
  /** A development guild (commands appear at once), or null for global commands. */
  readonly guildId: string | null;
}

export interface RegistrationOptions {
  readonly log: Logger;
  /** Where the hash of the last registration is kept (in DATA_DIR); null to always ask Discord. */
  readonly stateFile: string | null;
  /** Also tells apart registrations made against different servers (Discord vs a local one). */
  readonly apiBase?: string | null;
  /** Register even when nothing changed. */
  readonly force?: boolean;
}

export type RegistrationResult =
  | { readonly action: 'registered'; readonly scope: string; readonly count: number; readonly hash: string }
  | { readonly action: 'unchanged'; readonly scope: string; readonly count: number; readonly hash: string; readonly checkedWith: 'hash' | 'discord' };

type Rest = Pick<REST, 'get' | 'put'>;

export function scopeOf(target: RegistrationTarget): string {
  return target.guildId === null ? 'global' : `guild:${target.guildId}`;
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

type Json = Record<string, unknown>;

function localizationsOf(value: unknown): Json | null {
  return value !== null && typeof value === 'object' && Object.keys(value).length > 0 ? (value as Json) : null;
}

/** The fields Discord keeps of an option, with its defaults filled in, so a definition and Discord's copy compare equal. */
function normalizeOption(option: Json): Json {
  const options = Array.isArray(option.options) ? (option.options as Json[]).map(normalizeOption) : [];
  const choices = Array.isArray(option.choices)
    ? (option.choices as Json[]).map((c) => ({ name: c.name, value: c.value, name_localizations: localizationsOf(c.name_localizations) }))
    : [];
  return {
    type: option.type,
    name: option.name,
    description: option.description ?? '',
    name_localizations: localizationsOf(option.name_localizations),
    description_localizations: localizationsOf(option.description_localizations),
    required: option.required === true,
    autocomplete: option.autocomplete === true,
    choices,
    options,
    min_value: option.min_value ?? null,
    max_value: option.max_value ?? null,
    min_length: option.min_length ?? null,
    max_length: option.max_length ?? null,
    channel_types: option.channel_types ?? null,
  };
}

function normalizeCommand(command: Json, compareContexts: boolean): Json {
  const permissions = command.default_member_permissions;
  return {
    name: command.name,
    type: command.type ?? 1,
    description: command.description ?? '',
    name_localizations: localizationsOf(command.name_localizations),
    description_localizations: localizationsOf(command.description_localizations),
    default_member_permissions: permissions === undefined || permissions === null ? null : String(permissions),
    nsfw: command.nsfw === true,
    options: Array.isArray(command.options) ? (command.options as Json[]).map(normalizeOption) : [],
    ...(compareContexts ? { contexts: command.contexts ?? null } : {}),
  };
}

function byName(a: Json, b: Json): number {
  return String(a.name).localeCompare(String(b.name));
}

/** Identifies a set of definitions: changes whenever anything Discord would store changes. */
export function definitionsHash(definitions: readonly CommandDefinition[]): string {
  const normalized = definitions.map((d) => normalizeCommand(d as unknown as Json, true)).sort(byName);
  return createHash('sha256').update(stable(normalized)).digest('hex');
}

/** Does Discord already hold exactly these definitions? */
export function sameAsRegistered(definitions: readonly CommandDefinition[], registered: readonly Json[]): boolean {
  if (definitions.length !== registered.length) return false;
  const local = [...definitions].map((d) => d as unknown as Json).sort(byName);
  const remote = [...registered].sort(byName);
  return local.every((command, i) => {
    const other = remote[i];
    const compareContexts = command.contexts !== undefined;
    return other !== undefined && stable(normalizeCommand(command, compareContexts)) === stable(normalizeCommand(other, compareContexts));
  });
}

type State = Record<string, { hash: string; count: number; registeredAt: string }>;

async function readState(file: string): Promise<State> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    return parsed !== null && typeof parsed === 'object' ? (parsed as State) : {};
  } catch {
    return {};
  }
}

async function writeState(file: string, state: State): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`);
  await rename(temporary, file);
}

/**
 * Registers the slash commands only when they changed since the last registration (Discord limits daily creates):
 * first by the hash kept in DATA_DIR, then by comparing with what Discord holds, and only then with one bulk PUT.
 */
export async function registerCommands(
  rest: Rest,
  target: RegistrationTarget,
  definitions: readonly CommandDefinition[],
  options: RegistrationOptions,
): Promise<RegistrationResult> {
  const scope = scopeOf(target);
  const hash = definitionsHash(definitions);
  const key = `${options.apiBase ?? 'discord'}|${target.applicationId}|${scope}`;
  const state = options.stateFile === null ? {} : await readState(options.stateFile);
  const remember = async (): Promise<void> => {
    if (options.stateFile === null) return;
    state[key] = { hash, count: definitions.length, registeredAt: new Date().toISOString() };
    await writeState(options.stateFile, state);
  };
  const route =
    target.guildId === null
      ? Routes.applicationCommands(target.applicationId)
      : Routes.applicationGuildCommands(target.applicationId, target.guildId);

  if (options.force !== true) {
    if (state[key]?.hash === hash) {
      options.log.info({ scope, commands: definitions.length }, 'slash commands unchanged since the last registration');
      return { action: 'unchanged', scope, count: definitions.length, hash, checkedWith: 'hash' };
    }
    const registered = await rest.get(route);
    if (Array.isArray(registered) && sameAsRegistered(definitions, registered as Json[])) {
      await remember();
      options.log.info({ scope, commands: definitions.length }, 'slash commands already registered');
      return { action: 'unchanged', scope, count: definitions.length, hash, checkedWith: 'discord' };
    }
  }
  await rest.put(route, { body: definitions });
  await remember();
  options.log.info({ scope, commands: definitions.length }, 'slash commands registered');
  return { action: 'registered', scope, count: definitions.length, hash };
}
