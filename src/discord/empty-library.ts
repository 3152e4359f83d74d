import type { ChatInputCommandInteraction } from 'discord.js';
import type { Library } from '../library/index.js';
import { langOf, t, type Lang, type Params } from '../i18n/index.js';
import type { BotContext } from './command.js';
import { commandCatalog, localizedInvocation } from './command-catalog.js';
import { UserError } from './user-error.js';

/** Where articles go, for `common.emptyCorpus`: the corpus folder, and feeds once the bot has a /feed add. */
async function whereArticlesGo(lang: Lang, ctx: BotContext): Promise<Params> {
  const feedAdd = localizedInvocation(await commandCatalog(), ['feed', 'add'], lang);
  return { folder: ctx.config.corpusDir, feeds: feedAdd === null ? '' : t(lang, 'common.emptyCorpusFeeds', { command: feedAdd }) };
}

/** The empty library's notice in the reader's language. */
export async function emptyLibraryText(lang: Lang, ctx: BotContext): Promise<string> {
  return t(lang, 'common.emptyCorpus', await whereArticlesGo(lang, ctx));
}

/** Stops a command on an empty library with where articles go. */
export async function requireArticles(library: Library, interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (library.articles.length > 0) return;
  throw new UserError('common.emptyCorpus', await whereArticlesGo(langOf(interaction.locale), ctx));
}
