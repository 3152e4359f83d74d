import type { Article } from '../corpus/article.js';
import type { DigestContent, DigestEntry, DigestFormatter, DigestLibrary, DigestSource, FormattedMessage } from './ports.js';
import type { Selection, SelectedEntry } from './select.js';

/** Sentences of summary per article in a digest. */
export const DIGEST_SUMMARY_SENTENCES = 2;

export interface DigestPlan {
  readonly messages: readonly FormattedMessage[];
  /** For each selected entry (same order), the index of the message that carries it. */
  readonly messageOf: readonly number[];
}

/** The outlet an article names, else the host of its address (`www.` dropped), else none. */
export function outletOf(article: Pick<Article, 'source' | 'url'>): string | null {
  if (article.source !== null && article.source.trim() !== '') return article.source;
  if (article.url === null) return null;
  try {
    const host = new URL(article.url).hostname.replace(/^www\./, '');
    return host === '' ? null : host;
  } catch {
    return null;
  }
}

function sourceOf(article: Article): DigestSource {
  return { title: article.title, url: article.url, source: outletOf(article) };
}

function entryFor(entry: SelectedEntry, library: DigestLibrary): DigestEntry {
  const { article } = entry;
  const summary = library.summary(article.id, DIGEST_SUMMARY_SENTENCES);
  const sentences = summary !== undefined && summary.sentences.length > 0 ? summary.sentences : article.paragraphs.slice(0, 1);
  return {
    ...sourceOf(article),
    published: article.published,
    summary: sentences,
    keywords: summary?.keywords ?? [],
    also: entry.also.map((also) => sourceOf(also.article)),
  };
}

export interface PlanOptions {
  readonly locale: string;
  readonly timeZone: string;
  readonly now: number;
  readonly postWhenEmpty: boolean;
  /** Entries per message (the channel's size). */
  readonly perMessage?: number;
}

/** What the selection's digest says: its articles, or a "nothing new" note when the channel wants one. */
export function digestContent(selection: Selection, library: DigestLibrary, options: PlanOptions): DigestContent | null {
  const { locale, timeZone, now: at } = options;
  if (selection.items.length === 0) return options.postWhenEmpty ? { kind: 'nothing_new', locale, timeZone, at } : null;
  const entries = selection.items.map((item) => entryFor(item, library));
  return { kind: 'articles', entries, leftOut: selection.leftOut, perMessage: options.perMessage, locale, timeZone, at };
}

/** Turns a selection into the messages of one digest, shaped by the medium's formatter. */
export function planDigest(selection: Selection, library: DigestLibrary, options: PlanOptions, formatter: DigestFormatter): DigestPlan {
  const content = digestContent(selection, library, options);
  if (content === null) return { messages: [], messageOf: [] };
  const messages = formatter.format(content);
  const messageOf: number[] = [];
  messages.forEach((message, index) => {
    for (let i = 0; i < message.entries; i++) messageOf.push(index);
  });
  if (messageOf.length !== selection.items.length) {
    throw new Error(`the digest formatter placed ${messageOf.length} of ${selection.items.length} articles`);
  }
  return { messages, messageOf };
}
