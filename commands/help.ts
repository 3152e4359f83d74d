import { unreadableFileCount } from '../src/corpus/article.js';
import { commandCatalog } from '../src/discord/command-catalog.js';
import { defineCommand } from '../src/discord/command.js';
import { emptyLibraryText } from '../src/discord/empty-library.js';
import { langOf } from '../src/i18n/index.js';
import { localizations } from '../src/discord/localizations.js';
import { answer } from '../src/discord/respond.js';
import { helpView } from '../src/discord/views/index.js';

export default defineCommand({
  data: localizations('commands.help'),
  privateAnswers: true,

  async execute(interaction, ctx) {
    const library = ctx.library.current();
    const lang = langOf(interaction.locale);
    const problemFiles = unreadableFileCount(library.problems);
    const advice = library.articles.length === 0 ? await emptyLibraryText(lang, ctx) : null;
    const view = helpView(library.stats, problemFiles, lang, ctx.config.defaultTimeZone, await commandCatalog(), advice);
    await answer(interaction, view, { ephemeral: true });
  },
});
