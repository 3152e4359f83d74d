import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { createStores, openDatabase } from '../store/index.js';
import type { Clock } from '../clock.js';
import type { DigestRest } from './sender.js';
import { DigestService, type DigestServiceOptions } from './service.js';
import type { DigestLibraryHolder } from './source.js';

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
export type { DeliveryFailure, FailureKind } from './failures.js';
export { systemClock, ManualClock } from '../clock.js';
export type { Clock } from '../clock.js';
export type { DigestRest } from './sender.js';
export type { DigestLibrary, DigestLibraryHolder, DigestSummary } from './source.js';
export { parseSchedule, ScheduleError, nextRunAfter } from './schedule.js';
export { resolveTimeZone, suggestTimeZones } from './timezone.js';
export { composeDigest } from './compose.js';
export type { MessagePayload, DigestEntry } from './compose.js';
export { digestTexts, formatInZone } from './messages.js';
export type { DigestTexts } from './messages.js';
export { setReply, offReply, statusReply, nowReply, previewReply, nextRunText } from './views.js';
export type { DigestReply } from './views.js';

export interface OpenDigestServiceOptions {
  readonly config: Pick<Config, 'dataDir' | 'defaultTimeZone'>;
  readonly rest: DigestRest;
  readonly library: DigestLibraryHolder;
  readonly log: Logger;
  readonly clock?: Clock;
  readonly overrides?: Partial<Omit<DigestServiceOptions, 'stores' | 'rest' | 'library' | 'log' | 'clock' | 'defaultTimeZone'>>;
}

/** Opens the database in `config.dataDir` and builds the service over it; stop() closes the database. */
export function openDigestService(options: OpenDigestServiceOptions): DigestService {
  const { db } = openDatabase(options.config.dataDir);
  return new DigestService({
    ...options.overrides,
    stores: createStores(db),
    rest: options.rest,
    library: options.library,
    log: options.log,
    clock: options.clock,
    defaultTimeZone: options.config.defaultTimeZone,
    onStopped: () => db.close(),
  });
}
