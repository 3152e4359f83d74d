import { extractArticle, type ExtractedArticle } from '../extract/index.js';
import { fetchUrl, type FetchFailureReason, type FetchOptions } from '../fetch/index.js';

export const PAGE_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';

/** Why a link gave no article: the fetcher's reasons, a feed or other non-page text, or a page with no article text in it. */
export type PageFailureReason = FetchFailureReason | 'not-a-page' | 'no-article';

export type PageResult =
  | { readonly ok: true; readonly article: ExtractedArticle; readonly url: string }
  | {
      readonly ok: false;
      readonly reason: PageFailureReason;
      /** One line for a person, in English (logs). */
      readonly message: string;
      readonly status: number | null;
      readonly retryAfterSeconds: number | null;
    };

export type PageFetcher = (url: string, options: FetchOptions) => ReturnType<typeof fetchUrl>;

/** Fetches a news page and extracts its article (Readability + our cleaning); never throws. */
export async function readArticlePage(url: string, options: FetchOptions, fetcher: PageFetcher = fetchUrl): Promise<PageResult> {
  const fetched = await fetcher(url, { accept: PAGE_ACCEPT, ...options, etag: null, lastModified: null });
  if (!fetched.ok) return { ok: false, reason: fetched.reason, message: fetched.message, status: fetched.status, retryAfterSeconds: fetched.retryAfterSeconds };
  if (fetched.kind === 'not-modified') return { ok: false, reason: 'http-error', message: 'the server answered 304 Not Modified to a plain GET', status: 304, retryAfterSeconds: null };
  if (fetched.textKind !== 'html' && fetched.textKind !== 'text') {
    return { ok: false, reason: 'not-a-page', message: `not a web page (${fetched.contentType ?? fetched.textKind})`, status: fetched.status, retryAfterSeconds: null };
  }
  const article = extractArticle(fetched.text, { url: fetched.url });
  if (article.paragraphs.length === 0) return { ok: false, reason: 'no-article', message: 'the page holds no article text', status: fetched.status, retryAfterSeconds: null };
  return { ok: true, article, url: fetched.url };
}
