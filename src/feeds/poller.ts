import { setMaxListeners } from 'node:events';
import { systemClock, type Clock } from '../clock.js';
import { isGoneInstance } from '../digest/instance.js';
import { messageOf } from '../error-message.js';
import { fetchUrl, type FetchOptions, type FetchResult } from '../fetch/index.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';
import type { FeedItemOutcome, FeedPauseReason, FeedRecord } from '../store/types.js';
import { articleFile, articlePathOf, type FeedSource } from './article-file.js';
import { existingArticleFile, writeArticleFile } from './corpus-writer.js';
import { HostQueue } from './host-queue.js';
import { readArticlePage, type PageResult } from './page.js';
import { parseFeed } from './parse.js';
import { afterFailure, type PollFailure, type PollPolicy } from './poll-policy.js';
import type { FeedItem } from './types.js';

export const FEED_POLLER_LEASE = 'feed-poller';
export const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

export interface FeedPollerOptions {
  readonly store: Pick<Store, 'feeds' | 'leases'>;
  /** Where article files are written (CORPUS_DIR). */
  readonly corpusDir: string;
  readonly policy: PollPolicy;
  /** allowPrivate, User-Agent, timeouts and size caps for every feed and page fetched. */
  readonly fetch: FetchOptions;
  /** Pause between two requests to one host. */
  readonly hostDelayMs: number;
  /** Requests at once over all hosts (default 4). */
  readonly concurrency?: number;
  /** An item whose page and own text both fail is tried again at this many polls (default 3). */
  readonly itemAttempts?: number;
  /** New files are handed to the library at most this often (default 2 s; longer when taking them in is slow). */
  readonly takeInDelayMs?: number;
  /** How often the poller looks for due feeds and renews its lease (default 30 s). */
  readonly checkEveryMs?: number;
  /** The library takes the new files in (they are relative to corpusDir). */
  readonly onArticles: (paths: readonly string[]) => Promise<unknown>;
  /** Each poll's outcome (metrics). */
  readonly onPoll?: (report: PollReport) => void;
  readonly log: Logger;
  readonly clock?: Clock;
  /** Names this process in the lease and in feed and item claims. */
  readonly instanceId: string;
}

export type PollOutcome = 'fetched' | 'not-modified' | 'failed' | 'paused';

/** One poll of one feed, for metrics: how it ended, how long it took (waiting for its host included) and the new items it found. */
export interface PollReport {
  readonly outcome: PollOutcome;
  readonly seconds: number;
  readonly items: number;
}

export interface CycleReport {
  readonly polled: number;
  readonly fetched: number;
  readonly notModified: number;
  readonly failed: number;
  readonly paused: number;
  /** Items claimed for fetching in this cycle (they are fetched in the background; see idle()). */
  readonly newItems: number;
}

/** How long a feed and an item stay claimed by this process before another may take them over (it crashed). */
const FEED_CLAIM_TTL_MS = 15 * 60_000;
const ITEM_CLAIM_TTL_MS = 30 * 60_000;
const CLAIM_BATCH = 100;
/** Taking files in is given at most a sixth of the time: the next batch waits five times as long as the last one took. */
const TAKE_IN_SPACING = 5;

type FileOutcome = FeedItemOutcome | null;

/** One signal stops every fetch of the poller: each waiting fetch listens to it, so it may have many listeners. */
function newAbort(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}

/** Oldest first, so files are written (and stories enter the ledger) in the order they were published. */
function chronological(items: readonly FeedItem[]): FeedItem[] {
  const times = items.map((item) => (item.published === null ? Number.NaN : Date.parse(item.published)));
  if (times.every((time) => !Number.isNaN(time))) {
    return items.map((item, i) => ({ item, time: times[i] as number, i })).sort((a, b) => a.time - b.time || b.i - a.i).map((x) => x.item);
  }
  return [...items].reverse();
}

/**
 * Polls the feeds in the store (only in the process holding the feed-poller lease): conditional GET, politeness per host,
 * backoff and pausing; each new item is claimed once across processes, fetched as a page, extracted and written into the
 * corpus folder as an article file, and the new files are handed to the library in batches.
 */
export class FeedPoller {
  readonly #options: FeedPollerOptions;
  readonly #clock: Clock;
  readonly #hosts: HostQueue;
  readonly #attempts: number;
  readonly #checkEveryMs: number;
  readonly #queued = new Map<number, Set<string>>();
  readonly #jobs = new Set<Promise<void>>();
  /** Each feed's items are read one after another, in order. */
  readonly #feedTails = new Map<number, Promise<void>>();
  /** Files being written now: an item two feeds bring is read once. */
  readonly #writing = new Map<string, Promise<FileOutcome>>();
  #abort = newAbort();
  #cycle: Promise<CycleReport> | null = null;
  #again = false;
  #timer: (() => void) | null = null;
  #running = false;
  #leader = false;
  #batch: string[] = [];
  #batchTimer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> = Promise.resolve();
  #nextFlushAt = 0;

  constructor(options: FeedPollerOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#hosts = new HostQueue(options.hostDelayMs, options.concurrency ?? 4);
    this.#attempts = options.itemAttempts ?? 3;
    this.#checkEveryMs = options.checkEveryMs ?? 30_000;
  }

  /** Looks for due feeds now and every checkEveryMs, while this process holds the lease. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#abort = newAbort();
    this.#arm(0);
  }

  /** A feed was added or resumed: poll what is due now rather than at the next check. */
  wake(): void {
    if (!this.#running) return;
    if (this.#cycle !== null) this.#again = true;
    else this.#arm(0);
  }

  isLeader(): boolean {
    return this.#leader;
  }

  /** Stops polling, abandons queued fetches (their claims expire and are taken over), hands over what was written, and gives the lease back. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#timer?.();
    this.#timer = null;
    this.#abort.abort(new Error('the feed poller is stopping'));
    await Promise.allSettled([this.#cycle, ...this.#jobs]);
    await this.#flush();
    if (this.#leader) {
      this.#leader = false;
      await this.#options.store.leases.release(FEED_POLLER_LEASE, this.#options.instanceId).catch(() => undefined);
    }
  }

  /** Settles when every item fetch started so far is done and its file handed to the library. */
  async idle(): Promise<void> {
    while (this.#jobs.size > 0 || this.#cycle !== null) await Promise.allSettled([this.#cycle, ...this.#jobs]);
    await this.#flush();
  }

  /** Items waiting for their page (or being fetched). */
  get backlog(): number {
    let total = 0;
    for (const keys of this.#queued.values()) total += keys.size;
    return total;
  }

  /** Polls every feed due now (whoever holds the lease: start() checks it); concurrent calls share one cycle. */
  runCycle(): Promise<CycleReport> {
    this.#cycle ??= this.#runCycle().finally(() => {
      this.#cycle = null;
    });
    return this.#cycle;
  }

  #arm(delayMs: number): void {
    this.#timer?.();
    this.#timer = this.#clock.schedule(() => void this.#tick(), delayMs);
  }

  async #tick(): Promise<void> {
    this.#timer = null;
    if (!this.#running) return;
    try {
      do {
        this.#again = false;
        if (await this.#holdLease()) await this.runCycle();
      } while (this.#again && this.#running);
    } catch (error) {
      this.#options.log.error({ err: error }, 'feed poll cycle failed; trying again at the next check');
    }
    if (this.#running) this.#arm(this.#checkEveryMs);
  }

  async #holdLease(): Promise<boolean> {
    const { store, instanceId, log } = this.#options;
    const acquired = await store.leases.acquire(FEED_POLLER_LEASE, instanceId, this.#checkEveryMs * 4, this.#clock.now(), isGoneInstance);
    if (acquired && !this.#leader) log.info({ instanceId }, 'this process now polls the feeds');
    if (!acquired && this.#leader) log.warn({ instanceId }, 'another process took over polling the feeds');
    this.#leader = acquired;
    return acquired;
  }

  async #runCycle(): Promise<CycleReport> {
    const counts = { polled: 0, fetched: 0, notModified: 0, failed: 0, paused: 0, newItems: 0 };
    const { store, instanceId } = this.#options;
    for (;;) {
      const due = await store.feeds.claimDue(instanceId, this.#clock.now(), FEED_CLAIM_TTL_MS, CLAIM_BATCH);
      const outcomes = await Promise.all(due.map((feed) => this.#timedPoll(feed)));
      for (const outcome of outcomes) {
        counts.polled++;
        counts.newItems += outcome.newItems;
        if (outcome.kind === 'fetched') counts.fetched++;
        else if (outcome.kind === 'not-modified') counts.notModified++;
        else if (outcome.kind === 'paused') counts.paused++;
        else counts.failed++;
        this.#options.onPoll?.({ outcome: outcome.kind, seconds: outcome.seconds, items: outcome.newItems });
      }
      if (due.length < CLAIM_BATCH || this.#abort.signal.aborted) break;
    }
    return counts;
  }

  async #timedPoll(feed: FeedRecord): Promise<{ kind: PollOutcome; newItems: number; seconds: number }> {
    const started = performance.now();
    const outcome = await this.#poll(feed);
    return { ...outcome, seconds: (performance.now() - started) / 1000 };
  }

  async #poll(feed: FeedRecord): Promise<{ kind: PollOutcome; newItems: number }> {
    const signal = this.#abort.signal;
    let fetched: FetchResult;
    try {
      fetched = await this.#hosts.run(
        feed.url,
        () => fetchUrl(feed.url, { ...this.#options.fetch, accept: FEED_ACCEPT, etag: feed.etag, lastModified: feed.lastModified, signal }),
        signal,
      );
    } catch (error) {
      // stopping: the claim expires and another process (or the next start) polls it
      this.#options.log.debug({ err: error, feedId: feed.id }, 'feed poll abandoned');
      return { kind: 'failed', newItems: 0 };
    }
    if (!fetched.ok && fetched.reason === 'aborted') return { kind: 'failed', newItems: 0 };
    try {
      if (!fetched.ok) {
        if (fetched.retryAfterSeconds !== null) this.#hosts.holdOff(feed.url, fetched.retryAfterSeconds * 1000);
        return await this.#failed(feed, { reason: fetched.reason, status: fetched.status, retryAfterSeconds: fetched.retryAfterSeconds }, fetched.message);
      }
      const now = this.#clock.now();
      const nextPollAt = now + this.#options.policy.intervalMs;
      if (fetched.kind === 'not-modified') {
        await this.#options.store.feeds.recordPoll(feed.id, this.#options.instanceId, { ok: true, etag: fetched.etag ?? feed.etag, lastModified: fetched.lastModified ?? feed.lastModified, nextPollAt }, now);
        return { kind: 'not-modified', newItems: 0 };
      }
      if (fetched.textKind === 'html') {
        return await this.#failed(feed, { reason: 'not-a-feed', status: fetched.status, retryAfterSeconds: null }, 'the address answers with a web page, not a feed');
      }
      const parsed = parseFeed(fetched.text, { url: fetched.url });
      if (!parsed.ok) {
        const reason = parsed.reason === 'too-large' ? 'too-large-feed' : parsed.reason;
        return await this.#failed(feed, { reason, status: fetched.status, retryAfterSeconds: null }, parsed.message);
      }
      const items = chronological(parsed.feed.items);
      const source: FeedSource = { title: parsed.feed.title, link: parsed.feed.link, url: feed.url };
      let claimed = 0;
      for (const item of items) {
        if (this.#queued.get(feed.id)?.has(item.id) === true) continue;
        const claim = await this.#options.store.feeds.claimItem({ feedId: feed.id, key: item.id, url: item.link }, this.#options.instanceId, ITEM_CLAIM_TTL_MS, now, this.#attempts);
        if (!claim) continue;
        claimed++;
        this.#enqueue(feed.id, source, item);
      }
      // validators are kept only when no item is left to read here: a 304 must never hide an item still to fetch. (An item a
      // crashed process had claimed is read again at the feed's next change, once its claim has expired.)
      const settled = claimed === 0 && (this.#queued.get(feed.id)?.size ?? 0) === 0;
      await this.#options.store.feeds.recordPoll(
        feed.id,
        this.#options.instanceId,
        { ok: true, etag: settled ? fetched.etag : null, lastModified: settled ? fetched.lastModified : null, nextPollAt },
        now,
      );
      if (claimed > 0) this.#options.log.info({ feedId: feed.id, url: feed.url, newItems: claimed, items: items.length }, 'feed polled: new items');
      return { kind: 'fetched', newItems: claimed };
    } catch (error) {
      this.#options.log.error({ err: error, feedId: feed.id, url: feed.url }, 'could not record a feed poll; its claim expires and it is polled again');
      return { kind: 'failed', newItems: 0 };
    }
  }

  async #failed(feed: FeedRecord, failure: PollFailure, message: string): Promise<{ kind: PollOutcome; newItems: number }> {
    const now = this.#clock.now();
    const decision = afterFailure(failure, feed.consecutiveFailures, now, this.#options.policy);
    const pause: FeedPauseReason | undefined = decision.pause ?? undefined;
    await this.#options.store.feeds.recordPoll(
      feed.id,
      this.#options.instanceId,
      { ok: false, error: message.slice(0, 500), nextPollAt: decision.nextPollAt, ...(pause === undefined ? {} : { pause }) },
      now,
    );
    const context = { feedId: feed.id, url: feed.url, reason: failure.reason, status: failure.status, failures: feed.consecutiveFailures + 1, error: message };
    if (pause !== undefined) {
      this.#options.log.warn({ ...context, pause }, 'feed paused');
      return { kind: 'paused', newItems: 0 };
    }
    this.#options.log.warn({ ...context, nextPollAt: new Date(decision.nextPollAt).toISOString() }, 'feed poll failed');
    return { kind: 'failed', newItems: 0 };
  }

  #enqueue(feedId: number, source: FeedSource, item: FeedItem): void {
    let keys = this.#queued.get(feedId);
    if (keys === undefined) this.#queued.set(feedId, (keys = new Set()));
    keys.add(item.id);
    const previous = this.#feedTails.get(feedId) ?? Promise.resolve();
    const job = previous
      .then(() => this.#fetchItem(feedId, source, item))
      .catch((error: unknown) => {
        this.#options.log.error({ err: error, feedId, item: item.id, url: item.link }, 'feed item not written; it is tried again at a later poll');
      })
      .finally(() => {
        keys.delete(item.id);
        if (keys.size === 0 && this.#queued.get(feedId) === keys) this.#queued.delete(feedId);
        if (this.#feedTails.get(feedId) === job) this.#feedTails.delete(feedId);
        this.#jobs.delete(job);
      });
    this.#feedTails.set(feedId, job);
    this.#jobs.add(job);
  }

  async #fetchItem(feedId: number, source: FeedSource, item: FeedItem): Promise<void> {
    const finish = (outcome: FeedItemOutcome): Promise<boolean> => this.#options.store.feeds.finishItem(feedId, item.id, this.#options.instanceId, outcome, this.#clock.now());
    // given back as failed (an attempt used), so the next poll, here or in the next leader, claims it again at once
    const abandoned: FeedItemOutcome = { status: 'failed', error: 'the poller stopped before reading it' };
    if (this.#abort.signal.aborted) {
      await finish(abandoned);
      return;
    }
    const path = articlePathOf(item, source);
    let writing = this.#writing.get(path);
    const mine = writing === undefined;
    if (writing === undefined) {
      writing = this.#writeItem(feedId, source, item, path).finally(() => this.#writing.delete(path));
      this.#writing.set(path, writing);
    }
    let outcome: FileOutcome;
    try {
      outcome = await writing;
    } catch (error) {
      // a fetch still waiting for its host's turn when the poller stopped
      if (!this.#abort.signal.aborted) throw error;
      outcome = null;
    }
    await finish(outcome ?? abandoned);
    if (mine && outcome !== null && outcome.status !== 'failed') this.#written(path);
  }

  /** Reads an item's page (or its own text) into its article file; null when it was abandoned (stopping). */
  async #writeItem(feedId: number, source: FeedSource, item: FeedItem, path: string): Promise<FileOutcome> {
    const { corpusDir, log } = this.#options;
    // the same item from another feed (or another server's copy of this feed) is written once
    const existing = await existingArticleFile(corpusDir, path);
    if (existing !== null) return { status: existing.partial ? 'partial' : 'fetched', articlePath: path };
    const signal = this.#abort.signal;
    let page: PageResult | null = null;
    if (item.link !== null) {
      page = await readArticlePage(item.link, { ...this.#options.fetch, signal }, (url, options) => this.#hosts.run(url, () => fetchUrl(url, options), signal));
      if (!page.ok && page.retryAfterSeconds !== null) this.#hosts.holdOff(item.link, page.retryAfterSeconds * 1000);
      if (!page.ok && page.reason === 'aborted') return null;
    }
    const file = articleFile(item, page?.ok === true ? page.article : null, source);
    if (file === null) {
      const error = page !== null && !page.ok ? `${page.reason}: ${page.message}` : 'the item has neither a page nor text of its own';
      log.warn({ feedId, item: item.id, url: item.link, error }, 'feed item has no text');
      return { status: 'failed', error: error.slice(0, 500) };
    }
    await writeArticleFile(corpusDir, file);
    if (file.record.partial) log.info({ feedId, item: item.id, url: item.link, page: page !== null && !page.ok ? page.message : 'no full article on the page' }, 'feed item written from its own text (partial)');
    return { status: file.record.partial ? 'partial' : 'fetched', articlePath: file.path };
  }

  #written(path: string): void {
    this.#batch.push(path);
    if (this.#batchTimer !== null) return;
    const delay = Math.max(this.#options.takeInDelayMs ?? 2_000, this.#nextFlushAt - Date.now());
    this.#batchTimer = setTimeout(() => {
      this.#batchTimer = null;
      void this.#flush();
    }, delay);
    this.#batchTimer.unref();
  }

  /** Hands the written files to the library, one batch at a time. */
  #flush(): Promise<void> {
    if (this.#batchTimer !== null) {
      clearTimeout(this.#batchTimer);
      this.#batchTimer = null;
    }
    this.#flushing = this.#flushing.then(async () => {
      const paths = this.#batch.splice(0);
      if (paths.length === 0) return;
      const started = Date.now();
      try {
        await this.#options.onArticles(paths);
      } catch (error) {
        this.#options.log.error({ err: error, files: paths.length }, 'the library could not take the new feed articles in; a /reload reads them');
      }
      this.#nextFlushAt = Date.now() + (Date.now() - started) * TAKE_IN_SPACING;
    });
    return this.#flushing;
  }
}
