import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbedField } from 'discord.js';
import type { Article } from '../../corpus/article.js';
import { formatDate, quantity, t, type Lang } from '../../i18n/index.js';
import { clip, Limits, listWithin, packPages, plain } from './limits.js';
import { Colors, type View } from './message.js';

/** What the views need to know of a speaker (the quote finder's SpeakerEntry fits). */
export interface SpeakerSummary {
  readonly name: string;
  readonly quoteCount: number;
  readonly articleCount: number;
}

export interface QuoteItem {
  readonly text: string;
  readonly role: string | null;
  readonly partial: boolean;
  readonly article: Article | undefined;
}

const QUOTES_PER_PAGE = 5;
/** Room for the fields of one page; the title, description and footer take at most the rest of the 6,000. */
const FIELDS_BUDGET = 5000;
const QUOTE_MAX = 900;

function quoteField(item: QuoteItem, lang: Lang, timeZone: string): APIEmbedField {
  const article = item.article;
  const date = article === undefined ? null : formatDate(lang, article.published, timeZone);
  const title = article === undefined ? '—' : clip(plain(article.title), date === null ? 200 : 180);
  const name = date === null ? title : `${title} · ${date}`;
  const text = clip(plain(item.text), QUOTE_MAX);
  const role = item.role === null ? '' : ` — ${clip(plain(item.role), 80)}`;
  const marker = item.partial ? ` (${t(lang, 'quotes.partial')})` : '';
  return { name: clip(name, Limits.fieldName), value: clip(`“${text}”${role}${marker}`, Limits.fieldValue) };
}

// a speaker's item list is kept per library, so its pages are formatted once and every Next press is free
const pageCache = new WeakMap<readonly QuoteItem[], Map<string, APIEmbedField[][]>>();

/** Splits quotes into pages that each fit one message; the split depends only on the quotes, so a page number stays valid. */
export function paginateQuotes(items: readonly QuoteItem[], lang: Lang, timeZone: string): APIEmbedField[][] {
  let byFormat = pageCache.get(items);
  if (byFormat === undefined) pageCache.set(items, (byFormat = new Map()));
  const key = `${lang}\u0000${timeZone}`;
  let pages = byFormat.get(key);
  if (pages === undefined) {
    const fields = items.map((item) => quoteField(item, lang, timeZone));
    pages = packPages(fields, QUOTES_PER_PAGE, FIELDS_BUDGET, (field) => field.name.length + field.value.length);
    byFormat.set(key, pages);
  }
  return pages;
}

export interface QuotesViewInput {
  readonly speaker: SpeakerSummary;
  readonly items: readonly QuoteItem[];
  /** Set when the quotes are limited to one article. */
  readonly article?: Article;
  readonly page: number;
  readonly lang: Lang;
  readonly timeZone: string;
  /** custom_id of the button that opens `target`. */
  readonly pageButtonId: (target: number, direction: 'prev' | 'next') => string;
}

function pageButtons(page: number, pages: number, lang: Lang, id: QuotesViewInput['pageButtonId']): APIActionRowComponent<APIButtonComponent> {
  const button = (direction: 'prev' | 'next', target: number, disabled: boolean): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: id(target, direction),
    label: direction === 'prev' ? `◀ ${t(lang, 'quotes.previous')}` : `${t(lang, 'quotes.next')} ▶`,
    disabled,
  });
  return {
    type: ComponentType.ActionRow,
    components: [button('prev', Math.max(0, page - 1), page <= 0), button('next', Math.min(pages - 1, page + 1), page >= pages - 1)],
  };
}

/** One page of a speaker's quotes, with Previous/Next buttons when there is more than one page. */
export function quotesView(input: QuotesViewInput): View & { page: number; pages: number } {
  const { speaker, lang, timeZone } = input;
  const pages = paginateQuotes(input.items, lang, timeZone);
  const page = Math.min(Math.max(0, input.page), Math.max(0, pages.length - 1));
  const name = clip(plain(speaker.name), 100);
  const title =
    input.article === undefined
      ? t(lang, 'quotes.title', { name })
      : t(lang, 'quotes.titleIn', { name, article: clip(plain(input.article.title), 100) });
  const fields = pages[page] ?? [];
  const description =
    fields.length === 0
      ? t(lang, 'quotes.none', { name })
      : input.article === undefined
        ? t(lang, 'quotes.count', { quotes: quantity(lang, input.items.length, 'quote'), articles: quantity(lang, new Set(input.items.map((item) => item.article?.id)).size, 'article') })
        : t(lang, 'quotes.countIn', { quotes: quantity(lang, input.items.length, 'quote') });
  const embed = {
    color: Colors.brand,
    title: clip(title, Limits.title),
    description,
    ...(fields.length > 0 ? { fields } : {}),
    ...(pages.length > 1 ? { footer: { text: t(lang, 'quotes.page', { page: page + 1, pages: pages.length }) } } : {}),
  };
  const components = pages.length > 1 ? [pageButtons(page, pages.length, lang, input.pageButtonId)] : [];
  return { embeds: [embed], components, page, pages: pages.length };
}

function speakerLines(speakers: readonly SpeakerSummary[], lang: Lang): string[] {
  return speakers.map((s) => `• ${clip(plain(s.name), 100)} (${quantity(lang, s.quoteCount, 'quote')})`);
}

/** An unknown name: the nearest speakers as suggestions, or how to find one. */
export function unknownSpeakerView(query: string, suggestions: readonly SpeakerSummary[], lang: Lang): View {
  const title = clip(t(lang, 'quotes.unknown', { query: clip(query, 100) }), Limits.title);
  if (suggestions.length === 0) return { embeds: [{ color: Colors.warning, title, description: t(lang, 'quotes.noSuggestions') }] };
  const value = listWithin(speakerLines(suggestions, lang), Limits.fieldValue, (count) => t(lang, 'common.more', { count }));
  return { embeds: [{ color: Colors.warning, title, fields: [{ name: t(lang, 'quotes.suggestions'), value }] }] };
}

/** A name that fits several speakers: the candidates to choose from. */
export function ambiguousSpeakerView(query: string, candidates: readonly SpeakerSummary[], lang: Lang): View {
  const title = clip(t(lang, 'quotes.ambiguous', { query: clip(query, 100) }), Limits.title);
  const value = listWithin(speakerLines(candidates, lang), Limits.fieldValue, (count) => t(lang, 'common.more', { count }));
  return { embeds: [{ color: Colors.warning, title, fields: [{ name: t(lang, 'quotes.candidates'), value }] }] };
}

/** An autocomplete choice for a speaker: the name with its quote count. */
export function speakerChoiceName(speaker: SpeakerSummary, lang: Lang): string {
  const count = ` (${quantity(lang, speaker.quoteCount, 'quote')})`;
  return `${clip(speaker.name, Limits.choiceName - count.length)}${count}`;
}
