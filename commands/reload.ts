import { defineCommand } from '../src/discord/command.js';
import { langOf } from '../src/i18n/index.js';
import { localizations } from '../src/discord/localizations.js';
import { answer, defer } from '../src/discord/respond.js';
import { reloadView } from '../src/discord/views/index.js';

export default defineCommand({
  data: localizations('commands.reload'),
  requires: { manageServer: true, owners: true },
  privateAnswers: true,

  async execute(interaction, ctx) {
    await defer(interaction, { ephemeral: true });
    const before = ctx.library.current();
    const report = await ctx.library.reload();
    const after = ctx.library.current();
    ctx.log.info(
      {
        interactionId: interaction.id,
        userId: interaction.user.id,
        ok: report.ok,
        added: report.added.length,
        changed: report.changed.length,
        removed: report.removed.length,
        problems: report.problems.length,
        ms: Math.round(report.durationMs),
      },
      'library reloaded by a moderator',
    );
    const titleOf = (id: string): string => after.get(id)?.title ?? before.get(id)?.title ?? id;
    await answer(interaction, reloadView(report, langOf(interaction.locale), titleOf), { ephemeral: true });
  },
});
