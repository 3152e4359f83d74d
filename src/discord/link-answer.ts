import type { ButtonInteraction, RepliableInteraction } from 'discord.js';
import { feedFetchOptions, LinkReader } from '../feeds/index.js';
import { langOf } from '../i18n/index.js';
import { clampSentences } from '../library/index.js';
import type { BotContext } from './command.js';
import { answer, defer } from './respond.js';
import { UserError } from './user-error.js';
import { linkFailureView, linkQuotesView, linkSummaryView } from './views/link.js';

const defaults = new WeakMap<BotContext, LinkReader>();

/** The context's link reader, or one made from its configuration (kept per context, so its cache lives as long as the bot). */
export function linkReaderOf(ctx: BotContext): LinkReader {
  if (ctx.links !== undefined) return ctx.links;
  let reader = defaults.get(ctx);
  if (reader === undefined) defaults.set(ctx, (reader = new LinkReader({ fetch: feedFetchOptions(ctx.config) })));
  return reader;
}

const QUOTES_BUTTON = 'summary:lq:';

/**
 * Answers with the summary of a linked article: deferred first (a page may take seconds to fetch), then the summary with its
 * quote count and a button to the quotes, or a private answer naming why the link could not be read.
 */
export async function answerLink(interaction: RepliableInteraction, url: string, sentences: number, ctx: BotContext): Promise<void> {
  await defer(interaction);
  const lang = langOf(interaction.locale);
  const result = await linkReaderOf(ctx).read(url);
  if (!result.ok) {
    ctx.log.info({ interactionId: interaction.id, reason: result.reason, status: result.status }, 'link not summarised');
    await answer(interaction, linkFailureView(url, result, lang), { ephemeral: true });
    return;
  }
  const { link } = result;
  const summary = link.library.summary(link.article.id, clampSentences(sentences));
  if (summary === undefined) throw new Error('a linked article has no summary');
  ctx.log.debug({ interactionId: interaction.id, cached: result.cached, partial: link.partial }, 'link summarised');
  await answer(interaction, linkSummaryView({ link, summary, lang, timeZone: ctx.config.defaultTimeZone, quotesButtonId: `${QUOTES_BUTTON}${link.ref}` }));
}

/** Whether a button is a linked article's quotes button (routed to the summary command). */
export const isLinkQuotesButton = (customId: string): boolean => customId.startsWith(QUOTES_BUTTON);

/** The quotes of a linked article, privately to whoever pressed the button. */
export async function answerLinkQuotes(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const link = linkReaderOf(ctx).get(interaction.customId.slice(QUOTES_BUTTON.length));
  if (link === undefined) throw new UserError('link.stale');
  await answer(interaction, linkQuotesView(link, langOf(interaction.locale)), { ephemeral: true });
}
