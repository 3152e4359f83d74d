import type { APIEmbed } from 'discord.js';
import type { DigestEntry, DigestSource } from '../../digest/index.js';
import { clip, embedLength, escapeMarkdown, Limits, packPages, webUrl } from '../views/limits.js';

/** Longest summary shown per article: keeps a digest embed compact and several per message. */
export const DIGEST_DESCRIPTION_LIMIT = 1200;
const KEYWORDS_LIMIT = 300;
const EMBED_COLOR = 0x2b6cb0;

export interface DigestLabels {
  /** The first message's content, e.g. "📰 Ringkas digest: 3 new articles". */
  readonly header: string;
  /** Footer label before the keywords, e.g. "Keywords". */
  readonly keywords: string;
  /** Name of the field listing the same story from other outlets, e.g. "Also reported by". */
  readonly also?: string;
  /** Renders an article's ISO date for the author line. */
  formatDate(iso: string): string | null;
}

export type { DigestEntry };

/** The body of `POST /channels/{id}/messages`, without the nonce. */
export interface MessagePayload {
  readonly content?: string;
  readonly embeds: APIEmbed[];
  readonly allowed_mentions: { readonly parse: [] };
}

export function entryEmbed(entry: DigestEntry, labels: DigestLabels, descriptionLimit = DIGEST_DESCRIPTION_LIMIT): APIEmbed {
  const embed: APIEmbed = {
    title: clip(entry.title.trim() === '' ? '—' : entry.title, Limits.title),
    color: EMBED_COLOR,
  };
  const url = webUrl(entry.url);
  if (url !== undefined) embed.url = url;
  const date = entry.published === null ? null : labels.formatDate(entry.published);
  const byline = [entry.source, date].filter((part): part is string => part !== null && part.trim() !== '').join(' · ');
  if (byline !== '') embed.author = { name: clip(byline, Limits.author) };
  const summary = entry.summary.map((sentence) => sentence.trim()).filter((s) => s !== '').join(' ');
  if (summary !== '') embed.description = clip(escapeMarkdown(summary), Math.min(descriptionLimit, Limits.description));
  const also = entry.also ?? [];
  if (also.length > 0) {
    embed.fields = [{ name: clip(labels.also ?? '+', Limits.fieldName), value: clip(also.map(sourceLink).join(' · '), Limits.fieldValue) }];
  }
  if (entry.keywords.length > 0) {
    embed.footer = { text: clip(`${labels.keywords}: ${entry.keywords.join(' · ')}`, KEYWORDS_LIMIT) };
  }
  return embed;
}

/** Another outlet's article of the same story: its outlet (else its title) linked to the original when it has an address. */
function sourceLink(source: DigestSource): string {
  const name = escapeMarkdown(clip((source.source ?? source.title).replace(/[[\]]/g, '').trim() || '—', 80));
  const url = webUrl(source.url);
  return url === undefined ? name : `[${name}](${url})`;
}

/**
 * Packs the entries, in order, `perMessage` at most to a message and within Discord's limits (long text may take a
 * message more); the header goes on the first.
 */
export function composeDigest(
  entries: readonly DigestEntry[],
  labels: DigestLabels,
  descriptionLimit = DIGEST_DESCRIPTION_LIMIT,
  perMessage: number = Limits.embeds,
): MessagePayload[] {
  const embeds = entries.map((entry) => entryEmbed(entry, labels, descriptionLimit));
  const step = Math.max(1, Math.min(perMessage, Limits.embeds));
  const pages: APIEmbed[][] = [];
  for (let start = 0; start < embeds.length; start += step) pages.push(...packPages(embeds.slice(start, start + step), Limits.embeds, Limits.total, embedLength));
  const header = clip(labels.header, Limits.content);
  return pages.map((embeds, index) =>
    index === 0 && header !== '' ? { content: header, embeds, allowed_mentions: { parse: [] } } : { embeds, allowed_mentions: { parse: [] } },
  );
}

/** A message with only text, for the optional "nothing new" note. */
export function noteMessage(text: string): MessagePayload {
  return { content: clip(text, Limits.content), embeds: [], allowed_mentions: { parse: [] } };
}
