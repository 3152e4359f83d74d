import type { Config } from '../config.js';
import { newInstanceId } from '../digest/instance.js';
import { userAgent, type FetchOptions } from '../fetch/index.js';
import type { LibraryHolder } from '../library/index.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';
import { LinkReader } from './links.js';
import { pollPolicy } from './poll-policy.js';
import { FeedPoller, type PollReport } from './poller.js';
import { FeedService } from './service.js';
import { feedChannelRoutes } from './routing.js';
import type { ChannelRoutes } from '../digest/ports.js';
import { SharedCorpus } from './shared-corpus.js';

export type FeedSettings = Pick<
  Config,
  'corpusDir' | 'allowPrivateUrls' | 'contactUrl' | 'maxArticleBytes' | 'feedPollMinutes' | 'feedsPerGuild' | 'feedHostDelayMs'
>;

/** What the bot gets from the feed adapter: the library it answers from (shared with other processes), the /feed service and links. */
export interface FeedRuntime {
  /** The library as the bot should use it: takes in new feed articles and follows other processes' changes. */
  readonly library: LibraryHolder;
  readonly feeds: FeedService;
  readonly links: LinkReader;
  readonly poller: FeedPoller;
  /** Which articles go to which digest: a feed's items to the channel it names, through its filter. */
  readonly routes: ChannelRoutes;
  stop(): Promise<void>;
}

export interface FeedRuntimeOptions {
  readonly config: FeedSettings;
  readonly library: LibraryHolder;
  readonly store: Pick<Store, 'feeds' | 'leases' | 'corpus'>;
  readonly log: Logger;
  readonly instanceId?: string;
  readonly onPoll?: (report: PollReport) => void;
}

export function feedFetchOptions(config: Pick<Config, 'allowPrivateUrls' | 'contactUrl' | 'maxArticleBytes'>): FetchOptions {
  return { allowPrivate: config.allowPrivateUrls, userAgent: userAgent(config.contactUrl), maxBytes: config.maxArticleBytes };
}

/** Starts the feed adapter: the poller (which polls only while this process holds the lease) and corpus change notices. */
export async function startFeedRuntime(options: FeedRuntimeOptions): Promise<FeedRuntime> {
  const { config, store, log } = options;
  const instanceId = options.instanceId ?? newInstanceId();
  const fetch = feedFetchOptions(config);
  const shared = new SharedCorpus(options.library, store.corpus, instanceId, log);
  const poller = new FeedPoller({
    store,
    corpusDir: config.corpusDir,
    policy: pollPolicy(config.feedPollMinutes),
    fetch,
    hostDelayMs: config.feedHostDelayMs,
    onArticles: (paths) => shared.takeIn(paths),
    ...(options.onPoll === undefined ? {} : { onPoll: options.onPoll }),
    log,
    instanceId,
  });
  const feeds = new FeedService({ feeds: store.feeds, fetch, maxPerGuild: config.feedsPerGuild, onChange: () => poller.wake() });
  await shared.start();
  poller.start();
  return {
    library: shared.holder(),
    feeds,
    links: new LinkReader({ fetch }),
    poller,
    routes: feedChannelRoutes(store.feeds),
    async stop() {
      await poller.stop();
      await shared.stop();
    },
  };
}
