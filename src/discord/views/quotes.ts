import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbedField } from 'discord.js';
import type { Article } from '../../corpus/article.js';
import { formatDate, quantity, t, type Lang } from '../../i18n/index.js';
import { attributionLine, groupByArticle } from '../../quotes/presentation.js';
import { clip, isPlain, Limits, listWithin, packPages, plain } from './limits.js';
import { Colors, type View } from './message.js';

/** What the views need to know of a speaker (the quote finder's SpeakerEntry fits). */
export interface SpeakerSummary {
  readonly name: string;
  /** The role the articles give them most often (`Presiden Rusia`), to tell people of one title apart. */
  readonly role?: string | null;
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
const QUOTE_SEPARATOR = '\n\n';
/** The name of a field that goes on with the quotes of the article above it. */
const CONTINUED = '\u200b';

/** `Title · date`, the heading of an article's quotes. */
function articleHeading(article: Article | undefined, lang: Lang, timeZone: string): string {
  if (article === undefined) return '—';
  const date = formatDate(lang, article.published, timeZone);
  const title = clip(plain(article.title), date === null ? 200 : 180);
  return clip(date === null ? title : `${title} · ${date}`, Limits.fieldName);
}

/** `“…” — Vladimir Putin, Presiden Rusia`: the words, who spoke with their role, and whether only part of it was quoted. */
function quoteLine(item: QuoteItem, attribution: string, partialMarker: string): string {
  const text = clip(plain(item.text), QUOTE_MAX);
  const marker = item.partial ? partialMarker : '';
  return clip(`“${text}”${attribution}${marker}`, Limits.fieldValue);
}

/**
 * The length of quoteLine(item, attribution, partialMarker), counted without building the line when the text needs no
 * escaping and nothing is cut (most quotes): sizing a busy speaker's pages then reads each quote once.
 */
function quoteLineLength(item: QuoteItem, attribution: string, partialMarker: string): number {
  const endsClean = item.partial ? !/\s$/.test(partialMarker) : attribution === '' || !/\s$/.test(attribution);
  if (endsClean && item.text.length <= QUOTE_MAX && isPlain(item.text)) {
    const length = item.text.length + 2 + attribution.length + (item.partial ? partialMarker.length : 0);
    if (length <= Limits.fieldValue) return length;
  }
  return quoteLine(item, attribution, partialMarker).length;
}

/** ` — Vladimir Putin, Presiden Rusia` for each role, made once per speaker's list: a speaker has few roles and many quotes. */
function attributions(speakerName: string): (role: string | null) => string {
  const made = new Map<string | null, string>();
  return (role) => {
    let found = made.get(role);
    if (found === undefined) {
      const who = attributionLine({ speaker: speakerName, role });
      made.set(role, (found = who === null ? '' : ` — ${clip(plain(who), 160)}`));
    }
    return found;
  };
}

interface FormattedQuote {
  readonly articleId: string;
  readonly heading: string;
  readonly line: string;
}

/** One page's quotes grouped by article: the heading once, then its quotes, in as many fields as their length needs. */
function pageFields(page: readonly FormattedQuote[]): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  for (const group of groupByArticle(page, (quote) => quote.articleId)) {
    const chunks = packPages(group.items, Infinity, Limits.fieldValue, (quote) => quote.line.length + QUOTE_SEPARATOR.length);
    chunks.forEach((chunk, index) => {
      const heading = (group.items[0] as FormattedQuote).heading;
      fields.push({ name: index === 0 ? heading : CONTINUED, value: chunk.map((quote) => quote.line).join(QUOTE_SEPARATOR) });
    });
  }
  return fields;
}

const articleCounts = new WeakMap<readonly QuoteItem[], number>();

/** How many articles the quotes come from, counted once per list (a speaker's list is kept, so every page would recount it). */
function articleCount(items: readonly QuoteItem[]): number {
  let count = articleCounts.get(items);
  if (count === undefined) articleCounts.set(items, (count = new Set(items.map((item) => item.article?.id)).size));
  return count;
}

/** A speaker's quotes split into pages: where each page starts, and the pages formatted only when asked for. */
interface QuotePages {
  readonly count: number;
  page(index: number): APIEmbedField[];
}

// a speaker's item list is kept per library, so its split is made once and every Next press is free; only the page
// starts and the pages shown are kept, not every quote formatted (a busy speaker's thousands of lines outlived the
// answer and every young-generation collection copied them)
const pageCache = new WeakMap<readonly QuoteItem[], Map<string, QuotePages>>();

function splitIntoPages(items: readonly QuoteItem[], speakerName: string, lang: Lang, timeZone: string): QuotePages {
  const attribution = attributions(speakerName);
  const partialMarker = ` (${t(lang, 'quotes.partial')})`;
  const format = (item: QuoteItem, heading: string): FormattedQuote => ({ articleId: item.article?.id ?? '', heading, line: quoteLine(item, attribution(item.role), partialMarker) });
  const headings = new Map<Article | undefined, string>();
  const headingOf = (article: Article | undefined): string => {
    let heading = headings.get(article);
    if (heading === undefined) headings.set(article, (heading = articleHeading(article, lang, timeZone)));
    return heading;
  };
  // sized as if every quote had its own heading, so a page fits however its quotes group
  const sizes = items.map((item) => {
    const heading = headingOf(item.article);
    return heading.length + quoteLineLength(item, attribution(item.role), partialMarker) + QUOTE_SEPARATOR.length;
  });
  headings.clear();
  const packed = packPages(
    sizes.map((_, i) => i),
    QUOTES_PER_PAGE,
    FIELDS_BUDGET,
    (i) => sizes[i] as number,
  );
  const starts = Int32Array.from(packed.map((page) => page[0] as number));
  const shown = new Map<number, APIEmbedField[]>();
  return {
    count: starts.length,
    page(index) {
      let fields = shown.get(index);
      if (fields === undefined) {
        const end = index + 1 < starts.length ? (starts[index + 1] as number) : items.length;
        const formatted = items.slice(starts[index], end).map((item) => format(item, articleHeading(item.article, lang, timeZone)));
        shown.set(index, (fields = pageFields(formatted)));
      }
      return fields;
    },
  };
}

function quotePages(items: readonly QuoteItem[], speakerName: string, lang: Lang, timeZone: string): QuotePages {
  let byFormat = pageCache.get(items);
  if (byFormat === undefined) pageCache.set(items, (byFormat = new Map()));
  const key = `${lang}\u0000${timeZone}\u0000${speakerName}`;
  let pages = byFormat.get(key);
  if (pages === undefined) byFormat.set(key, (pages = splitIntoPages(items, speakerName, lang, timeZone)));
  return pages;
}

/** Splits quotes into pages that each fit one message; the split depends only on the quotes, so a page number stays valid. */
export function paginateQuotes(items: readonly QuoteItem[], speakerName: string, lang: Lang, timeZone: string): APIEmbedField[][] {
  const pages = quotePages(items, speakerName, lang, timeZone);
  return Array.from({ length: pages.count }, (_, i) => pages.page(i));
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

/** Previous/Next buttons for page `page` of `pages`. */
export function pageButtons(page: number, pages: number, lang: Lang, id: QuotesViewInput['pageButtonId']): APIActionRowComponent<APIButtonComponent> {
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
  const pages = quotePages(input.items, speaker.name, lang, timeZone);
  const page = Math.min(Math.max(0, input.page), Math.max(0, pages.count - 1));
  const name = clip(plain(speaker.name), 100);
  const title =
    input.article === undefined
      ? t(lang, 'quotes.title', { name })
      : t(lang, 'quotes.titleIn', { name, article: clip(plain(input.article.title), 100) });
  const fields = pages.count === 0 ? [] : pages.page(page);
  const description =
    fields.length === 0
      ? t(lang, 'quotes.none', { name })
      : input.article === undefined
        ? t(lang, 'quotes.count', { quotes: quantity(lang, input.items.length, 'quote'), articles: quantity(lang, articleCount(input.items), 'article') })
        : t(lang, 'quotes.countIn', { quotes: quantity(lang, input.items.length, 'quote') });
  const embed = {
    color: Colors.brand,
    title: clip(title, Limits.title),
    description,
    ...(fields.length > 0 ? { fields } : {}),
    ...(pages.count > 1 ? { footer: { text: t(lang, 'quotes.page', { page: page + 1, pages: pages.count }) } } : {}),
  };
  const components = pages.count > 1 ? [pageButtons(page, pages.count, lang, input.pageButtonId)] : [];
  return { embeds: [embed], components, page, pages: pages.count };
}

/** Speakers offered as a button each, at most one row. */
const PICK_BUTTONS = 5;

/** Counted texts (`12 kutipan`, `… and 3 more`) are made by i18next at some 20 µs each; a list of 25 speakers asks for 50. */
const countedTexts = new Map<string, string>();
const MAX_COUNTED_TEXTS = 4096;

function counted(lang: Lang, kind: 'quote' | 'more', count: number): string {
  const key = `${lang}\u0000${kind}\u0000${count}`;
  let text = countedTexts.get(key);
  if (text === undefined) {
    if (countedTexts.size >= MAX_COUNTED_TEXTS) countedTexts.clear();
    text = kind === 'quote' ? quantity(lang, count, 'quote') : t(lang, 'common.more', { count });
    countedTexts.set(key, text);
  }
  return text;
}

function speakerLines(speakers: readonly SpeakerSummary[], lang: Lang, withRole: boolean): string[] {
  return speakers.map((s) => {
    const who = withRole ? (attributionLine({ speaker: s.name, role: s.role ?? null }) ?? s.name) : s.name;
    return `• ${clip(plain(who), 160)} (${counted(lang, 'quote', s.quoteCount)})`;
  });
}

/** A button per speaker (the first few), whose custom_id `pickButtonId` makes; none without it. */
function pickButtons<S extends SpeakerSummary>(speakers: readonly S[], pickButtonId: ((speaker: S) => string) | undefined): View['components'] {
  if (pickButtonId === undefined || speakers.length === 0) return [];
  const components = speakers.slice(0, PICK_BUTTONS).map(
    (speaker): APIButtonComponent => ({
      type: ComponentType.Button,
      style: ButtonStyle.Primary,
      custom_id: pickButtonId(speaker),
      label: clip(speaker.name, Limits.buttonLabel),
    }),
  );
  return [{ type: ComponentType.ActionRow, components }];
}

/** The speakers to choose from under a title, with a button each for the first few and how to name one. */
function choiceView<S extends SpeakerSummary>(
  title: string,
  heading: string,
  speakers: readonly S[],
  lang: Lang,
  withRole: boolean,
  pickButtonId: ((speaker: S) => string) | undefined,
): View {
  const value = listWithin(speakerLines(speakers, lang, withRole), Limits.fieldValue, (count) => counted(lang, 'more', count));
  const hint = t(lang, pickButtonId === undefined ? 'quotes.nameHint' : 'quotes.pickHint');
  return {
    embeds: [{ color: Colors.warning, title: clip(title, Limits.title), description: hint, fields: [{ name: heading, value }] }],
    components: pickButtons(speakers, pickButtonId),
  };
}

/** An unknown name: the nearest speakers as suggestions (a button each when `pickButtonId` is given), or how to find one. */
export function unknownSpeakerView<S extends SpeakerSummary>(
  query: string,
  suggestions: readonly S[],
  lang: Lang,
  pickButtonId?: (speaker: S) => string,
): View {
  const title = clip(t(lang, 'quotes.unknown', { query: clip(query, 100) }), Limits.title);
  if (suggestions.length === 0) return { embeds: [{ color: Colors.warning, title, description: t(lang, 'quotes.noSuggestions') }] };
  return choiceView(title, t(lang, 'quotes.suggestions'), suggestions, lang, false, pickButtonId);
}

/** A name that fits several speakers (a title such as `Presiden`): the candidates with their roles, to choose from. */
export function ambiguousSpeakerView<S extends SpeakerSummary>(
  query: string,
  candidates: readonly S[],
  lang: Lang,
  pickButtonId?: (speaker: S) => string,
): View {
  const title = t(lang, 'quotes.ambiguous', { query: clip(query, 100) });
  return choiceView(title, t(lang, 'quotes.candidates'), candidates, lang, true, pickButtonId);
}

/** An autocomplete choice for a speaker: the name with its quote count. */
export function speakerChoiceName(speaker: SpeakerSummary, lang: Lang): string {
  const count = ` (${counted(lang, 'quote', speaker.quoteCount)})`;
  return `${clip(speaker.name, Limits.choiceName - count.length)}${count}`;
}
