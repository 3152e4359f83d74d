import { ApplicationCommandOptionType } from 'discord.js';
import { defineCommand } from '../src/discord/command.js';
import { articleChoices } from '../src/discord/articles.js';
import { requireArticles } from '../src/discord/empty-library.js';
import { langOf } from '../src/i18n/index.js';
import { localizations } from '../src/discord/localizations.js';
import { answerLink, answerLinkQuotes, isLinkQuotesButton } from '../src/discord/link-answer.js';
import { answerWithSummary } from '../src/discord/summary-reply.js';
import { UserError } from '../src/discord/user-error.js';
import { SUMMARY_SENTENCES } from '../src/library/limits.js';

export default defineCommand({
  data: {
    ...localizations('commands.summary'),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        ...localizations('commands.summary.options.article'),
        autocomplete: true,
        max_length: 200,
      },
      {
        type: ApplicationCommandOptionType.Integer,
        ...localizations('commands.summary.options.sentences'),
        min_value: SUMMARY_SENTENCES.min,
        max_value: SUMMARY_SENTENCES.max,
      },
      {
        type: ApplicationCommandOptionType.String,
        ...localizations('commands.summary.options.url'),
        max_length: 1000,
      },
    ],
  },

  async execute(interaction, ctx) {
    const url = interaction.options.getString('url');
    if (url !== null) {
      await answerLink(interaction, url, interaction.options.getInteger('sentences') ?? SUMMARY_SENTENCES.default, ctx);
      return;
    }
    const library = ctx.library.current();
    await requireArticles(library, interaction, ctx);
    const query = interaction.options.getString('article');
    const article = library.findArticle(query);
    if (article === undefined) throw new UserError('summary.notFound', { query: query ?? '' });
    const sentences = interaction.options.getInteger('sentences') ?? SUMMARY_SENTENCES.default;
    await answerWithSummary(interaction, { library, article, sentences, timeZone: ctx.config.defaultTimeZone });
  },

  // the quotes under a linked article are answered privately to whoever presses
  sharedButton: isLinkQuotesButton,

  async button(interaction, ctx) {
    if (!isLinkQuotesButton(interaction.customId)) throw new UserError('quotes.stale');
    await answerLinkQuotes(interaction, ctx);
  },

  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    const library = ctx.library.current();
    const lang = langOf(interaction.locale);
    await interaction.respond(focused.name === 'article' ? articleChoices(library, focused.value, lang, ctx.config.defaultTimeZone) : []);
  },
});
