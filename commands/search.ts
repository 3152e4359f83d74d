import { ApplicationCommandOptionType } from 'discord.js';
import { defineCommand } from '../src/discord/command.js';
import { requireArticles } from '../src/discord/empty-library.js';
import { langOf } from '../src/i18n/index.js';
import { localizations } from '../src/discord/localizations.js';
import { keyOf } from '../src/discord/paging.js';
import { answer } from '../src/discord/respond.js';
import { articleByKey } from '../src/discord/speakers.js';
import { answerWithSummary } from '../src/discord/summary-reply.js';
import { UserError } from '../src/discord/user-error.js';
import { searchView } from '../src/discord/views/index.js';
import { SUMMARY_SENTENCES } from '../src/library/limits.js';

const MAX_HITS = 8;
const SUMMARY_BUTTON = 'search:summary:';

export default defineCommand({
  data: {
    ...localizations('commands.search'),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        ...localizations('commands.search.options.query'),
        required: true,
        min_length: 2,
        max_length: 200,
      },
    ],
  },

  async execute(interaction, ctx) {
    const library = ctx.library.current();
    await requireArticles(library, interaction, ctx);
    const query = interaction.options.getString('query', true).trim();
    const hits = library.search(query, MAX_HITS);
    const view = searchView(query, hits, library.articles.length, langOf(interaction.locale), ctx.config.defaultTimeZone, (hit) =>
      `${SUMMARY_BUTTON}${keyOf(hit.article.id)}`,
    );
    await answer(interaction, view, { ephemeral: hits.length === 0 });
  },

  sharedButton: (customId) => customId.startsWith(SUMMARY_BUTTON),

  /** A hit's Summarize button, pressed by anyone who sees the results: the summary only they see, from the current library. */
  async button(interaction, ctx) {
    if (!interaction.customId.startsWith(SUMMARY_BUTTON)) throw new UserError('common.unknownCommand');
    const library = ctx.library.current();
    const article = articleByKey(library, interaction.customId.slice(SUMMARY_BUTTON.length));
    if (article === undefined) throw new UserError('summary.gone');
    const request = { library, article, sentences: SUMMARY_SENTENCES.default, timeZone: ctx.config.defaultTimeZone };
    await answerWithSummary(interaction, request, { ephemeral: true });
  },
});
