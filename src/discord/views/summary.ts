import type { APIEmbed } from 'discord.js';
import type { Article } from '../../corpus/article.js';
import type { Summary } from '../../summarize/index.js';
import { formatDate, t, type Lang } from '../../i18n/index.js';
import { clip, Limits, plain, webUrl } from './limits.js';
import { Colors, type View } from './message.js';
import { summaryParagraphs } from './summary-paragraphs.js';

export interface SummaryViewInput {
  readonly article: Article;
  readonly summary: Summary;
  readonly lang: Lang;
  readonly timeZone: string;
}

/** `outlet · date`, or whichever of the two is known. */
export function bylineOf(article: Article, lang: Lang, timeZone: string): string | null {
  const parts = [article.source, formatDate(lang, article.published, timeZone)].filter((p): p is string => p !== null && p !== '');
  return parts.length === 0 ? null : parts.join(' · ');
}

const PARAGRAPH_BREAK = '\n\n';

/** Packs paragraphs into descriptions of at most `max` characters each, never splitting a paragraph unless it alone is too long. */
function paginateParagraphs(paragraphs: readonly string[], max: number): string[] {
  const pages: string[] = [];
  let current = '';
  for (const raw of paragraphs) {
    const paragraph = clip(raw, max);
    if (paragraph === '') continue;
    const joined = current === '' ? paragraph : `${current}${PARAGRAPH_BREAK}${paragraph}`;
    if (joined.length <= max) current = joined;
    else {
      pages.push(current);
      current = paragraph;
    }
  }
  if (current !== '') pages.push(current);
  return pages;
}

/** The summary embed: title linking to the article, outlet and date, the summary in the article's paragraphs, keywords, and the reduction with the outlet and date. */
export function summaryView({ article, summary, lang, timeZone }: SummaryViewInput): View {
  const title = clip(plain(article.title), Limits.title);
  const byline = bylineOf(article, lang, timeZone);
  const url = webUrl(article.url);
  const keywords = summary.keywords.map(plain).join(' · ');
  const percent = Math.round(summary.reduction * 100);
  const reduced = t(lang, 'summary.reduced', { percent });
  const footer = clip(byline === null ? reduced : `${reduced} · ${byline}`, 300);
  const keywordField = keywords === '' ? [] : [{ name: t(lang, 'summary.keywords'), value: clip(keywords, Limits.fieldValue) }];

  const fixed = title.length + (byline?.length ?? 0) + footer.length + keywordField.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const room = Limits.total - fixed;
  const paragraphs = summaryParagraphs(article.paragraphs, summary.sentences).map((group) => group.map(plain).join(' '));
  let pages = paginateParagraphs(paragraphs, Limits.description);
  let used = 0;
  const kept: string[] = [];
  for (const page of pages) {
    if (used + page.length <= room) {
      kept.push(page);
      used += page.length;
    } else {
      const rest = room - used;
      if (rest > 40) kept.push(clip(page, rest));
      break;
    }
  }
  pages = kept.length > 0 ? kept : [t(lang, 'summary.empty')];

  const first: APIEmbed = {
    color: Colors.brand,
    title,
    ...(url === undefined ? {} : { url }),
    ...(byline === null ? {} : { author: { name: clip(byline, Limits.author) } }),
    description: pages[0] as string,
  };
  const embeds: APIEmbed[] = [first, ...pages.slice(1).map((page) => ({ color: Colors.brand, description: page }))];
  const last = embeds[embeds.length - 1] as APIEmbed;
  if (keywordField.length > 0) last.fields = keywordField;
  last.footer = { text: footer };
  return { embeds };
}
