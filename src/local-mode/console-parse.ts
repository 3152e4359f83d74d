import { CommandInputError, invokedOptions } from '../../discord-emulator/commands/options.js';
import { OptionType } from '../../discord-emulator/commands/validation.js';
import type { StoredCommand } from '../../discord-emulator/commands/registry.js';
import { isObject, type JsonObject } from '../../discord-emulator/json.js';

export interface ParsedCommandLine {
  command: StoredCommand;
  /** Subcommand group / subcommand names. */
  path: string[];
  /** Raw typed text per option name. */
  values: Record<string, string>;
  definitions: JsonObject[];
}

const NAMED = /^([\p{Ll}\p{Lo}\p{N}_'-]+):(.*)$/u;

/** Splits on spaces, keeping "double quoted" runs together and dropping the quotes. */
export function tokenize(text: string): string[] {
  return (text.match(/(?:[^\s"]+|"[^"]*"?)+/g) ?? []).map((token) => token.replace(/"/g, ''));
}

/** `/quotes <speaker> [article]` or `/digest set|show|off`. */
export function commandUsage(command: StoredCommand): string {
  const options = Array.isArray(command.options) ? command.options.filter(isObject) : [];
  const subcommands = options.filter((o) => o.type === OptionType.Subcommand || o.type === OptionType.SubcommandGroup);
  if (subcommands.length > 0) return `/${command.name} ${subcommands.map((o) => String(o.name)).join('|')}`;
  return [`/${command.name}`, ...options.map((o) => (o.required === true ? `<${String(o.name)}>` : `[${String(o.name)}]`))].join(' ');
}

/** Words after `name:value` extend that value, so `article:Judul panjang` needs no quotes. */
export function parseCommandLine(line: string, commands: StoredCommand[]): ParsedCommandLine {
  const tokens = tokenize(line.trim().replace(/^\//, ''));
  const name = (tokens.shift() ?? '').toLowerCase();
  if (!name) throw new CommandInputError('type a command after the slash, e.g. /help');
  const command = commands.find((c) => c.type === 1 && c.name === name);
  if (!command) {
    const close = commands.filter((c) => c.name.startsWith(name.slice(0, 2))).map((c) => `/${c.name}`);
    const known = commands.map((c) => `/${c.name}`).join(', ') || 'none registered yet';
    throw new CommandInputError(`unknown command /${name}${close.length > 0 ? ` — did you mean ${close.join(', ')}?` : ''} (commands: ${known})`);
  }
  const path: string[] = [];
  let level = Array.isArray(command.options) ? command.options.filter(isObject) : [];
  while (level.some((o) => o.type === OptionType.Subcommand || o.type === OptionType.SubcommandGroup)) {
    const next = (tokens[0] ?? '').toLowerCase();
    const sub = level.find((o) => String(o.name) === next);
    if (!sub) {
      throw new CommandInputError(`/${[command.name, ...path].join(' ')} needs one of: ${level.map((o) => String(o.name)).join(', ')}`);
    }
    tokens.shift();
    path.push(next);
    level = Array.isArray(sub.options) ? sub.options.filter(isObject) : [];
  }
  const { definitions } = invokedOptions(command, path);
  const names = new Set(definitions.map((d) => String(d.name)));
  const values: Record<string, string> = {};
  const positional: string[] = [];
  let current: string | null = null;
  for (const token of tokens) {
    const named = NAMED.exec(token);
    if (named && names.has(named[1] ?? '')) {
      current = named[1] ?? '';
      values[current] = named[2] ?? '';
    } else if (current !== null) {
      values[current] = values[current] ? `${values[current]} ${token}` : token;
    } else positional.push(token);
  }
  if (positional.length > 0) {
    const open = definitions.filter((d) => values[String(d.name)] === undefined);
    const target = open.find((d) => d.required === true) ?? open[0];
    if (!target) {
      throw new CommandInputError(
        definitions.length === 0 ? `/${command.name} takes no options` : `don't know which option "${positional.join(' ')}" is for — use name:value`,
      );
    }
    values[String(target.name)] = positional.join(' ');
  }
  return { command, path, values, definitions };
}
