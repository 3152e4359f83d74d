import type { REST } from '@discordjs/rest';
import { Routes } from 'discord.js';
import type { DeliveryOutcome, DeliveryPort, OutgoingMessage } from '../../digest/index.js';
import { outcomeOf } from './failures.js';

/** The part of @discordjs/rest the digest uses; the bot client's `rest` fits, and so does `new REST({ api }).setToken(token)`. */
export type DigestRest = Pick<REST, 'post'>;

/** Posts digest messages to Discord channels. */
export class DiscordDelivery implements DeliveryPort {
  constructor(private readonly rest: DigestRest) {}

  /**
   * Posts a frozen payload with its nonce and `enforce_nonce`, so a resend returns the message already posted instead of a
   * duplicate. 429s are waited out by the REST client; every failure comes back as an outcome.
   */
  async deliver(message: OutgoingMessage, signal: AbortSignal): Promise<DeliveryOutcome> {
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(message.body) as Record<string, unknown>;
    } catch {
      return { status: 'failed', failure: { kind: 'rejected', detail: 'the recorded message is not a Discord payload' } };
    }
    const body = { ...payload, nonce: message.nonce, enforce_nonce: true };
    // The REST client never removes its abort listener, so each send gets a short-lived signal of its own.
    const request = new AbortController();
    const abort = (): void => request.abort();
    signal.addEventListener('abort', abort, { once: true });
    try {
      const answer = await this.rest.post(Routes.channelMessages(message.channelId), { body, signal: request.signal });
      const id = typeof answer === 'object' && answer !== null && 'id' in answer && typeof answer.id === 'string' ? answer.id : null;
      return { status: 'delivered', messageId: id };
    } catch (error) {
      return outcomeOf(error);
    } finally {
      signal.removeEventListener('abort', abort);
    }
  }
}
