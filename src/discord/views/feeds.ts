import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { AddFeedOutcome, FeedListing, FeedPreview, PreviewItem } from '../../feeds/index.js';
import { formatDate, formatNumber, isMessageKey, quantity, t, type Lang, type MessageKey } from '../../i18n/index.js';
import { withoutCredentials } from '../../fetch/url-policy.js';
import type { FeedRecord } from '../../store/types.js';
import { clip, Limits, packPages, plain } from './limits.js';
import { Colors, notice, type View } from './message.js';
import { pageButtons } from './quotes.js';

const channelMention = (id: string): string => `<#${id}>`;
const relative = (at: number): string => `<t:${Math.floor(at / 1000)}:R>`;

/** A fetch or parse failure in the reader's words (`web.reasons.<reason>`), or the English message when the reason has no text. */
export function webReason(lang: Lang, reason: string, status: number | null, fallback: string): string {
  const key = `web.reasons.${reason}`;
  return isMessageKey(key) ? t(lang, key as MessageKey, { status: status ?? '?' }) : fallback;
}

/** What /feed add answers. */
export function addReply(outcome: AddFeedOutcome, lang: Lang, url: string): View {
  switch (outcome.status) {
    case 'added': {
      const { feed } = outcome;
      const lines = [
        t(lang, 'feed.added', { title: plain(outcome.title ?? t(lang, 'feed.noTitle')), channel: channelMention(feed.channelId), items: quantity(lang, outcome.items, 'article') }),
      ];
      if (feed.filter !== null) lines.push(t(lang, 'feed.addedFilter', { filter: feed.filter }));
      if (outcome.discoveredFrom !== null) lines.push(t(lang, 'feed.discovered', { url: feed.url }));
      return notice(lines.join('\n'));
    }
    case 'resumed':
      return notice(t(lang, 'feed.resumed', { url: outcome.feed.url, channel: channelMention(outcome.feed.channelId) }));
    case 'exists':
      return notice(t(lang, 'feed.exists', { url: outcome.feed.url, channel: channelMention(outcome.feed.channelId) }));
    case 'too_many':
      return notice(t(lang, 'feed.tooMany', { max: outcome.max }));
    case 'bad_filter':
      return notice(t(lang, `feed.filter.${outcome.error}`, { term: outcome.term, max: 200 }));
    case 'bad_url':
      return notice(t(lang, 'feed.badUrl', { url: clip(withoutCredentials(url), 200), reason: webReason(lang, outcome.reason, null, outcome.message) }));
    case 'unusable':
      return notice(t(lang, 'feed.unusable', { url: clip(withoutCredentials(url), 300), reason: webReason(lang, outcome.reason, outcome.httpStatus, outcome.message) }));
  }
}

function stateLine(feed: FeedRecord, intervalMinutes: number, lang: Lang): string {
  if (feed.pausedReason !== null) return t(lang, `feed.state.paused.${feed.pausedReason}`, { count: feed.consecutiveFailures });
  if (feed.consecutiveFailures > 0) return `${t(lang, 'feed.state.failing', { count: feed.consecutiveFailures })} · ${t(lang, 'feed.list.nextCheck', { when: relative(feed.nextPollAt) })}`;
  return t(lang, 'feed.state.active', { minutes: formatNumber(lang, intervalMinutes) });
}

function feedField({ feed, items }: FeedListing, intervalMinutes: number, lang: Lang): APIEmbedField {
  const lines = [t(lang, 'feed.list.channel', { channel: channelMention(feed.channelId) }), stateLine(feed, intervalMinutes, lang)];
  if (feed.filter !== null) lines.push(t(lang, 'feed.list.filter', { filter: clip(feed.filter, 200) }));
  lines.push(t(lang, 'feed.list.items', { ...items }));
  lines.push(feed.lastPolledAt === null ? t(lang, 'feed.list.neverChecked') : t(lang, 'feed.list.lastChecked', { when: relative(feed.lastPolledAt) }));
  if (feed.lastError !== null && (feed.consecutiveFailures > 0 || feed.pausedReason !== null)) lines.push(t(lang, 'feed.list.problem', { error: clip(plain(feed.lastError), 300) }));
  if (feed.pausedReason !== null) lines.push(t(lang, 'feed.list.resumeHint'));
  return { name: clip(`#${feed.id} · ${feed.url}`, Limits.fieldName), value: clip(lines.join('\n'), Limits.fieldValue) };
}

const FEEDS_PER_PAGE = 8;
const FIELDS_BUDGET = 5000;

export interface FeedListInput {
  readonly listings: readonly FeedListing[];
  readonly max: number;
  readonly intervalMinutes: number;
  readonly page: number;
  readonly lang: Lang;
  readonly pageButtonId: (target: number, direction: 'prev' | 'next') => string;
}

/** /feed list: each feed with its channel, state (and the reason when paused), filter, items and last problem; paged. */
export function feedListView(input: FeedListInput): View {
  const { lang, listings } = input;
  const title = t(lang, 'feed.list.title', { count: listings.length, max: input.max });
  if (listings.length === 0) return { embeds: [{ color: Colors.brand, title, description: t(lang, 'feed.list.none') }] };
  const fields = listings.map((listing) => feedField(listing, input.intervalMinutes, lang));
  const pages = packPages(fields, FEEDS_PER_PAGE, FIELDS_BUDGET, (f) => f.name.length + f.value.length);
  const page = Math.min(Math.max(0, input.page), pages.length - 1);
  const embed: APIEmbed = {
    color: Colors.brand,
    title,
    fields: pages[page] ?? [],
    ...(pages.length > 1 ? { footer: { text: t(lang, 'quotes.page', { page: page + 1, pages: pages.length }) } } : {}),
  };
  return { embeds: [embed], components: pages.length > 1 ? [pageButtons(page, pages.length, lang, input.pageButtonId)] : [] };
}

function previewEmbed(item: PreviewItem, lang: Lang, timeZone: string): APIEmbed {
  const date = formatDate(lang, item.published, timeZone);
  const fields: APIEmbedField[] = [];
  if (item.chars === 0) {
    fields.push({ name: '—', value: clip(t(lang, 'feed.test.noText', { problem: plain(item.pageProblem ?? '') }), Limits.fieldValue) });
  } else {
    const extracted = t(lang, 'feed.test.extracted', { paragraphs: quantity(lang, item.paragraphs, 'paragraph'), chars: formatNumber(lang, item.chars) });
    const from = item.partial ? `\n${t(lang, 'feed.test.fromItem', { problem: plain(item.pageProblem ?? '') })}` : '';
    fields.push({ name: extracted, value: clip(`${plain(item.opening)}${from}`, Limits.fieldValue) });
    if (item.summary.length > 0) fields.push({ name: t(lang, 'feed.test.summary'), value: clip(item.summary.map(plain).join(' '), Limits.fieldValue) });
    fields.push({ name: t(lang, 'link.quotes'), value: quantity(lang, item.quotes, 'quote') });
  }
  const url = item.link ?? undefined;
  return {
    color: item.partial ? Colors.warning : Colors.brand,
    title: clip(plain(item.title ?? '—'), Limits.title),
    ...(url !== undefined && /^https?:\/\//.test(url) && url.length <= Limits.url ? { url } : {}),
    ...(date === null ? {} : { author: { name: date } }),
    fields,
  };
}

/** /feed test: the feed, then its newest items as the poller would read them. */
export function feedPreviewView(preview: FeedPreview, url: string, lang: Lang, timeZone: string): View {
  if (!preview.ok) return notice(t(lang, 'feed.unusable', { url: clip(withoutCredentials(url), 300), reason: webReason(lang, preview.reason, preview.status, preview.message) }));
  const description = [
    t(lang, 'feed.test.description', { format: preview.format.toUpperCase(), items: quantity(lang, preview.itemCount, 'article'), shown: preview.items.length }),
    ...(preview.discoveredFrom === null ? [] : [t(lang, 'feed.discovered', { url: preview.url })]),
    preview.items.length === 0 ? t(lang, 'feed.test.empty') : t(lang, 'feed.addHint', { url: preview.url }),
  ].join('\n');
  const head: APIEmbed = { color: Colors.brand, title: clip(t(lang, 'feed.test.title', { title: plain(preview.title ?? preview.url) }), Limits.title), description };
  return { embeds: [head, ...preview.items.map((item) => previewEmbed(item, lang, timeZone))] };
}

/** /feed remove. */
export function removedReply(feed: FeedRecord | null, query: string, lang: Lang): View {
  return notice(feed === null ? t(lang, 'feed.notFound', { query: clip(query, 200) }) : t(lang, 'feed.removed', { url: feed.url }));
}
