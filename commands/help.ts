import { isBroken } from '../src/corpus/article.js';
import { commandCatalog } from '../src/discord/command-catalog.js';
import { defineCommand } from '../src/discord/command.js';
import { langOf } from '../src/i18n/index.js';
import { localizations } from '../src/discord/localizations.js';
import { answer } from '../src/discord/respond.js';
import { helpView } from '../src/discord/views/index.js';

export default defineCommand({
  data: localizations('commands.help'),

  async execute(interaction, ctx) {
    const library = ctx.library.current();
    const problemFiles = new Set(library.problems.filter(isBroken).map((p) => p.file)).size;
    const view = helpView(library.stats, problemFiles, langOf(interaction.locale), ctx.config.defaultTimeZone, await commandCatalog());
    await answer(interaction, view, { ephemeral: true });
  },
});
