import { ChannelType, SlashCommandBuilder, type SlashCommandChannelOption } from 'discord.js';
import { MAX_DIGEST_SIZE, suggestTimeZones } from '../src/digest/index.js';
import { defineCommand } from '../src/discord/command.js';
import { localize, type LocalizedPath } from '../src/discord/localizations.js';
import { answer, defer } from '../src/discord/respond.js';
import { UserError } from '../src/discord/user-error.js';
import { nowReply, offReply, previewReply, setError, setReply, statusReply } from '../src/discord/views/index.js';
import { langOf } from '../src/i18n/index.js';

const channelOption = (required: boolean, path: LocalizedPath) => (option: SlashCommandChannelOption) =>
  localize(option, path).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement).setRequired(required);

const data = localize(new SlashCommandBuilder(), 'commands.digest')
  .addSubcommand((sub) =>
    localize(sub, 'commands.digest.options.set')
      .addChannelOption(channelOption(true, 'commands.digest.options.set.options.channel'))
      .addStringOption((option) => localize(option, 'commands.digest.options.set.options.schedule').setMaxLength(100).setRequired(true))
      .addStringOption((option) => localize(option, 'commands.digest.options.set.options.timezone').setMaxLength(64).setAutocomplete(true))
      .addIntegerOption((option) => localize(option, 'commands.digest.options.set.options.size').setMinValue(1).setMaxValue(MAX_DIGEST_SIZE))
      .addBooleanOption((option) => localize(option, 'commands.digest.options.set.options.empty_note')),
  )
  .addSubcommand((sub) =>
    localize(sub, 'commands.digest.options.off').addChannelOption(channelOption(false, 'commands.digest.options.off.options.channel')),
  )
  .addSubcommand((sub) => localize(sub, 'commands.digest.options.status'))
  .addSubcommand((sub) =>
    localize(sub, 'commands.digest.options.now')
      .addChannelOption(channelOption(false, 'commands.digest.options.now.options.channel'))
      .addBooleanOption((option) => localize(option, 'commands.digest.options.now.options.preview')),
  );

const AUTOCOMPLETE_CHOICES = 25;

export default defineCommand({
  data: data.toJSON(),
  requires: { manageServer: true },

  async execute(interaction, ctx) {
    const digests = ctx.digests;
    // the router has refused it outside a server already; inGuild() tells TypeScript so
    if (!digests || !interaction.inGuild()) throw new UserError('digest.unavailable');
    const lang = langOf(interaction.locale);
    const { guildId } = interaction;
    const channelId = interaction.options.getChannel('channel')?.id ?? interaction.channelId;
    switch (interaction.options.getSubcommand()) {
      case 'set': {
        const result = digests.configure({
          guildId,
          channelId,
          schedule: interaction.options.getString('schedule', true),
          timeZone: interaction.options.getString('timezone'),
          size: interaction.options.getInteger('size'),
          postWhenEmpty: interaction.options.getBoolean('empty_note'),
          locale: interaction.guildLocale ?? interaction.locale,
          userId: interaction.user.id,
        });
        ctx.log.info({ interactionId: interaction.id, guildId, channelId, ok: result.ok }, 'digest set by a moderator');
        if (!result.ok) throw setError(result.error);
        await answer(interaction, setReply(result.status, lang), { ephemeral: true });
        return;
      }
      case 'off':
        await answer(interaction, offReply(digests.remove(guildId, channelId), channelId, lang), { ephemeral: true });
        return;
      case 'status':
        await answer(interaction, statusReply(digests.status(guildId), lang), { ephemeral: true });
        return;
      case 'now': {
        if (interaction.options.getBoolean('preview') === true) {
          const preview = digests.preview(guildId, channelId, interaction.guildLocale ?? interaction.locale);
          await answer(interaction, previewReply(preview, channelId, lang), { ephemeral: true });
          return;
        }
        await defer(interaction, { ephemeral: true });
        const result = await digests.postNow(guildId, channelId);
        ctx.log.info({ interactionId: interaction.id, guildId, channelId, status: result.status }, 'digest posted on request');
        await answer(interaction, nowReply(result, channelId, lang), { ephemeral: true });
        return;
      }
    }
  },

  async autocomplete(interaction) {
    const focused = interaction.options.getFocused(true);
    const zones = focused.name === 'timezone' ? suggestTimeZones(String(focused.value), AUTOCOMPLETE_CHOICES) : [];
    await interaction.respond(zones.map((zone) => ({ name: zone, value: zone })));
  },
});
