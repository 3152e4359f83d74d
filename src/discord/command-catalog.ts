import type { Lang } from '../i18n/index.js';
import { loadCommands } from './registry.js';
import { inLang, type CommandData } from './views/index.js';

let catalog: Promise<readonly CommandData[]> | undefined;

/** The definitions of every command in commands/, read once: /help lists them, notices name the ones that exist. */
export function commandCatalog(): Promise<readonly CommandData[]> {
  catalog ??= loadCommands().then(
    (commands) => commands.map((command) => command.data),
    (error: unknown) => {
      catalog = undefined;
      throw error;
    },
  );
  return catalog;
}

/** `/feed add` as the reader's client shows it, when the bot has that command and subcommand; null otherwise. */
export function localizedInvocation(commands: readonly CommandData[], path: readonly [string, ...string[]], lang: Lang): string | null {
  const [name, ...rest] = path;
  const command = commands.find((c) => c.name === name);
  if (command === undefined) return null;
  const words = [inLang(command.name_localizations, command.name, lang)];
  let options = command.options ?? [];
  for (const part of rest) {
    const option = options.find((o) => o.name === part);
    if (option === undefined) return null;
    words.push(inLang(option.name_localizations, option.name, lang));
    options = 'options' in option && option.options !== undefined ? option.options : [];
  }
  return `/${words.join(' ')}`;
}
