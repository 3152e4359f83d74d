import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';
import { clip, fitEmbeds, Limits } from './limits.js';

/** A reply as the views build it: already within Discord's limits. */
export interface View {
  readonly content?: string;
  readonly embeds: readonly APIEmbed[];
  readonly components?: readonly APIActionRowComponent<APIButtonComponent>[];
}

export const Colors = {
  brand: 0x1f6f8b,
  success: 0x2e8b57,
  warning: 0xd99a28,
  error: 0xc0392b,
} as const;

/** A short text answer (refusals, errors, cooldowns). */
export function notice(text: string): View {
  return { content: clip(text, Limits.content), embeds: [] };
}

/** Every message the bot sends goes through here: limits enforced and no mention can ping anyone. */
export function toPayload(view: View): {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: { parse: [] };
} {
  const payload = {
    embeds: fitEmbeds(view.embeds),
    components: [...(view.components ?? [])],
    allowedMentions: { parse: [] as [] },
  };
  return view.content === undefined ? payload : { ...payload, content: clip(view.content, Limits.content) };
}
