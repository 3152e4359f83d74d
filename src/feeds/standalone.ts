import type { Article } from '../corpus/article.js';
import { contentHash } from '../corpus/hash.js';
import { CorpusSnapshot } from '../corpus/index.js';
import { displayTitle } from '../corpus/title.js';
import { buildLibrary, type Library } from '../library/index.js';

/** What a standalone article is made of: an extracted page, or a feed item's article file. */
export interface ArticleParts {
  readonly title: string | null;
  readonly published: string | null;
  readonly source: string | null;
  readonly url: string | null;
  readonly city: string | null;
  readonly category?: string | null;
  readonly paragraphs: readonly string[];
}

/** An article outside the corpus (a link someone asked about, a feed previewed), in a library of its own: its summary and quotes. */
export interface StandaloneArticle {
  readonly article: Article;
  readonly library: Library;
}

/** Analyses one article on its own, through the same library code as the corpus (nothing is written anywhere). */
export function standaloneArticle(id: string, parts: ArticleParts): StandaloneArticle {
  const title = parts.title ?? displayTitle(parts.paragraphs);
  const article: Article = {
    id,
    title,
    published: parts.published,
    source: parts.source,
    url: parts.url,
    city: parts.city,
    category: parts.category ?? null,
    paragraphs: parts.paragraphs,
    contentHash: contentHash(title, parts.paragraphs),
    file: parts.url ?? id,
  };
  return { article, library: buildLibrary(new CorpusSnapshot([article])) };
}
