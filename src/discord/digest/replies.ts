import { DiscordAPIError, type REST } from '@discordjs/rest';
import { Routes } from 'discord.js';
import type { CommandReplies, DigestCommandOutcome, WaitingCommand } from '../../digest/index.js';
import { langOf } from '../../i18n/index.js';
import { finishedCommandReply, toPayload } from '../views/index.js';

/** Discord's answers for a webhook whose interaction token ran out or whose message is gone. */
const EXPIRED_STATUSES = new Set([401, 404]);

/**
 * Finishes a deferred `/digest now` answer through the interaction's webhook (its own token, not the bot's): the answer
 * replaces the "thinking…" message, so giving it twice shows it once.
 */
export class DiscordCommandReplies implements CommandReplies {
  constructor(private readonly rest: Pick<REST, 'patch'>) {}

  async finish(command: WaitingCommand, outcome: DigestCommandOutcome): Promise<'answered' | 'expired'> {
    const { content, embeds, components } = toPayload(finishedCommandReply(outcome, langOf(command.locale)));
    try {
      await this.rest.patch(Routes.webhookMessage(command.applicationId, command.token, '@original'), {
        body: { content, embeds, components, allowed_mentions: { parse: [] } },
        auth: false,
      });
      return 'answered';
    } catch (error) {
      if (error instanceof DiscordAPIError && EXPIRED_STATUSES.has(error.status)) return 'expired';
      throw error;
    }
  }
}
