import type { ChatInputCommandInteraction } from 'discord.js';
import type { Library } from '../library/index.js';
import { langOf, t } from '../i18n/index.js';
import type { BotContext } from './command.js';
import { commandCatalog, localizedInvocation } from './command-catalog.js';
import { UserError } from './user-error.js';

/** Stops a command on an empty library with where articles go: the corpus folder, and feeds once the bot has a /feed add. */
export async function requireArticles(library: Library, interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (library.articles.length > 0) return;
  const lang = langOf(interaction.locale);
  const feedAdd = localizedInvocation(await commandCatalog(), ['feed', 'add'], lang);
  const feeds = feedAdd === null ? '' : t(lang, 'common.emptyCorpusFeeds', { command: feedAdd });
  throw new UserError('common.emptyCorpus', { folder: ctx.config.corpusDir, feeds });
}
