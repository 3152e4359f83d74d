import type { DeliveryPort, DigestFormatter } from '../../digest/index.js';
import { DiscordDelivery, type DigestRest } from './delivery.js';
import { discordDigestFormatter } from './format.js';

export { composeDigest, entryEmbed, noteMessage, DIGEST_DESCRIPTION_LIMIT, type DigestEntry, type DigestLabels, type MessagePayload } from './compose.js';
export { decodeMessage, digestPayloads, discordDigestFormatter } from './format.js';
export { DiscordDelivery, type DigestRest } from './delivery.js';
export { outcomeOf } from './failures.js';

/** The digest service's two ports for Discord: how a digest looks, and how it is posted (through `rest`). */
export function discordDigestPorts(rest: DigestRest): { formatter: DigestFormatter; delivery: DeliveryPort } {
  return { formatter: discordDigestFormatter, delivery: new DiscordDelivery(rest) };
}
