import type { APIEmbed } from 'discord.js';
import { escapeMarkdown, truncateOnWord } from './truncate.js';

/** Discord's limits for one message (see docs/discord-facts.md). */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  authorName: 256,
  footerText: 2048,
  url: 2048,
} as const;

/** Longest summary shown per article: keeps a digest embed compact and several per message. */
export const DIGEST_DESCRIPTION_LIMIT = 1200;
const KEYWORDS_LIMIT = 300;
const EMBED_COLOR = 0x2b6cb0;

export interface DigestEntry {
  readonly title: string;
  readonly url: string | null;
  readonly source: string | null;
  readonly published: string | null;
  readonly summary: readonly string[];
  readonly keywords: readonly string[];
}

export interface DigestLabels {
  /** The first message's content, e.g. "📰 Ringkas digest: 3 new articles". */
  readonly header: string;
  /** Footer label before the keywords, e.g. "Keywords". */
  readonly keywords: string;
  /** Renders an article's ISO date for the author line. */
  formatDate(iso: string): string | null;
}

/** The body of `POST /channels/{id}/messages`, without the nonce. */
export interface MessagePayload {
  readonly content?: string;
  readonly embeds: APIEmbed[];
  readonly allowed_mentions: { readonly parse: [] };
}

function safeUrl(url: string | null): string | undefined {
  if (url === null || url.length > DISCORD_LIMITS.url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** Characters Discord counts toward the 6,000 of a message. */
export function embedLength(embed: APIEmbed): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  total += (embed.author?.name.length ?? 0) + (embed.footer?.text.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

export function entryEmbed(entry: DigestEntry, labels: DigestLabels, descriptionLimit = DIGEST_DESCRIPTION_LIMIT): APIEmbed {
  const embed: APIEmbed = {
    title: truncateOnWord(entry.title.trim() === '' ? '—' : entry.title.trim(), DISCORD_LIMITS.title),
    color: EMBED_COLOR,
  };
  const url = safeUrl(entry.url);
  if (url !== undefined) embed.url = url;
  const date = entry.published === null ? null : labels.formatDate(entry.published);
  const byline = [entry.source, date].filter((part): part is string => part !== null && part.trim() !== '').join(' · ');
  if (byline !== '') embed.author = { name: truncateOnWord(byline, DISCORD_LIMITS.authorName) };
  const summary = entry.summary.map((sentence) => sentence.trim()).filter((s) => s !== '').join(' ');
  if (summary !== '') {
    const limit = Math.min(descriptionLimit, DISCORD_LIMITS.description);
    embed.description = truncateOnWord(escapeMarkdown(summary), limit);
  }
  if (entry.keywords.length > 0) {
    embed.footer = { text: truncateOnWord(`${labels.keywords}: ${entry.keywords.join(' · ')}`, KEYWORDS_LIMIT) };
  }
  return embed;
}

/** Packs the entries, in order, into as few messages as Discord's limits allow; the header goes on the first. */
export function composeDigest(
  entries: readonly DigestEntry[],
  labels: DigestLabels,
  descriptionLimit = DIGEST_DESCRIPTION_LIMIT,
): MessagePayload[] {
  const pages: APIEmbed[][] = [];
  let page: APIEmbed[] = [];
  let pageLength = 0;
  for (const entry of entries) {
    const embed = entryEmbed(entry, labels, descriptionLimit);
    const length = embedLength(embed);
    if (page.length > 0 && (page.length >= DISCORD_LIMITS.embedsPerMessage || pageLength + length > DISCORD_LIMITS.embedTotal)) {
      pages.push(page);
      page = [];
      pageLength = 0;
    }
    page.push(embed);
    pageLength += length;
  }
  if (page.length > 0) pages.push(page);
  const header = truncateOnWord(labels.header, DISCORD_LIMITS.content);
  return pages.map((embeds, index) =>
    index === 0 && header !== '' ? { content: header, embeds, allowed_mentions: { parse: [] } } : { embeds, allowed_mentions: { parse: [] } },
  );
}

/** A message with only text, for the optional "nothing new" note. */
export function noteMessage(text: string): MessagePayload {
  return { content: truncateOnWord(text, DISCORD_LIMITS.content), embeds: [], allowed_mentions: { parse: [] } };
}
