import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { openSqliteStore, StoreUnavailable, unavailableStore, type Store } from '../store/index.js';
import type { Clock } from '../clock.js';
import type { ChannelRoutes, CommandReplies, DeliveryPort, DigestFormatter, DigestLibraryHolder } from './ports.js';
import { DigestService, type DigestServiceOptions } from './service.js';

export {
  DigestService,
  MAX_DIGEST_CHANNELS_PER_GUILD,
  DEFAULT_DIGEST_SIZE,
  MAX_DIGEST_SIZE,
  MAX_DIGEST_MESSAGES,
} from './service.js';
export { COMMAND_TOKEN_MS } from './answers.js';
export type {
  DigestServiceOptions,
  SetDigestInput,
  SetDigestResult,
  SetDigestError,
  ChannelDigestStatus,
  LastRunStatus,
  PostNowResult,
  DigestPreview,
  DigestCommand,
  DigestOutage,
} from './service.js';
export type { RunOutcome } from './engine.js';
export { everyArticleEverywhere } from './ports.js';
export type {
  ArticleFilter,
  ChannelRoutes,
  CommandReplies,
  DeliveryFailure,
  DeliveryOutcome,
  DeliveryPort,
  DigestChannel,
  DigestCommandOutcome,
  DigestContent,
  DigestEntry,
  DigestFormatter,
  DigestLibrary,
  DigestLibraryHolder,
  DigestSource,
  DigestSummary,
  FailureKind,
  FormattedMessage,
  OutgoingMessage,
  PermanentFailure,
  WaitingCommand,
} from './ports.js';
export { outletOf } from './plan.js';
export { systemClock, ManualClock } from '../clock.js';
export type { Clock } from '../clock.js';
export { parseSchedule, ScheduleError, nextRunAfter } from './schedule.js';
export type { ScheduleErrorCode } from './schedule.js';
export { resolveTimeZone, suggestTimeZones } from './timezone.js';

type Adjustable = Omit<DigestServiceOptions, 'store' | 'formatter' | 'delivery' | 'replies' | 'routes' | 'library' | 'log' | 'clock' | 'defaultTimeZone'>;

export interface OpenDigestServiceOptions {
  readonly config: Pick<Config, 'dataDir' | 'defaultTimeZone'>;
  /**
   * The store to use (opened with openStore, as DATABASE_URL says), or why it could not be opened. Without it the
   * SQLite store in config.dataDir is opened here and closed by stop().
   */
  readonly store?: Store | StoreUnavailable;
  readonly formatter: DigestFormatter;
  readonly delivery: DeliveryPort;
  readonly replies?: CommandReplies;
  readonly routes?: ChannelRoutes;
  readonly library: DigestLibraryHolder;
  readonly log: Logger;
  readonly clock?: Clock;
  readonly overrides?: Partial<Adjustable>;
}

/**
 * Builds the digest service over the given store (or the SQLite store in config.dataDir). A store that cannot be used
 * does not stop the bot: the service then answers every request with the reason (StoreUnavailable), which
 * /digest status shows to moderators.
 */
export function openDigestService(options: OpenDigestServiceOptions): DigestService {
  let store: Store;
  let onStopped: (() => Promise<void>) | undefined;
  if (options.store instanceof StoreUnavailable) {
    store = unavailableStore(options.store, 'sqlite');
  } else if (options.store !== undefined) {
    store = options.store;
  } else {
    try {
      const opened = openSqliteStore({ dataDir: options.config.dataDir, backups: false });
      store = opened.store;
      onStopped = () => opened.store.close();
      for (const warning of opened.warnings) options.log.error({ warning }, warning.message);
    } catch (error) {
      if (!(error instanceof StoreUnavailable)) throw error;
      options.log.error({ err: error, cause: error.cause, whatToDo: error.whatToDo }, `digests are off: ${error.plain}. ${error.whatToDo}`);
      store = unavailableStore(error, 'sqlite');
    }
  }
  try {
    return new DigestService({
      ...options.overrides,
      store,
      formatter: options.formatter,
      delivery: options.delivery,
      replies: options.replies,
      routes: options.routes,
      library: options.library,
      log: options.log,
      clock: options.clock,
      defaultTimeZone: options.config.defaultTimeZone,
      onStopped,
    });
  } catch (error) {
    // Settings that cannot work (a claim shorter than a send): close what was opened here.
    void onStopped?.();
    throw error;
  }
}
