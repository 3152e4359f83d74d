import type { Article } from '../corpus/article.js';
import { composeDigest, noteMessage, type DigestEntry, type MessagePayload } from './compose.js';
import { digestTexts, formatDateInZone, type DigestTexts } from './messages.js';
import type { SelectedArticle, Selection } from './select.js';
import type { DigestLibrary } from './source.js';

/** Sentences of summary per article in a digest. */
export const DIGEST_SUMMARY_SENTENCES = 2;

export interface DigestPlan {
  readonly payloads: readonly MessagePayload[];
  /** For each selected article (same order), the index of the message that carries it. */
  readonly messageOf: readonly number[];
}

function entryFor(article: Article, library: DigestLibrary): DigestEntry {
  const summary = library.summary(article.id, DIGEST_SUMMARY_SENTENCES);
  const sentences = summary !== undefined && summary.sentences.length > 0 ? summary.sentences : article.paragraphs.slice(0, 1);
  return {
    title: article.title,
    url: article.url,
    source: article.source,
    published: article.published,
    summary: sentences,
    keywords: summary?.keywords ?? [],
  };
}

export interface PlanOptions {
  readonly locale: string;
  readonly timeZone: string;
  readonly now: number;
  readonly postWhenEmpty: boolean;
}

/** Turns a selection into the messages of one digest, each within Discord's limits. */
export function planDigest(selection: Selection, library: DigestLibrary, options: PlanOptions): DigestPlan {
  const texts: DigestTexts = digestTexts(options.locale);
  if (selection.items.length === 0) {
    return options.postWhenEmpty ? { payloads: [noteMessage(texts.nothingNew())], messageOf: [] } : { payloads: [], messageOf: [] };
  }
  const entries = selection.items.map((item: SelectedArticle) => entryFor(item.article, library));
  const payloads = composeDigest(entries, {
    header: texts.digestHeader(entries.length, selection.leftOut, formatDateInZone(options.now, options.timeZone, texts)),
    keywords: texts.keywords(),
    formatDate: (iso) => {
      const at = Date.parse(iso);
      return Number.isNaN(at) ? null : formatDateInZone(at, options.timeZone, texts, true);
    },
  });
  const messageOf: number[] = [];
  payloads.forEach((payload, index) => {
    for (let i = 0; i < payload.embeds.length; i++) messageOf.push(index);
  });
  return { payloads, messageOf };
}
