import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { createStores, openDatabase } from '../store/index.js';
import type { Clock } from '../clock.js';
import type { DeliveryPort, DigestFormatter, DigestLibraryHolder } from './ports.js';
import { DigestService, type DigestServiceOptions } from './service.js';

export { DigestService, MAX_DIGEST_CHANNELS_PER_GUILD, DEFAULT_DIGEST_SIZE, MAX_DIGEST_SIZE } from './service.js';
export type {
  DigestServiceOptions,
  SetDigestInput,
  SetDigestResult,
  SetDigestError,
  ChannelDigestStatus,
  LastRunStatus,
  PostNowResult,
  DigestPreview,
} from './service.js';
export type { RunOutcome } from './engine.js';
export type {
  DeliveryFailure,
  DeliveryOutcome,
  DeliveryPort,
  DigestContent,
  DigestEntry,
  DigestFormatter,
  DigestLibrary,
  DigestLibraryHolder,
  DigestSummary,
  FailureKind,
  FormattedMessage,
  OutgoingMessage,
  PermanentFailure,
} from './ports.js';
export { systemClock, ManualClock } from '../clock.js';
export type { Clock } from '../clock.js';
export { parseSchedule, ScheduleError, nextRunAfter } from './schedule.js';
export type { ScheduleErrorCode } from './schedule.js';
export { resolveTimeZone, suggestTimeZones } from './timezone.js';

export interface OpenDigestServiceOptions {
  readonly config: Pick<Config, 'dataDir' | 'defaultTimeZone'>;
  readonly formatter: DigestFormatter;
  readonly delivery: DeliveryPort;
  readonly library: DigestLibraryHolder;
  readonly log: Logger;
  readonly clock?: Clock;
  readonly overrides?: Partial<Omit<DigestServiceOptions, 'stores' | 'formatter' | 'delivery' | 'library' | 'log' | 'clock' | 'defaultTimeZone'>>;
}

/** Opens the database in `config.dataDir` and builds the service over it; stop() closes the database. */
export function openDigestService(options: OpenDigestServiceOptions): DigestService {
  const { db } = openDatabase(options.config.dataDir);
  return new DigestService({
    ...options.overrides,
    stores: createStores(db),
    formatter: options.formatter,
    delivery: options.delivery,
    library: options.library,
    log: options.log,
    clock: options.clock,
    defaultTimeZone: options.config.defaultTimeZone,
    onStopped: () => db.close(),
  });
}
