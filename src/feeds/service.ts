import { systemClock, type Clock } from '../clock.js';
import type { FetchOptions } from '../fetch/index.js';
import { checkUrl, type UrlRefusal } from '../fetch/url-policy.js';
import type { Feeds } from '../store/index.js';
import type { FeedRecord } from '../store/types.js';
import { checkFeed, type FeedCheckFailure } from './check.js';
import { parseFilter, type FilterError } from './filter.js';
import { previewFeed, type FeedPreview } from './preview.js';

export interface AddFeedInput {
  readonly guildId: string;
  /** The channel whose digest gets the feed's items. */
  readonly channelId: string;
  /** True when the moderator named the channel (else it is a default, and an existing feed in another channel still counts). */
  readonly channelGiven: boolean;
  readonly url: string;
  readonly filter: string | null;
  readonly userId: string | null;
}

export type AddFeedOutcome =
  | { readonly status: 'added'; readonly feed: FeedRecord; readonly title: string | null; readonly items: number; readonly discoveredFrom: string | null }
  /** It was paused: polling again at once, its failures forgotten. */
  | { readonly status: 'resumed'; readonly feed: FeedRecord }
  | { readonly status: 'exists'; readonly feed: FeedRecord }
  | { readonly status: 'too_many'; readonly max: number }
  | { readonly status: 'bad_filter'; readonly error: FilterError; readonly term: string }
  | { readonly status: 'bad_url'; readonly reason: UrlRefusal; readonly message: string }
  /** The address could not be read as a feed now (fetch failure, not a feed); nothing was stored. */
  | { readonly status: 'unusable'; readonly reason: FeedCheckFailure; readonly message: string; readonly httpStatus: number | null };

export interface FeedItemCounts {
  readonly fetched: number;
  readonly partial: number;
  readonly failed: number;
  readonly pending: number;
}

export interface FeedListing {
  readonly feed: FeedRecord;
  readonly items: FeedItemCounts;
}

export interface FeedServiceOptions {
  readonly feeds: Feeds;
  readonly fetch: FetchOptions;
  readonly maxPerGuild: number;
  /** Told when a feed was added or resumed, so it is polled now (the poller, in the process that runs it). */
  readonly onChange?: () => void;
  readonly clock?: Clock;
}

/** Feed subscriptions for the /feed command: add (checked first), list, remove and preview; the poller does the polling. */
export class FeedService {
  readonly #options: FeedServiceOptions;
  readonly #clock: Clock;

  constructor(options: FeedServiceOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
  }

  get maxPerGuild(): number {
    return this.#options.maxPerGuild;
  }

  async add(input: AddFeedInput): Promise<AddFeedOutcome> {
    const checkedUrl = checkUrl(input.url.trim());
    if ('refusal' in checkedUrl) return { status: 'bad_url', reason: checkedUrl.refusal, message: checkedUrl.message };
    const url = checkedUrl.url.href;
    const filter = parseFilter(input.filter);
    if (!filter.ok) return { status: 'bad_filter', error: filter.error, term: filter.term };
    const feeds = this.#options.feeds;
    const existing = await feeds.ofGuild(input.guildId);
    const same = existing.find((f) => f.url === url && (f.channelId === input.channelId || !input.channelGiven));
    if (same !== undefined) return this.#again(same);
    if (existing.length >= this.#options.maxPerGuild) return { status: 'too_many', max: this.#options.maxPerGuild };
    const checked = await checkFeed(url, this.#options.fetch);
    if (!checked.ok) return { status: 'unusable', reason: checked.reason, message: checked.message, httpStatus: checked.status };
    // a page that declares a feed: the feed may be one the server already has
    const found = existing.find((f) => f.url === checked.url && (f.channelId === input.channelId || !input.channelGiven));
    if (found !== undefined) return this.#again(found);
    const added = await feeds.add(
      { guildId: input.guildId, channelId: input.channelId, url: checked.url, filter: input.filter?.trim() || null, createdBy: input.userId },
      this.#clock.now(),
    );
    if (added.status === 'exists') return this.#again(added.feed);
    this.#options.onChange?.();
    return { status: 'added', feed: added.feed, title: checked.feed.title, items: checked.feed.items.length, discoveredFrom: checked.discoveredFrom };
  }

  async #again(feed: FeedRecord): Promise<AddFeedOutcome> {
    if (feed.pausedReason === null) return { status: 'exists', feed };
    await this.#options.feeds.setPaused(feed.id, null, this.#clock.now());
    this.#options.onChange?.();
    return { status: 'resumed', feed: (await this.#options.feeds.get(feed.id)) ?? feed };
  }

  /** The server's feeds with what became of their items. */
  async list(guildId: string): Promise<FeedListing[]> {
    const feeds = await this.#options.feeds.ofGuild(guildId);
    const listings: FeedListing[] = [];
    for (const feed of feeds) {
      const counts = { fetched: 0, partial: 0, failed: 0, pending: 0 };
      for (const item of await this.#options.feeds.items(feed.id)) {
        if (item.status === 'fetching') counts.pending++;
        else counts[item.status]++;
      }
      listings.push({ feed, items: counts });
    }
    return listings;
  }

  /** Removes a feed of this server (by id, as autocomplete offers them, or by its URL); the articles it brought stay in the corpus. */
  async remove(guildId: string, which: string): Promise<FeedRecord | null> {
    const feeds = await this.#options.feeds.ofGuild(guildId);
    const trimmed = which.trim();
    const checked = checkUrl(trimmed);
    const target = feeds.find((f) => String(f.id) === trimmed) ?? ('url' in checked ? feeds.find((f) => f.url === checked.url.href) : undefined);
    if (target === undefined) return null;
    return (await this.#options.feeds.remove(guildId, target.id)) ? target : null;
  }

  /** Feeds of the server whose URL contains the typed text, for autocomplete. */
  async find(guildId: string, query: string): Promise<FeedRecord[]> {
    const needle = query.trim().toLowerCase();
    return (await this.#options.feeds.ofGuild(guildId)).filter((f) => needle === '' || f.url.toLowerCase().includes(needle) || String(f.id) === needle);
  }

  preview(url: string): Promise<FeedPreview> {
    const checked = checkUrl(url.trim());
    if ('refusal' in checked) return Promise.resolve({ ok: false, reason: checked.refusal, message: checked.message, status: null });
    return previewFeed(checked.url.href, this.#options.fetch);
  }
}
