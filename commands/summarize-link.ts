import { ApplicationCommandType } from 'discord.js';
import { defineMessageCommand } from '../src/discord/command.js';
import { answerLink } from '../src/discord/link-answer.js';
import { localizedName } from '../src/discord/localizations.js';
import { UserError } from '../src/discord/user-error.js';
import { firstLink } from '../src/feeds/index.js';
import { SUMMARY_SENTENCES } from '../src/library/index.js';

/** "Apps → Summarize link" on a message: the summary of the first link in it, as /summary url: gives it. */
export default defineMessageCommand({
  data: {
    type: ApplicationCommandType.Message,
    ...localizedName('commands.summarizeLink.name'),
  },

  async execute(interaction, ctx) {
    const message = interaction.targetMessage;
    const url = firstLink(message.content) ?? message.embeds.map((embed) => embed.url).find((u): u is string => typeof u === 'string') ?? null;
    if (url === null) throw new UserError('link.noLink');
    await answerLink(interaction, url, SUMMARY_SENTENCES.default, ctx);
  },
});
