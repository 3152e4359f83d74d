import type { REST } from '@discordjs/rest';
import type { CommandReplies, DeliveryPort, DigestFormatter } from '../../digest/index.js';
import { DiscordDelivery, type DigestRest } from './delivery.js';
import { discordDigestFormatter } from './format.js';
import { DiscordCommandReplies } from './replies.js';

export { composeDigest, entryEmbed, noteMessage, DIGEST_DESCRIPTION_LIMIT, type DigestEntry, type DigestLabels, type MessagePayload } from './compose.js';
export { decodeMessage, digestPayloads, discordDigestFormatter } from './format.js';
export { DiscordDelivery, type DigestRest } from './delivery.js';
export { outcomeOf } from './failures.js';
export { DiscordCommandReplies } from './replies.js';

/**
 * The digest service's ports for Discord: how a digest looks, how it is posted (through `rest`), and how the answer of a
 * `/digest now` a stopped process left waiting is finished.
 */
export function discordDigestPorts(rest: DigestRest & Pick<REST, 'patch'>): { formatter: DigestFormatter; delivery: DeliveryPort; replies: CommandReplies } {
  return { formatter: discordDigestFormatter, delivery: new DiscordDelivery(rest), replies: new DiscordCommandReplies(rest) };
}
