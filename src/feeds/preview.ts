import type { FetchOptions } from '../fetch/index.js';
import { SUMMARY_SENTENCES } from '../library/index.js';
import { articleFile } from './article-file.js';
import { checkFeed, type FeedCheck } from './check.js';
import { readArticlePage } from './page.js';
import { standaloneArticle } from './standalone.js';

export interface PreviewItem {
  readonly title: string | null;
  readonly link: string | null;
  readonly published: string | null;
  /** The article came from the item's own text, not from its page. */
  readonly partial: boolean;
  /** Why the page gave no article (null when it did). */
  readonly pageProblem: string | null;
  readonly paragraphs: number;
  readonly chars: number;
  /** The opening of the extracted text. */
  readonly opening: string;
  readonly summary: readonly string[];
  readonly quotes: number;
}

export type FeedPreview =
  | {
      readonly ok: true;
      readonly url: string;
      readonly discoveredFrom: string | null;
      readonly title: string | null;
      readonly format: string;
      readonly itemCount: number;
      readonly items: readonly PreviewItem[];
    }
  | Extract<FeedCheck, { ok: false }>;

/** What /feed test shows: the newest items, each as the poller would read it (page, extraction, summary); nothing is stored. */
export async function previewFeed(url: string, options: FetchOptions, count = 3): Promise<FeedPreview> {
  const checked = await checkFeed(url, options);
  if (!checked.ok) return checked;
  const { feed } = checked;
  const items: PreviewItem[] = [];
  for (const item of feed.items.slice(0, count)) {
    const page = item.link === null ? null : await readArticlePage(item.link, options);
    const file = articleFile(item, page?.ok === true ? page.article : null, { title: feed.title, link: feed.link, url: checked.url });
    const pageProblem = page === null ? 'no link' : page.ok ? null : page.message;
    if (file === null) {
      items.push({ title: item.title, link: item.link, published: item.published, partial: true, pageProblem, paragraphs: 0, chars: 0, opening: '', summary: [], quotes: 0 });
      continue;
    }
    const { record } = file;
    const { article, library } = standaloneArticle(`preview-${item.id}`, record);
    items.push({
      title: article.title,
      link: record.url,
      published: record.published,
      partial: record.partial,
      pageProblem,
      paragraphs: record.paragraphs.length,
      chars: record.paragraphs.reduce((sum, p) => sum + p.length, 0),
      opening: record.paragraphs[0] ?? '',
      summary: library.summary(article.id, SUMMARY_SENTENCES.default)?.sentences ?? [],
      quotes: library.quotesIn(article.id).length,
    });
  }
  return { ok: true, url: checked.url, discoveredFrom: checked.discoveredFrom, title: feed.title, format: feed.format, itemCount: feed.items.length, items };
}
