import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.js';
import { StoreUnavailable, type NewInteraction, type RunRecord, type ScheduleRecord, type ScheduleState, type ScheduleStateReason, type Store } from '../store/index.js';
import { systemClock, type Clock } from '../clock.js';
import { COMMAND_CLAIM_MS, WaitingAnswers } from './answers.js';
import { DigestEngine, type RunOutcome } from './engine.js';
import { isGoneInstance, newInstanceId } from './instance.js';
import { CorpusLedger } from './ledger.js';
import { parseSchedule, ScheduleError, type ScheduleErrorCode } from './schedule.js';
import { DigestScheduler, nextRunOf } from './scheduler.js';
import {
  everyArticleEverywhere,
  type ChannelRoutes,
  type CommandReplies,
  type DeliveryPort,
  type DigestFormatter,
  type DigestLibraryHolder,
  type FormattedMessage,
} from './ports.js';
import { DEFAULT_RETRY_DELAYS_MS, realSleep, type Sleep } from './retry.js';
import { resolveTimeZone } from './timezone.js';

export const MAX_DIGEST_CHANNELS_PER_GUILD = 25;
export const DEFAULT_DIGEST_SIZE = 5;
export const MAX_DIGEST_SIZE = 10;
export const MAX_DIGEST_MESSAGES = 10;
export const DEFAULT_MAX_CONSECUTIVE_FAILURES = 3;
export const DEFAULT_STOP_GRACE_MS = 5_000;
/** Bodies of finished digests are kept this long (for inspection), then dropped; the delivery log stays. */
export const MESSAGE_RETENTION_MS = 30 * 86_400_000;
/** A run's claim: longer than one send and the longest backoff, renewed before every try. */
export const DEFAULT_CLAIM_TTL_MS = 5 * 60_000;
export const DEFAULT_SEND_TIMEOUT_MS = 90_000;
/** How often commands left unanswered by a stopped process are looked for. */
export const COMMAND_CHECK_MS = 30_000;

export interface DigestServiceOptions {
  readonly store: Store;
  /** Shapes a run into the medium's messages (src/discord/digest for Discord). */
  readonly formatter: DigestFormatter;
  /** Sends them. */
  readonly delivery: DeliveryPort;
  /** Finishes the answers of commands a stopped process left waiting; without it they are left alone. */
  readonly replies?: CommandReplies;
  /** Which articles may go to which channel (default: every article to every digest). */
  readonly routes?: ChannelRoutes;
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
  readonly claimTtlMs?: number;
  readonly sendTimeoutMs?: number;
  /** How long stop() lets deliveries in flight finish before interrupting them. */
  readonly stopGraceMs?: number;
  /** Called once by stop(), after everything else (closes the store the service opened). */
  readonly onStopped?: () => Promise<void> | void;
}

export interface SetDigestInput {
  readonly guildId: string;
  readonly channelId: string;
  readonly schedule: string;
  readonly timeZone?: string | null;
  readonly size?: number | null;
  readonly maxMessages?: number | null;
  readonly postWhenEmpty?: boolean | null;
  /** Language of the posts: the guild's locale, else the moderator's. */
  readonly locale: string;
  readonly userId?: string | null;
}

export type SetDigestError =
  | { readonly kind: 'schedule'; readonly code: ScheduleErrorCode; readonly input: string; readonly detail: string }
  | { readonly kind: 'time_zone'; readonly input: string }
  | { readonly kind: 'size'; readonly size: number }
  | { readonly kind: 'max_messages'; readonly maxMessages: number }
  | { readonly kind: 'too_many'; readonly max: number };

export type SetDigestResult = { readonly ok: true; readonly status: ChannelDigestStatus } | { readonly ok: false; readonly error: SetDigestError };

export interface LastRunStatus {
  readonly status: RunRecord['status'];
  readonly articles: number;
  readonly messages: number;
  /** New articles that did not fit and wait for the next digest. */
  readonly waiting: number;
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
  readonly maxMessages: number;
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

/** A store outage the service ran into, until a later write went through. */
export interface DigestOutage {
  readonly error: StoreUnavailable;
  readonly at: number;
}

export type PostNowResult =
  | RunOutcome
  | { readonly status: 'no_schedule' }
  /** The channel had a digest and a moderator turned it off. */
  | { readonly status: 'off' }
  | { readonly status: 'busy' };

export interface DigestPreview {
  readonly hasSchedule: boolean;
  /** The channel had a digest and a moderator turned it off (the preview uses the defaults). */
  readonly turnedOff: boolean;
  readonly articles: number;
  /** New articles that would wait for the digest after it. */
  readonly leftOut: number;
  /** Exactly what would be sent, as the formatter shaped it. */
  readonly messages: readonly FormattedMessage[];
}

/** A command that asked for a digest, as it arrived (recorded before it is acknowledged). */
export type DigestCommand = Omit<NewInteraction, 'createdAt'>;

/**
 * Scheduled digests: the settings moderators change through /digest, the scheduler that fires them and
 * the engine that delivers them exactly once. Construct, then start(); stop() before exit.
 */
export class DigestService {
  private readonly store: Store;
  private readonly engine: DigestEngine;
  private readonly scheduler: DigestScheduler;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly instanceId: string;
  /** The run each channel is delivering in this process. */
  private readonly running = new Map<string, { readonly runId: number; readonly work: Promise<RunOutcome> }>();
  /** Channels whose run this process is planning (recorded, not yet tracked): nobody else here may start it. */
  private readonly planning = new Set<string>();
  /** Other work in flight (ledger updates, finishing answers), awaited by idle() and stop(). */
  private readonly chores = new Set<Promise<unknown>>();
  private readonly abort = new AbortController();
  private readonly answers: WaitingAnswers | null;
  private cancelCommandCheck: (() => void) | null = null;
  private lastOutage: DigestOutage | null = null;
  private started = false;
  private stopped = false;
  /** Ledger updates after library swaps, one after another. */
  private warming: Promise<void> = Promise.resolve();

  constructor(private readonly options: DigestServiceOptions) {
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.log = options.log.child({ component: 'digest' });
    this.instanceId = options.instanceId ?? newInstanceId();
    this.engine = new DigestEngine({
      store: this.store,
      holder: this.instanceId,
      ledger: new CorpusLedger(this.store.ledger),
      library: options.library,
      formatter: options.formatter,
      delivery: options.delivery,
      routes: options.routes ?? everyArticleEverywhere,
      retryDelaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      sleep: options.sleep ?? realSleep,
      clock: this.clock,
      log: this.log,
      maxConsecutiveFailures: options.maxConsecutiveFailures ?? DEFAULT_MAX_CONSECUTIVE_FAILURES,
      claimTtlMs: options.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS,
      sendTimeoutMs: options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS,
    });
    this.scheduler = new DigestScheduler({
      store: this.store,
      clock: this.clock,
      log: this.log,
      instanceId: this.instanceId,
      onDue: (schedule, slotAt, missed) => this.runScheduled(schedule, slotAt, missed),
      onCheck: () => this.resumePending(),
      isBusy: (channelId) => this.busy(channelId),
      onError: (error) => this.noteOutage(error),
      maxSleepMs: options.maxSleepMs,
      leaseTtlMs: options.leaseTtlMs,
    });
    this.answers =
      options.replies === undefined
        ? null
        : new WaitingAnswers({
            store: this.store,
            replies: options.replies,
            clock: this.clock,
            log: this.log,
            holder: this.instanceId,
            settle: (run) => this.settle(run),
            stopped: () => this.stopped,
          });
  }

  /**
   * Records the corpus, resumes digests a crash interrupted, makes up a missed run once, finishes the answers a
   * stopped process left waiting, and starts the timer. A store that cannot be used is logged with its cause and
   * named by status(); nothing throws.
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.options.library.onSwap((next) => {
      if (this.stopped) return;
      this.warming = this.warming
        .then(() => (this.stopped ? undefined : this.engine.warmLedger(next, this.abort.signal)))
        .catch((error: unknown) => {
          this.noteOutage(error);
          this.log.error({ err: error }, 'could not record the reloaded corpus in the digest ledger');
        });
    });
    // stop() waits for this, so a shutdown during start closes the store only after the chunk being written
    const upToDate = this.warming.then(() => this.bringStoreUpToDate());
    this.warming = upToDate;
    await upToDate;
    // the bot does not wait for this start: a shutdown may have come first
    if (this.stopped) return;
    await this.scheduler.start();
    this.checkCommands();
  }

  private async bringStoreUpToDate(): Promise<void> {
    try {
      // every plan and preview syncs first; at start recording the corpus is enough
      await this.engine.warmLedger(undefined, this.abort.signal);
      if (this.stopped) return;
      const now = this.clock.now();
      await this.store.runs.pruneMessages(now - MESSAGE_RETENTION_MS);
      await this.store.interactions.prune(now - 24 * 3_600_000);
    } catch (error) {
      this.noteOutage(error);
      this.log.error({ err: error }, 'the digest store could not be brought up to date; digests wait until it can');
    }
  }

  /**
   * Stops the timer and releases the lease; deliveries in flight get `stopGraceMs` to finish, then are
   * interrupted (they stay pending, their claims given back, and the next process resumes them with the same nonces).
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.cancelCommandCheck?.();
    await this.scheduler.stop();
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
    await this.options.onStopped?.();
  }

  /** Resolves when nothing is being checked, delivered or answered (tests use it after moving the clock). */
  async idle(): Promise<void> {
    for (;;) {
      await this.scheduler.idle();
      const work = [...[...this.running.values()].map((r) => r.work), ...this.chores];
      if (work.length === 0) return;
      await Promise.allSettled(work);
    }
  }

  /** Whether this process is the one posting scheduled digests (false while another process holds the lease). */
  isScheduling(): boolean {
    return this.scheduler.isLeader();
  }

  /** The last store outage met, until a later write went through; status() shows it to moderators. */
  outage(): DigestOutage | null {
    return this.lastOutage;
  }

  async configure(input: SetDigestInput): Promise<SetDigestResult> {
    return this.guard(async () => {
      const now = this.clock.now();
      const timeZone = input.timeZone === undefined || input.timeZone === null || input.timeZone.trim() === ''
        ? this.options.defaultTimeZone
        : resolveTimeZone(input.timeZone);
      if (timeZone === null) return { ok: false, error: { kind: 'time_zone', input: input.timeZone ?? '' } };
      const existing = await this.store.schedules.get(input.channelId);
      const size = input.size ?? existing?.size ?? DEFAULT_DIGEST_SIZE;
      if (!Number.isInteger(size) || size < 1 || size > MAX_DIGEST_SIZE) return { ok: false, error: { kind: 'size', size } };
      const maxMessages = input.maxMessages ?? existing?.maxMessages ?? 1;
      if (!Number.isInteger(maxMessages) || maxMessages < 1 || maxMessages > MAX_DIGEST_MESSAGES) {
        return { ok: false, error: { kind: 'max_messages', maxMessages } };
      }
      let cron: string;
      let scheduleInput: string;
      try {
        ({ cron, input: scheduleInput } = parseSchedule(input.schedule, timeZone, new Date(now)));
      } catch (error) {
        if (!(error instanceof ScheduleError)) throw error;
        return { ok: false, error: { kind: 'schedule', code: error.code, input: error.input, detail: error.detail } };
      }
      const saved = await this.store.schedules.save(
        {
          channelId: input.channelId,
          guildId: input.guildId,
          scheduleInput,
          cron,
          timeZone,
          size,
          maxMessages,
          locale: input.locale,
          postWhenEmpty: input.postWhenEmpty ?? existing?.postWhenEmpty ?? false,
          createdBy: input.userId ?? null,
        },
        now,
        MAX_DIGEST_CHANNELS_PER_GUILD,
      );
      if (saved.status === 'too_many') return { ok: false, error: { kind: 'too_many', max: saved.max } };
      this.lastOutage = null;
      this.log.info({ guildId: input.guildId, channelId: input.channelId, cron, timeZone, size, maxMessages }, 'digest schedule set');
      this.scheduler.wake();
      return { ok: true, status: await this.describe(saved.schedule) };
    });
  }

  /** Turns a channel's digest off; its delivery log is kept so turning it on again repeats nothing. */
  async remove(guildId: string, channelId: string): Promise<boolean> {
    return this.guard(async () => {
      const removed = await this.store.schedules.remove(guildId, channelId, this.clock.now());
      if (removed) {
        this.log.info({ guildId, channelId }, 'digest schedule removed');
        this.scheduler.wake();
      }
      return removed;
    });
  }

  async status(guildId: string): Promise<ChannelDigestStatus[]> {
    return this.guard(async () => Promise.all((await this.store.schedules.ofGuild(guildId)).map((schedule) => this.describe(schedule))));
  }

  async channelStatus(guildId: string, channelId: string): Promise<ChannelDigestStatus | undefined> {
    return this.guard(async () => {
      const schedule = await this.store.schedules.get(channelId);
      return schedule === undefined || schedule.guildId !== guildId ? undefined : this.describe(schedule);
    });
  }

  /** The channel a command means: the one it names, else the server's only digest, else the channel it was typed in. */
  async chooseChannel(guildId: string, named: string | null, current: string): Promise<string> {
    if (named !== null) return named;
    return this.guard(async () => {
      const schedules = await this.store.schedules.ofGuild(guildId);
      const [only] = schedules;
      return schedules.length === 1 && only !== undefined ? only.channelId : current;
    });
  }

  /**
   * Records a command that asked for a digest before it is acknowledged, so that a restart can finish its answer;
   * rejects with StoreUnavailable when the store cannot take it (nothing is acknowledged, nothing started).
   */
  async accept(command: DigestCommand): Promise<void> {
    await this.guard(() => this.store.interactions.record({ ...command, createdAt: this.clock.now() }, this.instanceId, COMMAND_CLAIM_MS));
  }

  /** Notes that a command got its answer (what it said, e.g. `delivered`), so no restart answers it again. */
  async answered(commandId: string, outcome: string): Promise<void> {
    await this.guard(() => this.store.interactions.markAnswered(commandId, outcome, this.clock.now()));
  }

  /** Posts the channel's digest now (whatever its state); a success re-activates a paused digest. */
  async postNow(guildId: string, channelId: string, options: { readonly commandId?: string } = {}): Promise<PostNowResult> {
    return this.guard(async () => {
      const schedule = await this.store.schedules.get(channelId);
      if (schedule === undefined || schedule.guildId !== guildId) return (await this.wasTurnedOff(guildId, channelId)) ? { status: 'off' } : { status: 'no_schedule' };
      if (this.busy(channelId) || this.stopped) return { status: 'busy' };
      const run = await this.planned(channelId, () =>
        this.engine.plan(schedule, 'manual', `m:${this.clock.now()}:${randomUUID().slice(0, 8)}`, null, options.commandId ?? null),
      );
      if (run === undefined) return { status: 'busy' };
      this.lastOutage = null;
      return this.track(run);
    });
  }

  /** What the channel's next digest would post, recording nothing; defaults apply when it has no schedule. */
  async preview(guildId: string, channelId: string, locale: string): Promise<DigestPreview> {
    return this.guard(async () => {
      const found = await this.store.schedules.get(channelId);
      const schedule = found !== undefined && found.guildId === guildId ? found : undefined;
      const { selection, plan } = await this.engine.draft(
        schedule ?? {
          guildId,
          channelId,
          cursorStory: null,
          size: DEFAULT_DIGEST_SIZE,
          maxMessages: 1,
          locale,
          timeZone: this.options.defaultTimeZone,
          postWhenEmpty: false,
        },
      );
      return {
        hasSchedule: schedule !== undefined,
        turnedOff: schedule === undefined && (await this.wasTurnedOff(guildId, channelId)),
        articles: selection.items.length,
        leftOut: selection.leftOut,
        messages: plan.messages,
      };
    });
  }

  private async wasTurnedOff(guildId: string, channelId: string): Promise<boolean> {
    const last = await this.store.runs.latest(channelId);
    return last !== undefined && last.guildId === guildId;
  }

  private async describe(schedule: ScheduleRecord): Promise<ChannelDigestStatus> {
    const last = await this.store.runs.latest(schedule.channelId);
    return {
      guildId: schedule.guildId,
      channelId: schedule.channelId,
      schedule: schedule.scheduleInput,
      cron: schedule.cron,
      timeZone: schedule.timeZone,
      size: schedule.size,
      maxMessages: schedule.maxMessages,
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
          : {
              status: last.status,
              articles: last.articles,
              messages: last.messages,
              waiting: last.waiting,
              at: last.finishedAt ?? last.createdAt,
              error: last.error,
            },
    };
  }

  private async runScheduled(schedule: ScheduleRecord, slotAt: number, missed: number): Promise<void> {
    if (missed > 1) this.log.info({ channelId: schedule.channelId, missed }, 'digest runs were missed while down; making up once');
    const run = await this.planned(schedule.channelId, () => this.engine.plan(schedule, 'schedule', `s:${slotAt}`, slotAt));
    if (run !== undefined) void this.track(run);
  }

  /** Whether this process plans or delivers a run of the channel now. */
  private busy(channelId: string): boolean {
    return this.running.has(channelId) || this.planning.has(channelId);
  }

  /** Plans a run with the channel marked busy until the caller tracks it. */
  private async planned(channelId: string, plan: () => Promise<RunRecord | undefined>): Promise<RunRecord | undefined> {
    this.planning.add(channelId);
    try {
      return await plan();
    } finally {
      this.planning.delete(channelId);
    }
  }

  /** Delivers the runs other processes left (they crashed, or gave their claim back when they stopped). */
  private async resumePending(): Promise<void> {
    if (this.stopped) return;
    const now = this.clock.now();
    for (const run of await this.store.runs.pending()) {
      if (this.busy(run.channelId)) continue;
      // A run this process claimed is delivered by whoever planned it here, unless its claim ran out.
      const claimable = run.claimedBy === null || (run.claimExpiresAt ?? 0) <= now || (run.claimedBy !== this.instanceId && isGoneInstance(run.claimedBy));
      if (!claimable) continue;
      this.log.info({ channelId: run.channelId, runId: run.id }, 'resuming an interrupted digest');
      void this.track(run);
    }
  }

  private track(run: RunRecord): Promise<RunOutcome> {
    const work = this.engine
      .execute(run, this.abort.signal)
      .then(
        (outcome) => {
          if (outcome.status !== 'interrupted') this.lastOutage = null;
          return outcome;
        },
        (error: unknown): RunOutcome => {
          this.noteOutage(error);
          this.log.error({ err: error, runId: run.id, channelId: run.channelId }, 'digest delivery stopped; it will be resumed');
          return { status: 'interrupted', runId: run.id };
        },
      )
      .then((outcome) => {
        this.running.delete(run.channelId);
        this.scheduler.wake();
        return outcome;
      });
    this.running.set(run.channelId, { runId: run.id, work });
    return work;
  }

  /** Finishes, now and every COMMAND_CHECK_MS, the answers a stopped process left waiting. */
  private checkCommands(): void {
    const answers = this.answers;
    if (this.stopped || answers === null) return;
    const chore = answers
      .finish()
      .catch((error: unknown) => {
        this.noteOutage(error);
        this.log.warn({ err: error }, 'could not finish the answers of interrupted digest commands; trying again');
      })
      .finally(() => {
        this.chores.delete(chore);
        if (!this.stopped) this.cancelCommandCheck = this.clock.schedule(() => this.checkCommands(), COMMAND_CHECK_MS);
      });
    this.chores.add(chore);
  }

  /** Delivers a pending run here, or waits for this process's delivery of it; leaves alone one being planned here. */
  private async settle(run: RunRecord): Promise<void> {
    const current = this.running.get(run.channelId);
    if (current !== undefined && current.runId === run.id) await current.work;
    else if (current === undefined && !this.planning.has(run.channelId)) await this.track(run);
  }

  /** Runs store work, remembering an outage (read-only, full, gone) for status() before passing it on. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      this.noteOutage(error);
      throw error;
    }
  }

  private noteOutage(error: unknown): void {
    if (error instanceof StoreUnavailable) this.lastOutage = { error, at: this.clock.now() };
  }
}
