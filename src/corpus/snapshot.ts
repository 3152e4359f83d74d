import type { Article, LoadProblem } from './article.js';
import { publishedTime } from './dates.js';
import type { FileStamp } from './file-stamps.js';
import { paragraphCount } from './stored-article.js';

/** Newest first by publication time, undated last, then by id: a stable order for every listing. */
export function compareArticles(a: Article, b: Article): number {
  const byTime = publishedTime(b.published) - publishedTime(a.published);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** compareArticles' order, each date parsed once instead of at every comparison. */
function sortedArticles(articles: readonly Article[]): Article[] {
  const times = new Map<string | null, number>();
  const timeOf = (a: Article): number => {
    let time = times.get(a.published);
    if (time === undefined) times.set(a.published, (time = publishedTime(a.published)));
    return time;
  };
  const keyed = articles.map((article) => ({ article, time: timeOf(article) }));
  keyed.sort((a, b) => {
    const byTime = b.time - a.time;
    if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
    return a.article.id < b.article.id ? -1 : a.article.id > b.article.id ? 1 : 0;
  });
  return keyed.map((k) => k.article);
}

export interface CorpusStats {
  readonly articles: number;
  readonly paragraphs: number;
  readonly sources: number;
  readonly newest: string | null;
  readonly oldest: string | null;
}

/** An immutable set of articles in a stable order with lookup by id. */
export class CorpusSnapshot {
  readonly articles: readonly Article[];
  readonly problems: readonly LoadProblem[];
  readonly stats: CorpusStats;
  /** The stamps of the files a whole read of the corpus folder took these articles from (none after a partial read). */
  readonly stamps: readonly FileStamp[] | undefined;
  /** Each article's place in `articles`. */
  readonly #positions: ReadonlyMap<string, number>;

  constructor(articles: readonly Article[], problems: readonly LoadProblem[] = [], stamps?: readonly FileStamp[]) {
    const sorted = sortedArticles(articles);
    this.stamps = stamps;
    this.articles = Object.freeze(sorted);
    this.problems = Object.freeze([...problems]);
    this.#positions = new Map(sorted.map((a, i) => [a.id, i]));
    const dated = sorted.filter((a) => a.published !== null);
    this.stats = Object.freeze({
      articles: sorted.length,
      paragraphs: sorted.reduce((sum, a) => sum + paragraphCount(a), 0),
      sources: new Set(sorted.map((a) => a.source).filter((s) => s !== null)).size,
      newest: dated[0]?.published ?? null,
      oldest: dated[dated.length - 1]?.published ?? null,
    });
  }

  get(id: string): Article | undefined {
    const position = this.#positions.get(id);
    return position === undefined ? undefined : this.articles[position];
  }

  /** Where the article of this id stands in `articles`. */
  positionOf(id: string): number | undefined {
    return this.#positions.get(id);
  }

  get size(): number {
    return this.articles.length;
  }
}

export interface SnapshotDiff {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}

/** What a reload changed: ids added, ids whose content hash differs, ids gone. */
export function diffSnapshots(previous: CorpusSnapshot, next: CorpusSnapshot): SnapshotDiff {
  const added: string[] = [];
  const changed: string[] = [];
  for (const article of next.articles) {
    const before = previous.get(article.id);
    if (before === undefined) added.push(article.id);
    else if (before.contentHash !== article.contentHash) changed.push(article.id);
  }
  const removed = previous.articles.filter((a) => next.get(a.id) === undefined).map((a) => a.id);
  return { added: added.sort(), changed: changed.sort(), removed: removed.sort() };
}
