import { ButtonStyle, ComponentType, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { LinkArticle } from '../../feeds/index.js';
import { quantity, t, type Lang } from '../../i18n/index.js';
import { withoutCredentials } from '../../fetch/url-policy.js';
import type { Summary } from '../../summarize/index.js';
import { webReason } from './feeds.js';
import { clip, Limits, plain } from './limits.js';
import { Colors, notice, type View } from './message.js';
import { summaryView } from './summary.js';

export interface LinkSummaryInput {
  readonly link: LinkArticle;
  readonly summary: Summary;
  readonly lang: Lang;
  readonly timeZone: string;
  /** custom_id of the "See the quotes" button. */
  readonly quotesButtonId: string;
}

/** The summary of a linked article, as /summary shows one, with its quote count and a button to see the quotes. */
export function linkSummaryView({ link, summary, lang, timeZone, quotesButtonId }: LinkSummaryInput): View {
  const base = summaryView({ article: link.article, summary, lang, timeZone });
  const quotes = link.library.quotesIn(link.article.id).length;
  const embeds = base.embeds.map((embed) => ({ ...embed }));
  const last = embeds[embeds.length - 1] as APIEmbed;
  const quoteField: APIEmbedField = { name: t(lang, 'link.quotes'), value: t(lang, 'link.quotesCount', { quotes: quantity(lang, quotes, 'quote') }), inline: true };
  last.fields = [...(last.fields ?? []), quoteField];
  last.footer = { text: t(lang, 'link.footer', { percent: Math.round(summary.reduction * 100) }) };
  if (link.partial) last.description = clip(`${last.description ?? ''}\n\n*${t(lang, 'link.partial')}*`, Limits.description);
  const components =
    quotes === 0
      ? []
      : [
          {
            type: ComponentType.ActionRow as const,
            components: [{ type: ComponentType.Button as const, style: ButtonStyle.Secondary as const, custom_id: quotesButtonId, label: `💬 ${t(lang, 'link.quotesButton')} (${quotes})` }],
          },
        ];
  return { embeds, components };
}

const QUOTE_FIELDS = 20;

/** The quotes of a linked article: who said what, in reading order. */
export function linkQuotesView(link: LinkArticle, lang: Lang): View {
  const quotes = link.library.quotesIn(link.article.id);
  const title = clip(t(lang, 'link.quotesTitle', { title: plain(link.article.title) }), Limits.title);
  if (quotes.length === 0) return { embeds: [{ color: Colors.brand, title, description: t(lang, 'link.noQuotes') }] };
  const fields = quotes.slice(0, QUOTE_FIELDS).map((quote): APIEmbedField => {
    const speaker = quote.speaker === null ? t(lang, 'link.unknownSpeaker') : plain(quote.speaker);
    const role = quote.role === null ? '' : ` — ${plain(quote.role)}`;
    return { name: clip(`${speaker}${role}`, Limits.fieldName), value: clip(`“${plain(quote.text)}”`, 600) };
  });
  const more = quotes.length > QUOTE_FIELDS ? t(lang, 'common.more', { count: quotes.length - QUOTE_FIELDS }) : undefined;
  return { embeds: [{ color: Colors.brand, title, fields, ...(more === undefined ? {} : { footer: { text: more } }) }] };
}

/** Why a link could not be summarised, naming the link and the reason. */
export function linkFailureView(url: string, failure: { readonly reason: string; readonly status: number | null; readonly message: string }, lang: Lang): View {
  return notice(t(lang, 'link.failed', { url: `<${clip(withoutCredentials(url), 500)}>`, reason: webReason(lang, failure.reason, failure.status, failure.message) }));
}
