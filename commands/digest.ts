import { ChannelType, SlashCommandBuilder, type ChatInputCommandInteraction, type SlashCommandChannelOption } from 'discord.js';
import { MAX_DIGEST_MESSAGES, MAX_DIGEST_SIZE, suggestTimeZones, type DigestService } from '../src/digest/index.js';
import { defineCommand } from '../src/discord/command.js';
import { localize, type LocalizedPath } from '../src/discord/localizations.js';
import { answer, defer } from '../src/discord/respond.js';
import { UserError } from '../src/discord/user-error.js';
import { nowReply, offReply, outageReply, previewReply, setError, setReply, statusReply } from '../src/discord/views/index.js';
import { langOf, type Lang } from '../src/i18n/index.js';
import type { Logger } from '../src/log.js';
import { StoreUnavailable } from '../src/store/index.js';

const channelOption = (required: boolean, path: LocalizedPath) => (option: SlashCommandChannelOption) =>
  localize(option, path).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement).setRequired(required);

const data = localize(new SlashCommandBuilder(), 'commands.digest')
  .addSubcommand((sub) =>
    localize(sub, 'commands.digest.options.set')
      .addChannelOption(channelOption(true, 'commands.digest.options.set.options.channel'))
      .addStringOption((option) => localize(option, 'commands.digest.options.set.options.schedule').setMaxLength(100).setRequired(true))
      .addStringOption((option) => localize(option, 'commands.digest.options.set.options.timezone').setMaxLength(64).setAutocomplete(true))
      .addIntegerOption((option) => localize(option, 'commands.digest.options.set.options.size').setMinValue(1).setMaxValue(MAX_DIGEST_SIZE))
      .addBooleanOption((option) => localize(option, 'commands.digest.options.set.options.empty_note'))
      .addIntegerOption((option) => localize(option, 'commands.digest.options.set.options.max_messages').setMinValue(1).setMaxValue(MAX_DIGEST_MESSAGES)),
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
  privateAnswers: true,
  // /digest now records the interaction before acknowledging it, so that a crash leaves an answer to finish
  mayDeferFirst: (interaction) => interaction.options.getSubcommand(false) !== 'now',

  async execute(interaction, ctx) {
    const digests = ctx.digests;
    // the router has refused it outside a server already; inGuild() tells TypeScript so
    if (!digests || !interaction.inGuild()) throw new UserError('digest.unavailable');
    const lang = langOf(interaction.locale);
    try {
      await run(interaction, digests, lang, ctx.log);
    } catch (error) {
      // The store is read-only, full or gone: say which, and what the operator must do.
      if (!(error instanceof StoreUnavailable)) throw error;
      ctx.log.error({ err: error, interactionId: interaction.id, cause: error.cause }, 'a /digest request met a store outage');
      await answer(interaction, outageReply(error, lang), { ephemeral: true });
    }
  },

  async autocomplete(interaction) {
    const focused = interaction.options.getFocused(true);
    const zones = focused.name === 'timezone' ? suggestTimeZones(String(focused.value), AUTOCOMPLETE_CHOICES) : [];
    await interaction.respond(zones.map((zone) => ({ name: zone, value: zone })));
  },
});

async function run(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, digests: DigestService, lang: Lang, log: Logger): Promise<void> {
  const { guildId } = interaction;
  const named = interaction.options.getChannel('channel')?.id ?? null;
  const channelId = named ?? interaction.channelId;
  switch (interaction.options.getSubcommand()) {
    case 'set': {
      const result = await digests.configure({
        guildId,
        channelId,
        schedule: interaction.options.getString('schedule', true),
        timeZone: interaction.options.getString('timezone'),
        size: interaction.options.getInteger('size'),
        maxMessages: interaction.options.getInteger('max_messages'),
        postWhenEmpty: interaction.options.getBoolean('empty_note'),
        locale: interaction.guildLocale ?? interaction.locale,
        userId: interaction.user.id,
      });
      log.info({ interactionId: interaction.id, guildId, channelId, ok: result.ok }, 'digest set by a moderator');
      if (!result.ok) throw setError(result.error);
      await answer(interaction, setReply(result.status, lang), { ephemeral: true });
      return;
    }
    case 'off':
      await answer(interaction, offReply(await digests.remove(guildId, channelId), channelId, lang), { ephemeral: true });
      return;
    case 'status':
      await answer(interaction, statusReply(await digests.status(guildId), lang, digests.outage()), { ephemeral: true });
      return;
    case 'now': {
      // With no channel named, a server's only digest is meant wherever the command is typed.
      const target = await digests.chooseChannel(guildId, named, interaction.channelId);
      if (interaction.options.getBoolean('preview') === true) {
        const preview = await digests.preview(guildId, target, interaction.guildLocale ?? interaction.locale);
        await answer(interaction, previewReply(preview, target, lang), { ephemeral: true });
        return;
      }
      // Recorded before it is acknowledged, so that a process that dies meanwhile leaves an answer to finish.
      await digests.accept({
        id: interaction.id,
        applicationId: interaction.applicationId,
        token: interaction.token,
        guildId,
        channelId: interaction.channelId,
        userId: interaction.user.id,
        command: 'digest now',
        locale: interaction.locale,
      });
      await defer(interaction, { ephemeral: true });
      const result = await digests.postNow(guildId, target, { commandId: interaction.id });
      log.info({ interactionId: interaction.id, guildId, channelId: target, status: result.status }, 'digest posted on request');
      await answer(interaction, nowReply(result, target, lang), { ephemeral: true });
      await digests.answered(interaction.id, result.status).catch((error: unknown) => log.warn({ err: error, interactionId: interaction.id }, 'could not note a /digest now answer'));
      return;
    }
  }
}
