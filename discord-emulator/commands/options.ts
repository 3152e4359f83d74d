import { apiChannel, apiMember, apiRole, apiUser } from '../world/api-shapes.js';
import type { StoredCommand } from './registry.js';
import { OptionType } from './validation.js';
import { isObject, type JsonObject } from '../json.js';
import type { LocalGuild, World } from '../world/world.js';

export type OptionValue = string | number | boolean;
export type OptionValues = Record<string, OptionValue | null | undefined>;

/** A person (or test) asked for something Discord's client would never send. */
export class CommandInputError extends Error {}

export interface BuiltOptions {
  options: JsonObject[];
  resolved?: JsonObject;
  /** The option definitions of the (sub)command that was invoked. */
  definitions: JsonObject[];
}

function definitionsOf(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function optionName(option: JsonObject): string {
  return String(option.name);
}

/** Walks `digest set` style paths to the option list of the invoked subcommand. */
export function invokedOptions(command: StoredCommand, path: string[]): { definitions: JsonObject[]; chain: JsonObject[] } {
  let definitions = definitionsOf(command.options);
  const chain: JsonObject[] = [];
  for (const name of path) {
    const next = definitions.find(
      (o) => optionName(o) === name && (o.type === OptionType.Subcommand || o.type === OptionType.SubcommandGroup),
    );
    if (!next) throw new CommandInputError(`/${command.name} has no subcommand "${name}"`);
    chain.push(next);
    definitions = definitionsOf(next.options);
  }
  const needsMore = definitions.some((o) => o.type === OptionType.Subcommand || o.type === OptionType.SubcommandGroup);
  if (needsMore) {
    const names = definitions.map(optionName).join(', ');
    throw new CommandInputError(`/${[command.name, ...path].join(' ')} needs a subcommand: ${names}`);
  }
  return { definitions, chain };
}

function parseBoolean(raw: OptionValue): boolean {
  if (typeof raw === 'boolean') return raw;
  const text = String(raw).trim().toLowerCase();
  if (['true', 'yes', 'ya', 'y', '1', 'on'].includes(text)) return true;
  if (['false', 'no', 'tidak', 'n', '0', 'off'].includes(text)) return false;
  throw new CommandInputError(`"${String(raw)}" is not true or false`);
}

function parseNumber(raw: OptionValue, integer: boolean, name: string): number {
  const value = typeof raw === 'number' ? raw : Number(String(raw).trim());
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new CommandInputError(`option ${name} needs ${integer ? 'a whole number' : 'a number'}, got "${String(raw)}"`);
  }
  return value;
}

function matchChoice(definition: JsonObject, value: OptionValue): OptionValue {
  const choices = definitionsOf(definition.choices);
  if (choices.length === 0) return value;
  const text = String(value).toLowerCase();
  const names = (choice: JsonObject) => [choice.name, ...(isObject(choice.name_localizations) ? Object.values(choice.name_localizations) : [])];
  const found = choices.find((c) => String(c.value).toLowerCase() === text || names(c).some((name) => String(name).toLowerCase() === text));
  if (!found) {
    const names = choices.map((c) => String(c.name)).join(', ');
    throw new CommandInputError(`option ${optionName(definition)} must be one of: ${names}`);
  }
  return found.value as OptionValue;
}

function checkRange(definition: JsonObject, value: OptionValue): void {
  const name = optionName(definition);
  if (typeof value === 'number') {
    if (typeof definition.min_value === 'number' && value < definition.min_value) {
      throw new CommandInputError(`option ${name} must be at least ${definition.min_value}`);
    }
    if (typeof definition.max_value === 'number' && value > definition.max_value) {
      throw new CommandInputError(`option ${name} must be at most ${definition.max_value}`);
    }
  } else if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof definition.min_length === 'number' && length < definition.min_length) {
      throw new CommandInputError(`option ${name} needs at least ${definition.min_length} characters`);
    }
    if (typeof definition.max_length === 'number' && length > definition.max_length) {
      throw new CommandInputError(`option ${name} allows at most ${definition.max_length} characters`);
    }
  }
}

class ResolvedBuilder {
  private readonly data: Record<string, Record<string, JsonObject>> = {};

  constructor(private readonly world: World, private readonly guild: LocalGuild, private readonly viewerId: string) {}

  user(ref: string): string {
    const user = this.world.findUser(ref);
    if (!user) throw new CommandInputError(`unknown user "${ref}"`);
    (this.data.users ??= {})[user.id] = apiUser(user);
    const member = this.world.member(this.guild, user.id);
    if (member) {
      const { user: _user, ...partial } = apiMember(this.world, member, this.world.basePermissions(this.guild, user.id));
      (this.data.members ??= {})[user.id] = partial;
    }
    return user.id;
  }

  channel(ref: string, definition: JsonObject): string {
    const channel = this.world.findChannel(ref, this.guild.id);
    if (!channel) throw new CommandInputError(`unknown channel "${ref}"`);
    const allowedTypes = Array.isArray(definition.channel_types) ? definition.channel_types.map(Number) : null;
    if (allowedTypes && !allowedTypes.includes(channel.type)) {
      throw new CommandInputError(`#${channel.name} is not a channel type option ${optionName(definition)} accepts`);
    }
    (this.data.channels ??= {})[channel.id] = {
      ...apiChannel(channel),
      permissions: this.world.channelPermissions(channel, this.viewerId).toString(),
    };
    return channel.id;
  }

  role(ref: string): string {
    const role = this.world.findRole(this.guild, ref);
    if (!role) throw new CommandInputError(`unknown role "${ref}"`);
    (this.data.roles ??= {})[role.id] = apiRole(role, this.world.botUser.id);
    return role.id;
  }

  mentionable(ref: string): string {
    return this.world.findRole(this.guild, ref) ? this.role(ref) : this.user(ref);
  }

  build(): JsonObject | undefined {
    return Object.keys(this.data).length > 0 ? this.data : undefined;
  }
}

function convert(definition: JsonObject, raw: OptionValue, resolved: ResolvedBuilder): OptionValue {
  const name = optionName(definition);
  switch (definition.type) {
    case OptionType.String:
      return matchChoice(definition, String(raw));
    case OptionType.Integer:
      return matchChoice(definition, parseNumber(raw, true, name));
    case OptionType.Number:
      return matchChoice(definition, parseNumber(raw, false, name));
    case OptionType.Boolean:
      return parseBoolean(raw);
    case OptionType.User:
      return resolved.user(String(raw));
    case OptionType.Channel:
      return resolved.channel(String(raw), definition);
    case OptionType.Role:
      return resolved.role(String(raw));
    case OptionType.Mentionable:
      return resolved.mentionable(String(raw));
    default:
      throw new CommandInputError(`option ${name} has a type the local server cannot fill (${String(definition.type)})`);
  }
}

function convertLeniently(definition: JsonObject, raw: OptionValue, resolved: ResolvedBuilder): OptionValue {
  try {
    return convert(definition, raw, resolved);
  } catch {
    return String(raw);
  }
}

/** Discord's client checks required options, choices, ranges and channel types before sending; so do we. */
export function buildOptions(
  world: World,
  guild: LocalGuild,
  viewerId: string,
  command: StoredCommand,
  path: string[],
  values: OptionValues,
  focused?: string,
): BuiltOptions {
  const { definitions, chain } = invokedOptions(command, path);
  const resolved = new ResolvedBuilder(world, guild, viewerId);
  for (const name of Object.keys(values)) {
    if (!definitions.some((d) => optionName(d) === name)) {
      const known = definitions.map(optionName).join(', ') || 'none';
      throw new CommandInputError(`/${[command.name, ...path].join(' ')} has no option "${name}" (options: ${known})`);
    }
  }
  if (focused !== undefined) {
    const target = definitions.find((d) => optionName(d) === focused);
    if (!target) throw new CommandInputError(`no option "${focused}" to autocomplete`);
    if (target.autocomplete !== true) throw new CommandInputError(`option ${focused} does not use autocomplete`);
  }
  const options: JsonObject[] = [];
  for (const definition of definitions) {
    const name = optionName(definition);
    const raw = values[name];
    if (name === focused) {
      options.push({ name, type: definition.type, value: raw === undefined || raw === null ? '' : String(raw), focused: true });
      continue;
    }
    if (raw === undefined || raw === null || raw === '') {
      if (definition.required === true && focused === undefined) {
        throw new CommandInputError(`/${[command.name, ...path].join(' ')} needs option ${name}`);
      }
      continue;
    }
    if (focused !== undefined) {
      options.push({ name, type: definition.type, value: convertLeniently(definition, raw, resolved) });
      continue;
    }
    const value = convert(definition, raw, resolved);
    checkRange(definition, value);
    options.push({ name, type: definition.type, value });
  }
  let nested = options;
  for (const link of [...chain].reverse()) nested = [{ name: optionName(link), type: link.type, options: nested }];
  const resolvedData = resolved.build();
  return { options: nested, definitions, ...(resolvedData ? { resolved: resolvedData } : {}) };
}
