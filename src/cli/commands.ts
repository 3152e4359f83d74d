import type { CliCommand } from './command.js';

/** Every subcommand, in the order `--help` lists them; a new one is one line here (its module's default export is a CliCommand). */
export const COMMANDS: Readonly<Record<string, () => Promise<{ default: CliCommand }>>> = {
  articles: () => import('./articles.js'),
  summarize: () => import('./summarize.js'),
  quotes: () => import('./quotes.js'),
  search: () => import('./search.js'),
  extract: () => import('./extract.js'),
  feeds: () => import('./feeds.js'),
  backups: () => import('./backups.js'),
};
