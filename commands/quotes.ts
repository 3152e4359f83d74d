import { ApplicationCommandOptionType } from 'discord.js';
import { defineCommand } from '../src/discord/command.js';
import { articleChoices } from '../src/discord/articles.js';
import { requireArticles } from '../src/discord/empty-library.js';
import { langOf } from '../src/i18n/index.js';
import { localizations } from '../src/discord/localizations.js';
import { answer, update } from '../src/discord/respond.js';
import { decodePage, encodePage, keyOf } from '../src/discord/paging.js';
import { articleByKey, speakerByKey, speakerChoices } from '../src/discord/speakers.js';
import { UserError } from '../src/discord/user-error.js';
import { ambiguousSpeakerView, quotesView, unknownSpeakerView } from '../src/discord/views/index.js';
import type { SpeakerEntry } from '../src/quotes/index.js';

/** Page buttons carry who asked, and which speaker and article, so any page can be rebuilt from the current library. */
function pageButtonIds(askerId: string, speakerId: string, articleId: string | null): (page: number, direction: 'prev' | 'next') => string {
  return (page, direction) => encodePage('quotes', { direction, page, askerId, keys: [keyOf(speakerId), keyOf(articleId)] });
}

export default defineCommand({
  data: {
    ...localizations('commands.quotes'),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        ...localizations('commands.quotes.options.speaker'),
        required: true,
        autocomplete: true,
        max_length: 100,
      },
      {
        type: ApplicationCommandOptionType.String,
        ...localizations('commands.quotes.options.article'),
        autocomplete: true,
        max_length: 200,
      },
    ],
  },

  async execute(interaction, ctx) {
    const library = ctx.library.current();
    await requireArticles(library, interaction, ctx);
    const lang = langOf(interaction.locale);
    const timeZone = ctx.config.defaultTimeZone;
    const query = interaction.options.getString('speaker', true).trim();
    const articleQuery = interaction.options.getString('article');
    const article = articleQuery === null ? undefined : library.findArticle(articleQuery);
    if (articleQuery !== null && article === undefined) throw new UserError('quotes.unknownArticle', { query: articleQuery });
    const match = library.findSpeaker(query);
    // a chosen name opens that speaker's first page in place of the choice, through the page buttons' handler
    const pick = (speaker: SpeakerEntry): string => pageButtonIds(interaction.user.id, speaker.id, article?.id ?? null)(0, 'next');
    if (match.kind === 'none') {
      await answer(interaction, unknownSpeakerView(query, match.suggestions, lang, pick), { ephemeral: true });
      return;
    }
    if (match.kind === 'ambiguous') {
      await answer(interaction, ambiguousSpeakerView(query, match.candidates, lang, pick), { ephemeral: true });
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
    const page = decodePage(interaction.customId);
    if (page !== null && page.askerId !== interaction.user.id) throw new UserError('quotes.notYours');
    const library = ctx.library.current();
    const [speakerKey = '', articleKey = '-'] = page?.keys ?? [];
    const speaker = speakerByKey(library, speakerKey);
    const article = articleKey === '-' ? undefined : articleByKey(library, articleKey);
    if (page === null || speaker === undefined || (articleKey !== '-' && article === undefined)) throw new UserError('quotes.stale');
    const view = quotesView({
      speaker,
      items: library.quotesBy(speaker.id, article?.id),
      ...(article === undefined ? {} : { article }),
      page: page.page,
      lang: langOf(interaction.locale),
      timeZone: ctx.config.defaultTimeZone,
      pageButtonId: pageButtonIds(page.askerId, speaker.id, article?.id ?? null),
    });
    await update(interaction, view);
  },
});
