import { ChannelType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { answer, defer } from '../src/discord/respond.js';
import { digestTexts, MAX_DIGEST_SIZE, nowReply, offReply, previewReply, setReply, statusReply, suggestTimeZones } from '../src/digest/index.js';

const channelOption = (required: boolean, en: string, id: string) => (option: import('discord.js').SlashCommandChannelOption) =>
  option
    .setName('channel')
    .setNameLocalizations({ 'en-US': 'channel', id: 'kanal' })
    .setDescription(en)
    .setDescriptionLocalizations({ 'en-US': en, id })
    .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement)
    .setRequired(required);

const data = new SlashCommandBuilder()
  .setName('digest')
  .setNameLocalizations({ 'en-US': 'digest', id: 'berita-terjadwal' })
  .setDescription('Post new articles to a channel on a schedule (moderators)')
  .setDescriptionLocalizations({
    'en-US': 'Post new articles to a channel on a schedule (moderators)',
    id: 'Kirim artikel baru ke kanal sesuai jadwal (moderator)',
  })
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((sub) =>
    sub
      .setName('set')
      .setNameLocalizations({ 'en-US': 'set', id: 'atur' })
      .setDescription('Set or change the digest of a channel')
      .setDescriptionLocalizations({ 'en-US': 'Set or change the digest of a channel', id: 'Atur atau ubah ringkasan terjadwal sebuah kanal' })
      .addChannelOption(channelOption(true, 'Where the digest is posted', 'Kanal tujuan ringkasan'))
      .addStringOption((option) =>
        option
          .setName('schedule')
          .setNameLocalizations({ 'en-US': 'schedule', id: 'jadwal' })
          .setDescription('When: 07:00, weekdays 08:30, mon,thu 18:00 or a cron expression')
          .setDescriptionLocalizations({
            'en-US': 'When: 07:00, weekdays 08:30, mon,thu 18:00 or a cron expression',
            id: 'Kapan: 07:00, hari kerja 08:30, senin,kamis 18:00 atau ekspresi cron',
          })
          .setMaxLength(100)
          .setRequired(true),
      )
      .addStringOption((option) =>
        option
          .setName('timezone')
          .setNameLocalizations({ 'en-US': 'timezone', id: 'zona-waktu' })
          .setDescription('IANA time zone, e.g. Asia/Jakarta (the default)')
          .setDescriptionLocalizations({ 'en-US': 'IANA time zone, e.g. Asia/Jakarta (the default)', id: 'Zona waktu IANA, mis. Asia/Jakarta (bawaan)' })
          .setMaxLength(64)
          .setAutocomplete(true),
      )
      .addIntegerOption((option) =>
        option
          .setName('size')
          .setNameLocalizations({ 'en-US': 'size', id: 'jumlah' })
          .setDescription('Most articles per digest (1–10, default 5)')
          .setDescriptionLocalizations({ 'en-US': 'Most articles per digest (1–10, default 5)', id: 'Jumlah artikel maksimal per ringkasan (1–10, bawaan 5)' })
          .setMinValue(1)
          .setMaxValue(MAX_DIGEST_SIZE),
      )
      .addBooleanOption((option) =>
        option
          .setName('empty_note')
          .setNameLocalizations({ 'en-US': 'empty_note', id: 'catatan-kosong' })
          .setDescription('Post a short note when nothing is new (default: post nothing)')
          .setDescriptionLocalizations({
            'en-US': 'Post a short note when nothing is new (default: post nothing)',
            id: 'Kirim catatan singkat bila tidak ada yang baru (bawaan: tidak mengirim)',
          }),
      ),
  )
  .addSubcommand((sub) =>
    sub
      .setName('off')
      .setNameLocalizations({ 'en-US': 'off', id: 'matikan' })
      .setDescription("Turn a channel's digest off")
      .setDescriptionLocalizations({ 'en-US': "Turn a channel's digest off", id: 'Matikan ringkasan terjadwal sebuah kanal' })
      .addChannelOption(channelOption(false, 'The channel (default: this one)', 'Kanalnya (bawaan: kanal ini)')),
  )
  .addSubcommand((sub) =>
    sub
      .setName('status')
      .setNameLocalizations({ 'en-US': 'status', id: 'status' })
      .setDescription("This server's digests: schedules, next runs and problems")
      .setDescriptionLocalizations({
        'en-US': "This server's digests: schedules, next runs and problems",
        id: 'Ringkasan terjadwal di server ini: jadwal, waktu berikutnya dan masalah',
      }),
  )
  .addSubcommand((sub) =>
    sub
      .setName('now')
      .setNameLocalizations({ 'en-US': 'now', id: 'sekarang' })
      .setDescription("Post a channel's digest now, or preview it")
      .setDescriptionLocalizations({ 'en-US': "Post a channel's digest now, or preview it", id: 'Kirim ringkasan sebuah kanal sekarang, atau lihat pratinjaunya' })
      .addChannelOption(channelOption(false, 'The channel (default: this one)', 'Kanalnya (bawaan: kanal ini)'))
      .addBooleanOption((option) =>
        option
          .setName('preview')
          .setNameLocalizations({ 'en-US': 'preview', id: 'pratinjau' })
          .setDescription('Only show me what would be posted')
          .setDescriptionLocalizations({ 'en-US': 'Only show me what would be posted', id: 'Hanya tampilkan apa yang akan dikirim' }),
      ),
  );

const AUTOCOMPLETE_CHOICES = 25;

const digest: SlashCommand = {
  data: data.toJSON(),

  async execute(interaction, ctx) {
    const texts = digestTexts(interaction.locale);
    if (!interaction.inGuild()) {
      await answer(interaction, { content: texts.guildOnly(), embeds: [] }, { ephemeral: true });
      return;
    }
    // default_member_permissions can be overridden by a server's settings, so the handler checks again.
    if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
      await answer(interaction, { content: texts.notModerator(), embeds: [] }, { ephemeral: true });
      return;
    }
    const digests = ctx.digests;
    if (!digests) {
      await answer(interaction, { content: texts.unavailable(), embeds: [] }, { ephemeral: true });
      return;
    }
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
        await answer(interaction, setReply(result, channelId, texts), { ephemeral: true });
        return;
      }
      case 'off':
        await answer(interaction, offReply(digests.remove(guildId, channelId), channelId, texts), { ephemeral: true });
        return;
      case 'status':
        await answer(interaction, statusReply(digests.status(guildId), texts), { ephemeral: true });
        return;
      case 'now': {
        if (interaction.options.getBoolean('preview') === true) {
          await answer(interaction, previewReply(digests.preview(guildId, channelId, interaction.guildLocale ?? interaction.locale), channelId, texts), { ephemeral: true });
          return;
        }
        await defer(interaction, { ephemeral: true });
        const result = await digests.postNow(guildId, channelId);
        ctx.log.info({ interactionId: interaction.id, guildId, channelId, status: result.status }, 'digest posted on request');
        await answer(interaction, nowReply(result, channelId, texts), { ephemeral: true });
        return;
      }
    }
  },

  async autocomplete(interaction) {
    const focused = interaction.options.getFocused(true);
    const zones = focused.name === 'timezone' ? suggestTimeZones(String(focused.value), AUTOCOMPLETE_CHOICES) : [];
    await interaction.respond(zones.map((zone) => ({ name: zone, value: zone })));
  },
};

export default digest;
