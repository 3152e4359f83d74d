import type { APIEmbed, APIEmbedField } from 'discord.js';
import { clip } from '../../text/clip.js';

export { clip };

/** Discord's message limits (UTF-16 length is never below the code-point count Discord measures, so it is the safe unit). */
export const Limits = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  total: 6000,
  customId: 100,
  buttonLabel: 80,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  url: 2048,
} as const;

/** Escapes Discord markdown so article text shows as written: no bold, spoilers, code, links, headings, quotes, subtext or lists. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_~`|[\]]/g, '\\$&')
    .replace(/^(\s*)([#>+-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(?=\s|$)/gm, '$1\\.');
}

/** What plain() would change: markdown, whitespace other than single spaces, a line-start marker or a digit (a list number). */
const NOT_PLAIN = /[\\*_~`|[\]]|[^\S ]| {2}|^[\s#>+\-\d]|\s$/;

/** Whether plain() would give the text back as it is. */
export function isPlain(text: string): boolean {
  return !NOT_PLAIN.test(text);
}

/** Text from articles shown as plain text on one line. */
export function plain(text: string): string {
  // most article text needs none of the four replacements: one test instead of four passes
  if (!NOT_PLAIN.test(text)) return text;
  return escapeMarkdown(text.replace(/\s+/g, ' ').trim());
}

/** The URL as Discord should get it (http or https, normalised, within its length limit), or undefined. */
export function webUrl(url: string | null | undefined): string | undefined {
  if (url === null || url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    return parsed.href.length <= Limits.url ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** The characters of an embed that count towards Discord's 6,000 per message. */
export function embedLength(embed: APIEmbed): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  total += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

export function messageLength(embeds: readonly APIEmbed[]): number {
  return embeds.reduce((sum, embed) => sum + embedLength(embed), 0);
}

function fitField(field: APIEmbedField): APIEmbedField {
  const name = clip(field.name, Limits.fieldName) || '\u200b';
  const value = clip(field.value, Limits.fieldValue) || '\u200b';
  return field.inline === undefined ? { name, value } : { name, value, inline: field.inline };
}

function fitEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = clip(out.title, Limits.title);
  if (out.description !== undefined) out.description = clip(out.description, Limits.description);
  if (out.author !== undefined) out.author = { ...out.author, name: clip(out.author.name, Limits.author) };
  if (out.footer !== undefined) out.footer = { ...out.footer, text: clip(out.footer.text, Limits.footer) };
  if (out.fields !== undefined) out.fields = out.fields.slice(0, Limits.fields).map(fitField);
  const url = webUrl(out.url);
  if (url === undefined) delete out.url;
  else out.url = url;
  if (out.author !== undefined) {
    const authorUrl = webUrl(out.author.url);
    if (authorUrl === undefined) delete out.author.url;
    else out.author.url = authorUrl;
  }
  return out;
}

/**
 * The last guard every message passes: each text within its limit, at most 10 embeds and 6,000 characters in all.
 * Views are built to fit already; this only ever trims what a view got wrong, longest texts first.
 */
export function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const out = embeds.slice(0, Limits.embeds).map(fitEmbed);
  let excess = messageLength(out) - Limits.total;
  while (excess > 0) {
    let longest: { embed: APIEmbed; field?: APIEmbedField; length: number } | undefined;
    for (const embed of out) {
      const description = embed.description?.length ?? 0;
      if (description > (longest?.length ?? 0)) longest = { embed, length: description };
      for (const field of embed.fields ?? []) {
        if (field.value.length > (longest?.length ?? 0)) longest = { embed, field, length: field.value.length };
      }
    }
    if (longest === undefined || longest.length <= 1) {
      out.pop();
      if (out.length === 0) break;
      excess = messageLength(out) - Limits.total;
      continue;
    }
    const target = Math.max(1, longest.length - excess);
    if (longest.field !== undefined) longest.field.value = clip(longest.field.value, target) || '\u200b';
    else longest.embed.description = clip(longest.embed.description ?? '', target);
    excess = messageLength(out) - Limits.total;
  }
  return out;
}

/** Splits items, in order, into pages of at most `maxItems` whose sizes add up to at most `maxSize`; an item too big alone gets a page of its own. */
export function packPages<T>(items: readonly T[], maxItems: number, maxSize: number, sizeOf: (item: T) => number): T[][] {
  const pages: T[][] = [];
  let page: T[] = [];
  let used = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (page.length > 0 && (page.length >= maxItems || used + size > maxSize)) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(item);
    used += size;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/** Joins list items into one value of at most `max` characters, ending with “… and N more” when some do not fit. */
export function listWithin(items: readonly string[], max: number, more: (count: number) => string, separator = '\n'): string {
  const kept: string[] = [];
  let length = 0;
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i] as string;
    const tail = i + 1 < items.length ? more(items.length - i - 1) : '';
    const added = (kept.length > 0 ? separator.length : 0) + item.length;
    const reserve = i + 1 < items.length ? separator.length + tail.length : 0;
    if (length + added + reserve > max) {
      const rest = more(items.length - i);
      return kept.length === 0 ? clip(rest, max) : clip(`${kept.join(separator)}${separator}${rest}`, max);
    }
    kept.push(item);
    length += added;
  }
  return kept.join(separator);
}
