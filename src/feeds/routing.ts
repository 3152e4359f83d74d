import type { ChannelRoutes } from '../digest/ports.js';
import type { Feeds } from '../store/index.js';
import type { FeedRecord } from '../store/types.js';
import { FEEDS_FOLDER } from './article-file.js';
import { matchesFilter, parseFilter, type FeedFilter, type FilterableArticle } from './filter.js';

/** What routing looks at in an article (an Article fits): the file it was read from, and what a filter reads. */
export interface RoutableArticle extends FilterableArticle {
  /** Relative to the corpus folder, as the library reads it (`feeds/<host>/<id>.json` for a feed's item). */
  readonly file: string;
}

interface Route {
  readonly channelId: string;
  readonly filter: FeedFilter | null;
}

/**
 * The feed table of one server, read once per digest: which of its feeds (each naming a channel and a filter) brought
 * which article files. Answers whether an article may go to a channel's digest.
 */
export class FeedRoutes {
  readonly #routesByFile = new Map<string, Route[]>();

  /** `files`: for each feed, the corpus files its items were written to. */
  constructor(feeds: readonly FeedRecord[], files: ReadonlyMap<number, readonly string[]>) {
    for (const feed of feeds) {
      const parsed = parseFilter(feed.filter);
      const route: Route = { channelId: feed.channelId, filter: parsed.ok ? parsed.filter : null };
      for (const file of files.get(feed.id) ?? []) {
        const routes = this.#routesByFile.get(file);
        if (routes === undefined) this.#routesByFile.set(file, [route]);
        else routes.push(route);
      }
    }
  }

  /** Reads a server's feeds and the files their items became. */
  static async load(feeds: Pick<Feeds, 'ofGuild' | 'items'>, guildId: string): Promise<FeedRoutes> {
    const records = await feeds.ofGuild(guildId);
    const files = new Map<number, string[]>();
    for (const feed of records) {
      const items = await feeds.items(feed.id);
      files.set(
        feed.id,
        items.flatMap((item) => (item.articlePath === null ? [] : [item.articlePath])),
      );
    }
    return new FeedRoutes(records, files);
  }

  /**
   * May `article` go to the digest of `channelId` (a channel of this server)? An article a feed of this server brought goes
   * to the channels its feeds name, when their filter lets it through; one that only other servers' feeds brought goes to
   * none of this server's channels; an article placed in the corpus by hand goes to every digest, as before feeds.
   */
  mayGo(article: RoutableArticle, channelId: string): boolean {
    const routes = this.#routesByFile.get(article.file);
    if (routes === undefined) return !isFeedFile(article.file);
    return routes.some((route) => route.channelId === channelId && matchesFilter(route.filter, article));
  }
}

/** Whether a corpus file was written by the feed poller. */
export function isFeedFile(file: string): boolean {
  return file.startsWith(`${FEEDS_FOLDER}/`);
}

/** The digest core's routes from the feed table: each digest run reads its server's feeds once. */
export function feedChannelRoutes(feeds: Pick<Feeds, 'ofGuild' | 'items'>): ChannelRoutes {
  return {
    async filterFor({ guildId, channelId }) {
      const routes = await FeedRoutes.load(feeds, guildId);
      return (article) => routes.mayGo(article, channelId);
    },
  };
}
