import { InteractionContextType, PermissionFlagsBits } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { langOf, localizations, t } from '../src/discord/i18n.js';
import { answer, defer } from '../src/discord/respond.js';
import { notice, reloadView } from '../src/discord/views/index.js';

const reload: SlashCommand = {
  data: {
    ...localizations({
      name: 'reload',
      description: 'Re-read the article folder (moderators)',
      idName: 'muat-ulang',
      idDescription: 'Baca ulang folder artikel (moderator)',
    }),
    default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
    contexts: [InteractionContextType.Guild],
  },

  async execute(interaction, ctx) {
    const lang = langOf(interaction.locale);
    // default_member_permissions can be overridden by a server's settings, so the handler checks again.
    const moderator = interaction.inGuild() && interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild);
    if (!moderator) {
      await answer(interaction, notice(t(lang, 'reload.refused')), { ephemeral: true });
      return;
    }
    const owners = ctx.config.ownerIds;
    if (owners.length > 0 && !owners.includes(interaction.user.id)) {
      await answer(interaction, notice(t(lang, 'reload.refusedOwner')), { ephemeral: true });
      return;
    }
    await defer(interaction, { ephemeral: true });
    const report = await ctx.library.reload();
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
    await answer(interaction, reloadView(report, lang), { ephemeral: true });
  },
};

export default reload;
