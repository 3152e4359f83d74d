import { ApplicationCommandOptionType } from 'discord.js';
import { defineCommand } from '../src/discord/command.js';
import { langOf } from '../src/i18n/index.js';
import { localizations } from '../src/discord/localizations.js';
import { answer } from '../src/discord/respond.js';
import { UserError } from '../src/discord/user-error.js';
import { searchView } from '../src/discord/views/index.js';

const MAX_HITS = 8;

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
    if (library.articles.length === 0) throw new UserError('common.emptyCorpus');
    const query = interaction.options.getString('query', true).trim();
    const hits = library.search(query, MAX_HITS);
    await answer(interaction, searchView(query, hits, library.articles.length, langOf(interaction.locale), ctx.config.defaultTimeZone), {
      ephemeral: hits.length === 0,
    });
  },
});
