import { ChannelType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type SlashCommandChannelOption } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { localize } from '../src/discord/i18n.js';
import { answer, defer } from '../src/discord/respond.js';
import { digestTexts, MAX_DIGEST_SIZE, nowReply, offReply, previewReply, setReply, statusReply, suggestTimeZones } from '../src/digest/index.js';

const channelOption = (required: boolean, description: string, idDescription: string) => (option: SlashCommandChannelOption) =>
  localize(option, { name: 'channel', description, idName: 'kanal', idDescription })
    .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement)
    .setRequired(required);

const data = localize(new SlashCommandBuilder(), {
  name: 'digest',
  description: 'Post new articles to a channel on a schedule (moderators)',
  idName: 'berita-terjadwal',
  idDescription: 'Kirim artikel baru ke kanal sesuai jadwal (moderator)',
})
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((sub) =>
    localize(sub, {
      name: 'set',
      description: 'Set or change the digest of a channel',
      idName: 'atur',
      idDescription: 'Atur atau ubah ringkasan terjadwal sebuah kanal',
    })
      .addChannelOption(channelOption(true, 'Where the digest is posted', 'Kanal tujuan ringkasan'))
      .addStringOption((option) =>
        localize(option, {
          name: 'schedule',
          description: 'When: 07:00, weekdays 08:30, mon,thu 18:00 or a cron expression',
          idName: 'jadwal',
          idDescription: 'Kapan: 07:00, hari kerja 08:30, senin,kamis 18:00 atau ekspresi cron',
        })
          .setMaxLength(100)
          .setRequired(true),
      )
      .addStringOption((option) =>
        localize(option, {
          name: 'timezone',
          description: 'IANA time zone, e.g. Asia/Jakarta (the default)',
          idName: 'zona-waktu',
          idDescription: 'Zona waktu IANA, mis. Asia/Jakarta (bawaan)',
        })
          .setMaxLength(64)
          .setAutocomplete(true),
      )
      .addIntegerOption((option) =>
        localize(option, {
          name: 'size',
          description: 'Most articles per digest (1–10, default 5)',
          idName: 'jumlah',
          idDescription: 'Jumlah artikel maksimal per ringkasan (1–10, bawaan 5)',
        })
          .setMinValue(1)
          .setMaxValue(MAX_DIGEST_SIZE),
      )
      .addBooleanOption((option) =>
        localize(option, {
          name: 'empty_note',
          description: 'Post a short note when nothing is new (default: post nothing)',
          idName: 'catatan-kosong',
          idDescription: 'Kirim catatan singkat bila tidak ada yang baru (bawaan: tidak mengirim)',
        }),
      ),
  )
  .addSubcommand((sub) =>
    localize(sub, {
      name: 'off',
      description: "Turn a channel's digest off",
      idName: 'matikan',
      idDescription: 'Matikan ringkasan terjadwal sebuah kanal',
    }).addChannelOption(channelOption(false, 'The channel (default: this one)', 'Kanalnya (bawaan: kanal ini)')),
  )
  .addSubcommand((sub) =>
    localize(sub, {
      name: 'status',
      description: "This server's digests: schedules, next runs and problems",
      idName: 'status',
      idDescription: 'Ringkasan terjadwal di server ini: jadwal, waktu berikutnya dan masalah',
    }),
  )
  .addSubcommand((sub) =>
    localize(sub, {
      name: 'now',
      description: "Post a channel's digest now, or preview it",
      idName: 'sekarang',
      idDescription: 'Kirim ringkasan sebuah kanal sekarang, atau lihat pratinjaunya',
    })
      .addChannelOption(channelOption(false, 'The channel (default: this one)', 'Kanalnya (bawaan: kanal ini)'))
      .addBooleanOption((option) =>
        localize(option, {
          name: 'preview',
          description: 'Only show me what would be posted',
          idName: 'pratinjau',
          idDescription: 'Hanya tampilkan apa yang akan dikirim',
        }),
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
