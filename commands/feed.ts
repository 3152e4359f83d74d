import { ChannelType, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { MAX_FILTER_CHARS } from '../src/feeds/index.js';
import { defineCommand, type BotContext } from '../src/discord/command.js';
import { localize } from '../src/discord/localizations.js';
import { decodePage, encodePage } from '../src/discord/paging.js';
import { answer, defer, update } from '../src/discord/respond.js';
import { UserError } from '../src/discord/user-error.js';
import { addReply, feedListView, feedPreviewView, removedReply } from '../src/discord/views/feeds.js';
import { clip, Limits } from '../src/discord/views/index.js';
import { langOf, type Lang } from '../src/i18n/index.js';

const data = localize(new SlashCommandBuilder(), 'commands.feed')
  .addSubcommand((sub) =>
    localize(sub, 'commands.feed.options.add')
      .addStringOption((option) => localize(option, 'commands.feed.options.add.options.url').setRequired(true).setMaxLength(1000))
      .addChannelOption((option) =>
        localize(option, 'commands.feed.options.add.options.channel').addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
      )
      .addStringOption((option) => localize(option, 'commands.feed.options.add.options.filter').setMaxLength(MAX_FILTER_CHARS)),
  )
  .addSubcommand((sub) => localize(sub, 'commands.feed.options.list'))
  .addSubcommand((sub) =>
    localize(sub, 'commands.feed.options.remove').addStringOption((option) =>
      localize(option, 'commands.feed.options.remove.options.feed').setRequired(true).setAutocomplete(true).setMaxLength(1000),
    ),
  )
  .addSubcommand((sub) =>
    localize(sub, 'commands.feed.options.test').addStringOption((option) => localize(option, 'commands.feed.options.test.options.url').setRequired(true).setMaxLength(1000)),
  );

const listButtonIds = (askerId: string) => (page: number, direction: 'prev' | 'next') => encodePage('feed', { direction, page, askerId, keys: [] });

/** Where a feed's items go when no channel is named: the server's digest channel when it has one, else this channel. */
async function defaultChannel(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, ctx: BotContext): Promise<string> {
  const digests = (await ctx.digests?.status(interaction.guildId)) ?? [];
  return digests[0]?.channelId ?? interaction.channelId;
}

async function listPage(ctx: BotContext, guildId: string, page: number, askerId: string, lang: Lang) {
  const feeds = ctx.feeds;
  if (!feeds) throw new UserError('feed.unavailable');
  return feedListView({
    listings: await feeds.list(guildId),
    max: feeds.maxPerGuild,
    intervalMinutes: ctx.config.feedPollMinutes,
    page,
    lang,
    pageButtonId: listButtonIds(askerId),
  });
}

export default defineCommand({
  data: data.toJSON(),
  requires: { manageServer: true },
  privateAnswers: true,

  async execute(interaction, ctx) {
    const feeds = ctx.feeds;
    if (!feeds || !interaction.inGuild()) throw new UserError('feed.unavailable');
    const lang = langOf(interaction.locale);
    const { guildId } = interaction;
    switch (interaction.options.getSubcommand()) {
      case 'add': {
        await defer(interaction, { ephemeral: true });
        const url = interaction.options.getString('url', true);
        const named = interaction.options.getChannel('channel')?.id ?? null;
        const outcome = await feeds.add({
          guildId,
          channelId: named ?? (await defaultChannel(interaction, ctx)),
          channelGiven: named !== null,
          url,
          filter: interaction.options.getString('filter'),
          userId: interaction.user.id,
        });
        ctx.log.info({ interactionId: interaction.id, guildId, status: outcome.status, feedId: 'feed' in outcome ? outcome.feed.id : null }, 'feed add');
        await answer(interaction, addReply(outcome, lang, url), { ephemeral: true });
        return;
      }
      case 'list':
        await answer(interaction, await listPage(ctx, guildId, 0, interaction.user.id, lang), { ephemeral: true });
        return;
      case 'remove': {
        const which = interaction.options.getString('feed', true);
        const removed = await feeds.remove(guildId, which);
        ctx.log.info({ interactionId: interaction.id, guildId, feedId: removed?.id ?? null }, 'feed remove');
        await answer(interaction, removedReply(removed, which, lang), { ephemeral: true });
        return;
      }
      case 'test': {
        await defer(interaction, { ephemeral: true });
        const url = interaction.options.getString('url', true);
        const preview = await feeds.preview(url);
        await answer(interaction, feedPreviewView(preview, url, lang, ctx.config.defaultTimeZone), { ephemeral: true });
        return;
      }
    }
  },

  async autocomplete(interaction, ctx) {
    const feeds = ctx.feeds;
    if (!feeds || !interaction.inGuild()) {
      await interaction.respond([]);
      return;
    }
    const found = await feeds.find(interaction.guildId, String(interaction.options.getFocused()));
    await interaction.respond(
      found.slice(0, Limits.choices).map((feed) => ({
        name: clip(`#${feed.id} ${feed.pausedReason === null ? '' : '⏸️ '}${feed.url}`, Limits.choiceName),
        value: String(feed.id),
      })),
    );
  },

  async button(interaction, ctx) {
    const page = decodePage(interaction.customId);
    if (page === null || page.askerId !== interaction.user.id || !interaction.inGuild()) throw new UserError('quotes.notYours');
    await update(interaction, await listPage(ctx, interaction.guildId, page.page, page.askerId, langOf(interaction.locale)));
  },
});
