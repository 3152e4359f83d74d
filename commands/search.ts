import { ApplicationCommandOptionType } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { langOf, localizations, t } from '../src/discord/i18n.js';
import { answer } from '../src/discord/respond.js';
import { notice, searchView } from '../src/discord/views/index.js';

const MAX_HITS = 8;

const search: SlashCommand = {
  data: {
    ...localizations({
      name: 'search',
      description: 'Find articles matching your words',
      idName: 'cari',
      idDescription: 'Cari artikel yang cocok dengan kata-kata Anda',
    }),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        ...localizations({
          name: 'query',
          description: 'Words to look for, e.g. rudal balistik',
          idName: 'kata',
          idDescription: 'Kata yang dicari, mis. rudal balistik',
        }),
        required: true,
        min_length: 2,
        max_length: 200,
      },
    ],
  },

  async execute(interaction, ctx) {
    const library = ctx.library.current();
    const lang = langOf(interaction.locale);
    if (library.articles.length === 0) {
      await answer(interaction, notice(t(lang, 'emptyCorpus')), { ephemeral: true });
      return;
    }
    const query = interaction.options.getString('query', true).trim();
    const hits = library.search(query, MAX_HITS);
    await answer(interaction, searchView(query, hits, library.articles.length, lang, ctx.config.defaultTimeZone), {
      ephemeral: hits.length === 0,
    });
  },
};

export default search;
