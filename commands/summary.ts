import { ApplicationCommandOptionType } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { articleChoices } from '../src/discord/articles.js';
import { langOf, localizations, t } from '../src/discord/i18n.js';
import { answer, defer } from '../src/discord/respond.js';
import { notice, summaryView } from '../src/discord/views/index.js';
import { SUMMARY_SENTENCES } from '../src/library/limits.js';

/** Summaries are memoised, but a first summary of an article this long may take a while: show "thinking…" first. */
const LONG_ARTICLE_CHARS = 20_000;

const summary: SlashCommand = {
  data: {
    ...localizations({
      name: 'summary',
      description: 'Summarise a news article (the newest by default)',
      idName: 'ringkasan',
      idDescription: 'Ringkas sebuah artikel berita (default: yang terbaru)',
    }),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        ...localizations({
          name: 'article',
          description: 'Start typing a title',
          idName: 'artikel',
          idDescription: 'Ketik sebagian judul',
        }),
        autocomplete: true,
        max_length: 200,
      },
      {
        type: ApplicationCommandOptionType.Integer,
        ...localizations({
          name: 'sentences',
          description: 'How many sentences (1–10, default 3)',
          idName: 'kalimat',
          idDescription: 'Berapa kalimat (1–10, default 3)',
        }),
        min_value: SUMMARY_SENTENCES.min,
        max_value: SUMMARY_SENTENCES.max,
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
    const query = interaction.options.getString('article');
    const article = library.findArticle(query);
    if (article === undefined) {
      await answer(interaction, notice(t(lang, 'summary.notFound', { query: query ?? '' })), { ephemeral: true });
      return;
    }
    const sentences = interaction.options.getInteger('sentences') ?? SUMMARY_SENTENCES.default;
    const length = article.paragraphs.reduce((sum, p) => sum + p.length, 0);
    if (length > LONG_ARTICLE_CHARS) await defer(interaction);
    const result = library.summary(article.id, sentences);
    if (result === undefined) {
      await answer(interaction, notice(t(lang, 'summary.notFound', { query: query ?? article.id })), { ephemeral: true });
      return;
    }
    await answer(interaction, summaryView({ article, summary: result, lang, timeZone: ctx.config.defaultTimeZone }));
  },

  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    const library = ctx.library.current();
    const lang = langOf(interaction.locale);
    await interaction.respond(focused.name === 'article' ? articleChoices(library, focused.value, lang, ctx.config.defaultTimeZone) : []);
  },
};

export default summary;
