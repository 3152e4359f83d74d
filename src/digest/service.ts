import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.js';
import type { RunRecord, ScheduleRecord, ScheduleState, ScheduleStateReason, Stores } from '../store/index.js';
import { systemClock, type Clock } from '../clock.js';
import { DigestEngine, type RunOutcome } from './engine.js';
import { newInstanceId } from './instance.js';
import { CorpusLedger } from './ledger.js';
import { parseSchedule, ScheduleError, type ScheduleErrorCode } from './schedule.js';
import { DigestScheduler, nextRunOf } from './scheduler.js';
import type { DeliveryPort, DigestFormatter, DigestLibraryHolder, FormattedMessage } from './ports.js';
import { DEFAULT_RETRY_DELAYS_MS, realSleep, type Sleep } from './retry.js';
import { resolveTimeZone } from './timezone.js';

export const MAX_DIGEST_CHANNELS_PER_GUILD = 25;
export const DEFAULT_DIGEST_SIZE = 5;
export const MAX_DIGEST_SIZE = 10;
export const DEFAULT_MAX_CONSECUTIVE_FAILURES = 3;
export const DEFAULT_STOP_GRACE_MS = 5_000;
/** Bodies of finished digests are kept this long (for inspection), then dropped; the delivery log stays. */
export const MESSAGE_RETENTION_MS = 30 * 86_400_000;

export interface DigestServiceOptions {
  readonly stores: Stores;
  /** Shapes a run into the medium's messages (src/discord/digest for Discord). */
  readonly formatter: DigestFormatter;
  /** Sends them. */
  readonly delivery: DeliveryPort;
  readonly library: DigestLibraryHolder;
  /** Zone of a schedule that names none (config.defaultTimeZone). */
  readonly defaultTimeZone: string;
  readonly log: Logger;
  readonly clock?: Clock;
  /** Backoff between tries of a message the medium could not take for now (a 5xx, a timeout). */
  readonly retryDelaysMs?: readonly number[];
  readonly sleep?: Sleep;
  readonly maxConsecutiveFailures?: number;
  readonly instanceId?: string;
  readonly maxSleepMs?: number;
  readonly leaseTtlMs?: number;
  /** How long stop() lets deliveries in flight finish before interrupting them. */
  readonly stopGraceMs?: number;
  /** Called once by stop(), after everything else (closes the database the service opened). */
  readonly onStopped?: () => void;
}

export interface SetDigestInput {
  readonly guildId: string;
  readonly channelId: string;
  readonly schedule: string;
  readonly timeZone?: string | null;
  readonly size?: number | null;
  readonly postWhenEmpty?: boolean | null;
  /** Language of the posts: the guild's locale, else the moderator's. */
  readonly locale: string;
  readonly userId?: string | null;
}

export type SetDigestError =
  | { readonly kind: 'schedule'; readonly code: ScheduleErrorCode; readonly input: string; readonly detail: string }
  | { readonly kind: 'time_zone'; readonly input: string }
  | { readonly kind: 'size'; readonly size: number }
  | { readonly kind: 'too_many'; readonly max: number };

export type SetDigestResult = { readonly ok: true; readonly status: ChannelDigestStatus } | { readonly ok: false; readonly error: SetDigestError };

export interface LastRunStatus {
  readonly status: RunRecord['status'];
  readonly articles: number;
  readonly messages: number;
  readonly at: number;
  readonly error: string | null;
}

export interface ChannelDigestStatus {
  readonly guildId: string;
  readonly channelId: string;
  readonly schedule: string;
  readonly cron: string;
  readonly timeZone: string;
  readonly size: number;
  readonly postWhenEmpty: boolean;
  readonly locale: string;
  readonly state: ScheduleState;
  readonly stateReason: ScheduleStateReason | null;
  readonly stateDetail: string | null;
  readonly consecutiveFailures: number;
  /** Epoch ms of the next run; null when paused, disabled or never again. */
  readonly nextRunAt: number | null;
  readonly lastRun: LastRunStatus | null;
}

export type PostNowResult = RunOutcome | { readonly status: 'no_schedule' } | { readonly status: 'busy' };

export interface DigestPreview {
  readonly hasSchedule: boolean;
  readonly articles: number;
  readonly leftOut: number;
  /** Exactly what would be sent, as the formatter shaped it. */
  readonly messages: readonly FormattedMessage[];
}

/**
 * Scheduled digests: the settings moderators change through /digest, the scheduler that fires them and
 * the engine that delivers them exactly once. Construct, then start(); stop() before exit.
 */
export class DigestService {
  private readonly stores: Stores;
  private readonly engine: DigestEngine;
  private readonly scheduler: DigestScheduler;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly running = new Map<string, Promise<RunOutcome>>();
  private readonly abort = new AbortController();
  private started = false;
  private stopped = false;
  /** Ledger updates after library swaps, one after another. */
  private warming: Promise<void> = Promise.resolve();

  constructor(private readonly options: DigestServiceOptions) {
    this.stores = options.stores;
    this.clock = options.clock ?? systemClock;
    this.log = options.log.child({ component: 'digest' });
    this.engine = new DigestEngine({
      stores: this.stores,
      ledger: new CorpusLedger(this.stores.ledger),
      library: options.library,
      formatter: options.formatter,
      delivery: options.delivery,
      retryDelaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      sleep: options.sleep ?? realSleep,
      clock: this.clock,
      log: this.log,
      maxConsecutiveFailures: options.maxConsecutiveFailures ?? DEFAULT_MAX_CONSECUTIVE_FAILURES,
    });
    this.scheduler = new DigestScheduler({
      stores: this.stores,
      clock: this.clock,
      log: this.log,
      instanceId: options.instanceId ?? newInstanceId(),
      onDue: (schedule, slotAt, missed) => this.runScheduled(schedule, slotAt, missed),
      onLeadership: () => this.resumePending(),
      isBusy: (channelId) => this.running.has(channelId),
      maxSleepMs: options.maxSleepMs,
      leaseTtlMs: options.leaseTtlMs,
    });
  }

  /** Records the corpus, resumes digests a crash interrupted, makes up a missed run once, and starts the timer. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.options.library.onSwap((next) => {
      if (this.stopped) return;
      this.warming = this.warming
        .then(() => (this.stopped ? undefined : this.engine.warmLedger(next)))
        .catch((error: unknown) => this.log.error({ err: error }, 'could not record the reloaded corpus in the digest ledger'));
    });
    await this.engine.warmLedger();
    this.engine.syncLedger();
    this.stores.runs.pruneMessages(this.clock.now() - MESSAGE_RETENTION_MS);
    this.scheduler.start();
  }

  /**
   * Stops the timer and releases the lease; deliveries in flight get `stopGraceMs` to finish, then are
   * interrupted (they stay pending and the next start resumes them with the same nonces).
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.scheduler.stop();
    if (this.running.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS);
      });
      await Promise.race([this.idle(), grace]);
      clearTimeout(timer);
    }
    this.abort.abort();
    await this.idle();
    await this.warming;
    this.options.onStopped?.();
  }

  /** Resolves when no digest is being delivered (tests use it after moving the clock). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** Whether this process is the one posting scheduled digests (false while another process holds the lease). */
  isScheduling(): boolean {
    return this.scheduler.isLeader();
  }

  configure(input: SetDigestInput): SetDigestResult {
    const now = this.clock.now();
    const timeZone = input.timeZone === undefined || input.timeZone === null || input.timeZone.trim() === ''
      ? this.options.defaultTimeZone
      : resolveTimeZone(input.timeZone);
    if (timeZone === null) return { ok: false, error: { kind: 'time_zone', input: input.timeZone ?? '' } };
    const size = input.size ?? this.stores.schedules.get(input.channelId)?.size ?? DEFAULT_DIGEST_SIZE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_DIGEST_SIZE) return { ok: false, error: { kind: 'size', size } };
    let cron: string;
    let scheduleInput: string;
    try {
      ({ cron, input: scheduleInput } = parseSchedule(input.schedule, timeZone, new Date(now)));
    } catch (error) {
      if (!(error instanceof ScheduleError)) throw error;
      return { ok: false, error: { kind: 'schedule', code: error.code, input: error.input, detail: error.detail } };
    }
    const existing = this.stores.schedules.get(input.channelId);
    const others = this.stores.schedules.listByGuild(input.guildId).filter((s) => s.channelId !== input.channelId);
    if (existing === undefined && others.length >= MAX_DIGEST_CHANNELS_PER_GUILD) {
      return { ok: false, error: { kind: 'too_many', max: MAX_DIGEST_CHANNELS_PER_GUILD } };
    }
    const saved = this.stores.schedules.upsert(
      {
        channelId: input.channelId,
        guildId: input.guildId,
        scheduleInput,
        cron,
        timeZone,
        size,
        locale: input.locale,
        postWhenEmpty: input.postWhenEmpty ?? existing?.postWhenEmpty ?? false,
        createdBy: input.userId ?? null,
      },
      now,
    );
    this.log.info({ guildId: input.guildId, channelId: input.channelId, cron, timeZone, size }, 'digest schedule set');
    this.scheduler.wake();
    return { ok: true, status: this.describe(saved) };
  }

  /** Turns a channel's digest off; its delivery log is kept so turning it on again repeats nothing. */
  remove(guildId: string, channelId: string): boolean {
    const schedule = this.stores.schedules.get(channelId);
    if (schedule === undefined || schedule.guildId !== guildId) return false;
    this.stores.transaction(() => {
      if (!this.running.has(channelId)) this.engine.cancelPending(channelId);
      this.stores.schedules.remove(channelId);
    });
    this.log.info({ guildId, channelId }, 'digest schedule removed');
    this.scheduler.wake();
    return true;
  }

  status(guildId: string): ChannelDigestStatus[] {
    return this.stores.schedules.listByGuild(guildId).map((schedule) => this.describe(schedule));
  }

  channelStatus(guildId: string, channelId: string): ChannelDigestStatus | undefined {
    const schedule = this.stores.schedules.get(channelId);
    return schedule === undefined || schedule.guildId !== guildId ? undefined : this.describe(schedule);
  }

  /** Posts the channel's digest now (whatever its state); a success re-activates a paused digest. */
  async postNow(guildId: string, channelId: string): Promise<PostNowResult> {
    const schedule = this.stores.schedules.get(channelId);
    if (schedule === undefined || schedule.guildId !== guildId) return { status: 'no_schedule' };
    if (this.running.has(channelId) || this.stopped) return { status: 'busy' };
    const run = this.engine.plan(schedule, 'manual', `m:${this.clock.now()}:${randomUUID().slice(0, 8)}`, null);
    if (run === undefined) return { status: 'busy' };
    return this.track(run);
  }

  /** What the channel's next digest would post, recording nothing; defaults apply when it has no schedule. */
  preview(guildId: string, channelId: string, locale: string): DigestPreview {
    const found = this.stores.schedules.get(channelId);
    const schedule = found !== undefined && found.guildId === guildId ? found : undefined;
    const { selection, plan } = this.engine.draft(
      schedule ?? {
        channelId,
        cursorStory: null,
        size: DEFAULT_DIGEST_SIZE,
        locale,
        timeZone: this.options.defaultTimeZone,
        postWhenEmpty: false,
      },
    );
    return { hasSchedule: schedule !== undefined, articles: selection.items.length, leftOut: selection.leftOut, messages: plan.messages };
  }

  private describe(schedule: ScheduleRecord): ChannelDigestStatus {
    const last = this.stores.runs.latest(schedule.channelId);
    return {
      guildId: schedule.guildId,
      channelId: schedule.channelId,
      schedule: schedule.scheduleInput,
      cron: schedule.cron,
      timeZone: schedule.timeZone,
      size: schedule.size,
      postWhenEmpty: schedule.postWhenEmpty,
      locale: schedule.locale,
      state: schedule.state,
      stateReason: schedule.stateReason,
      stateDetail: schedule.stateDetail,
      consecutiveFailures: schedule.consecutiveFailures,
      nextRunAt: schedule.state === 'active' ? nextRunOf(schedule) : null,
      lastRun:
        last === undefined
          ? null
          : { status: last.status, articles: last.articles, messages: last.messages, at: last.finishedAt ?? last.createdAt, error: last.error },
    };
  }

  private runScheduled(schedule: ScheduleRecord, slotAt: number, missed: number): void {
    if (missed > 1) this.log.info({ channelId: schedule.channelId, missed }, 'digest runs were missed while down; making up once');
    const run = this.engine.plan(schedule, 'schedule', `s:${slotAt}`, slotAt);
    if (run !== undefined) void this.track(run);
  }

  private resumePending(): void {
    for (const run of this.stores.runs.pending()) {
      if (this.running.has(run.channelId)) continue;
      this.log.info({ channelId: run.channelId, runId: run.id }, 'resuming an interrupted digest');
      void this.track(run);
    }
  }

  private track(run: RunRecord): Promise<RunOutcome> {
    const work = this.engine
      .execute(run, this.abort.signal)
      .catch((error: unknown): RunOutcome => {
        this.log.error({ err: error, runId: run.id, channelId: run.channelId }, 'digest delivery crashed; it will be resumed');
        return { status: 'interrupted', runId: run.id };
      })
      .then((outcome) => {
        this.running.delete(run.channelId);
        if (outcome.status !== 'interrupted' && this.scheduler.isLeader()) this.resumePending();
        this.scheduler.wake();
        return outcome;
      });
    this.running.set(run.channelId, work);
    return work;
  }
}
