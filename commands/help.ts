import type { SlashCommand } from '../src/discord/command.js';
import { langOf, localizations } from '../src/discord/i18n.js';
import { answer } from '../src/discord/respond.js';
import { helpView } from '../src/discord/views/index.js';

const help: SlashCommand = {
  data: localizations({
    name: 'help',
    description: 'What Ringkas can do, and the library in numbers',
    idName: 'bantuan',
    idDescription: 'Apa yang bisa dilakukan Ringkas, dan isi perpustakaannya',
  }),

  async execute(interaction, ctx) {
    const library = ctx.library.current();
    const problemFiles = new Set(library.problems.filter((p) => p.ignored !== true).map((p) => p.file)).size;
    await answer(interaction, helpView(library.stats, problemFiles, langOf(interaction.locale), ctx.config.defaultTimeZone), {
      ephemeral: true,
    });
  },
};

export default help;
