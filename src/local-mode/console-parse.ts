import { isObject, OptionType, type JsonObject, type StoredCommand } from '../../discord-emulator/index.js';
import { consoleTexts } from './console-texts.js';

/** A typed line the console cannot turn into an interaction; its message is for the person typing. */
export class ConsoleInputError extends Error {}

export interface ParsedCommandLine {
  command: StoredCommand;
  /** Subcommand group / subcommand names, as registered (what Discord sends, whatever the locale). */
  path: string[];
  /** Raw typed text per option name, as registered. */
  values: Record<string, string>;
  definitions: JsonObject[];
}

interface Named {
  name?: unknown;
  name_localizations?: unknown;
}

const NAMED = /^([\p{Ll}\p{Lo}\p{N}_'-]+):(.*)$/u;

/** The name Discord shows a person whose client uses `locale`: that localization, else the registered name. */
export function shownName(item: Named, locale: string): string {
  const localized = isObject(item.name_localizations) ? item.name_localizations[locale] : undefined;
  return typeof localized === 'string' && localized !== '' ? localized : String(item.name);
}

/** The shown name, or the registered one (handy when following English instructions in another locale). */
function isNamed(item: Named, typed: string, locale: string): boolean {
  const wanted = typed.toLowerCase();
  return shownName(item, locale).toLowerCase() === wanted || String(item.name).toLowerCase() === wanted;
}

function childrenOf(item: { options?: unknown }): JsonObject[] {
  return Array.isArray(item.options) ? item.options.filter(isObject) : [];
}

const isSubcommand = (option: JsonObject) => option.type === OptionType.Subcommand || option.type === OptionType.SubcommandGroup;

/** Splits on spaces, keeping "double quoted" runs together and dropping the quotes. */
export function tokenize(text: string): string[] {
  return (text.match(/(?:[^\s"]+|"[^"]*"?)+/g) ?? []).map((token) => token.replace(/"/g, ''));
}

/** `/quotes <speaker> [article]` or `/digest set|off`, in the names `locale` shows. */
export function commandUsage(command: StoredCommand, locale: string): string {
  const options = childrenOf(command);
  const name = `/${shownName(command, locale)}`;
  const subcommands = options.filter(isSubcommand);
  if (subcommands.length > 0) return `${name} ${subcommands.map((o) => shownName(o, locale)).join('|')}`;
  return [name, ...options.map((o) => (o.required === true ? `<${shownName(o, locale)}>` : `[${shownName(o, locale)}]`))].join(' ');
}

/**
 * Reads `/name sub option:value …` as a person with `locale` types it (localized names or registered ones).
 * Words after `name:value` extend that value, so `article:Judul panjang` needs no quotes.
 */
export function parseCommandLine(line: string, commands: StoredCommand[], locale = 'en-US'): ParsedCommandLine {
  const texts = consoleTexts(locale);
  const tokens = tokenize(line.trim().replace(/^\//, ''));
  const typed = tokens.shift() ?? '';
  const chatCommands = commands.filter((c) => c.type === 1);
  const help = chatCommands.find((c) => c.name === 'help');
  if (!typed) throw new ConsoleInputError(texts.needCommandAfterSlash(`/${help === undefined ? 'help' : shownName(help, locale)}`));
  const command = chatCommands.find((c) => isNamed(c, typed, locale));
  if (!command) {
    const shown = chatCommands.map((c) => shownName(c, locale));
    const close = shown.filter((name) => name.startsWith(typed.toLowerCase().slice(0, 2)));
    throw new ConsoleInputError(texts.unknownCommand(typed.toLowerCase(), close, shown));
  }
  const path: string[] = [];
  const shownPath = [shownName(command, locale)];
  let level = childrenOf(command);
  while (level.some(isSubcommand)) {
    const next = tokens[0] ?? '';
    const sub = level.find((o) => isNamed(o, next, locale));
    if (!sub) throw new ConsoleInputError(texts.needsSubcommand(shownPath.join(' '), level.map((o) => shownName(o, locale))));
    tokens.shift();
    path.push(String(sub.name));
    shownPath.push(shownName(sub, locale));
    level = childrenOf(sub);
  }
  const definitions = level;
  const values: Record<string, string> = {};
  const positional: string[] = [];
  let current: string | null = null;
  for (const token of tokens) {
    const named = NAMED.exec(token);
    const definition = named ? definitions.find((d) => isNamed(d, named[1] ?? '', locale)) : undefined;
    if (named && definition) {
      current = String(definition.name);
      values[current] = named[2] ?? '';
    } else if (current !== null) {
      values[current] = values[current] ? `${values[current]} ${token}` : token;
    } else positional.push(token);
  }
  if (positional.length > 0) {
    const open = definitions.filter((d) => values[String(d.name)] === undefined);
    const target = open.find((d) => d.required === true) ?? open[0];
    if (!target) {
      const text = positional.join(' ');
      throw new ConsoleInputError(definitions.length === 0 ? texts.takesNoOptions(shownPath.join(' ')) : texts.whichOption(text));
    }
    values[String(target.name)] = positional.join(' ');
  }
  const missing = definitions.find((d) => d.required === true && !values[String(d.name)]);
  if (missing) throw new ConsoleInputError(texts.needsOption(shownPath.join(' '), shownName(missing, locale)));
  return { command, path, values, definitions };
}
