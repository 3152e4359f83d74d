import { ApplicationCommandOptionType } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { articleChoices } from '../src/discord/articles.js';
import { langOf, localizations, t } from '../src/discord/i18n.js';
import { answer, update } from '../src/discord/respond.js';
import { decodePage, encodePage, keyOf } from '../src/discord/paging.js';
import { articleByKey, speakerByKey, speakerChoices } from '../src/discord/speakers.js';
import { ambiguousSpeakerView, notice, quotesView, unknownSpeakerView } from '../src/discord/views/index.js';

/** Page buttons carry who asked, and which speaker and article, so any page can be rebuilt from the current library. */
function pageButtonIds(askerId: string, speakerId: string, articleId: string | null): (page: number, direction: 'prev' | 'next') => string {
  return (page, direction) => encodePage('quotes', { direction, page, askerId, keys: [keyOf(speakerId), keyOf(articleId)] });
}

const quotes: SlashCommand = {
  data: {
    ...localizations({
      name: 'quotes',
      description: 'What someone said in the news, page by page',
      idName: 'kutipan',
      idDescription: 'Apa yang dikatakan seseorang di berita, per halaman',
    }),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        ...localizations({
          name: 'speaker',
          description: 'Start typing a name',
          idName: 'narasumber',
          idDescription: 'Ketik sebagian nama',
        }),
        required: true,
        autocomplete: true,
        max_length: 100,
      },
      {
        type: ApplicationCommandOptionType.String,
        ...localizations({
          name: 'article',
          description: 'Only quotes from this article',
          idName: 'artikel',
          idDescription: 'Hanya kutipan dari artikel ini',
        }),
        autocomplete: true,
        max_length: 200,
      },
    ],
  },

  async execute(interaction, ctx) {
    const library = ctx.library.current();
    const lang = langOf(interaction.locale);
    const timeZone = ctx.config.defaultTimeZone;
    const query = interaction.options.getString('speaker', true).trim();
    const articleQuery = interaction.options.getString('article');
    const article = articleQuery === null ? undefined : library.findArticle(articleQuery);
    if (articleQuery !== null && article === undefined) {
      await answer(interaction, notice(t(lang, 'quotes.unknownArticle', { query: articleQuery })), { ephemeral: true });
      return;
    }
    const match = library.findSpeaker(query);
    if (match.kind === 'none') {
      await answer(interaction, unknownSpeakerView(query, match.suggestions, lang), { ephemeral: true });
      return;
    }
    if (match.kind === 'ambiguous') {
      await answer(interaction, ambiguousSpeakerView(query, match.candidates, lang), { ephemeral: true });
      return;
    }
    const items = library.quotesBy(match.speaker.id, article?.id);
    const view = quotesView({
      speaker: match.speaker,
      items,
      ...(article === undefined ? {} : { article }),
      page: 0,
      lang,
      timeZone,
      pageButtonId: pageButtonIds(interaction.user.id, match.speaker.id, article?.id ?? null),
    });
    await answer(interaction, view, { ephemeral: items.length === 0 });
  },

  async autocomplete(interaction, ctx) {
    const library = ctx.library.current();
    const lang = langOf(interaction.locale);
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'speaker') {
      await interaction.respond(speakerChoices(library, focused.value, lang));
      return;
    }
    const speakerValue = interaction.options.getString('speaker') ?? '';
    const match = speakerValue.trim() === '' ? undefined : library.findSpeaker(speakerValue);
    const only = match?.kind === 'found' ? library.articlesQuoting(match.speaker.id) : undefined;
    await interaction.respond(articleChoices(library, focused.value, lang, ctx.config.defaultTimeZone, only));
  },

  async button(interaction, ctx) {
    const lang = langOf(interaction.locale);
    const page = decodePage(interaction.customId);
    if (page !== null && page.askerId !== interaction.user.id) {
      await answer(interaction, notice(t(lang, 'quotes.notYours')), { ephemeral: true });
      return;
    }
    const library = ctx.library.current();
    const [speakerKey = '', articleKey = '-'] = page?.keys ?? [];
    const speaker = speakerByKey(library, speakerKey);
    const article = articleKey === '-' ? undefined : articleByKey(library, articleKey);
    if (page === null || speaker === undefined || (articleKey !== '-' && article === undefined)) {
      await answer(interaction, notice(t(lang, 'quotes.stale')), { ephemeral: true });
      return;
    }
    const view = quotesView({
      speaker,
      items: library.quotesBy(speaker.id, article?.id),
      ...(article === undefined ? {} : { article }),
      page: page.page,
      lang,
      timeZone: ctx.config.defaultTimeZone,
      pageButtonId: pageButtonIds(page.askerId, speaker.id, article?.id ?? null),
    });
    await update(interaction, view);
  },
};

export default quotes;
