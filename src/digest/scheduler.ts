import type { Logger } from '../log.js';
import type { ScheduleRecord, Store } from '../store/index.js';
import type { Clock } from '../clock.js';
import { isGoneInstance } from './instance.js';
import { latestRunAtOrBefore, nextRunAfter } from './schedule.js';

export const SCHEDULER_LEASE = 'digest-scheduler';

export interface SchedulerOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly log: Logger;
  /** Identifies this process in the lease. */
  readonly instanceId: string;
  /** Called for each schedule whose slot has come; `slotAt` is the latest due run time. */
  readonly onDue: (schedule: ScheduleRecord, slotAt: number, missed: number) => Promise<void>;
  /** Called at every check while this process posts the digests (resumes runs other processes left). */
  readonly onCheck: () => Promise<void>;
  readonly isBusy: (channelId: string) => boolean;
  /** Told of a check that failed (the store is unavailable, say). */
  readonly onError?: (error: unknown) => void;
  /** Longest sleep between checks, so changes made by another process are noticed. */
  readonly maxSleepMs?: number;
  readonly leaseTtlMs?: number;
}

/** When a schedule next runs, counted from its last handled slot (or from when it was set). */
export function nextRunOf(schedule: ScheduleRecord): number | null {
  return nextRunAfter(schedule.cron, schedule.timeZone, schedule.lastSlotAt ?? schedule.anchorAt);
}

/**
 * Fires due schedules from an injectable clock (croner only computes the times). A slot missed while the
 * process was down is made up once: only the latest missed run happens. Only the lease holder fires.
 */
export class DigestScheduler {
  private cancelTimer: (() => void) | null = null;
  private stopped = true;
  private leader = false;
  private leaseExpiresAt = 0;
  /** The check in progress, and whether another was asked for meanwhile. */
  private checking: Promise<void> | null = null;
  private again = false;
  private readonly maxSleepMs: number;
  private readonly leaseTtlMs: number;

  constructor(private readonly options: SchedulerOptions) {
    this.maxSleepMs = options.maxSleepMs ?? 5 * 60_000;
    this.leaseTtlMs = options.leaseTtlMs ?? 10 * 60_000;
  }

  /** Starts checking; resolves when the first check is done (this process knows whether it posts the digests). */
  async start(): Promise<void> {
    this.stopped = false;
    this.wake();
    await this.idle();
  }

  /** Stops the timer, waits for a check in progress and gives the lease back. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
    await this.checking;
    if (this.leader) await this.options.store.leases.release(SCHEDULER_LEASE, this.options.instanceId).catch(() => undefined);
    this.leader = false;
  }

  isLeader(): boolean {
    return this.leader;
  }

  /** Resolves when no check is running (tests, after moving the clock). */
  async idle(): Promise<void> {
    while (this.checking !== null) await this.checking;
  }

  /** Checks every schedule soon and then sleeps until the next one is due. */
  wake(): void {
    if (this.stopped) return;
    if (this.checking !== null) {
      this.again = true;
      return;
    }
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.checking = this.check().finally(() => {
      this.checking = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  private async check(): Promise<void> {
    const { clock, store } = this.options;
    try {
      const now = clock.now();
      if (!(await this.holdLease(now))) {
        this.arm(Math.min(this.maxSleepMs, this.leaseTtlMs / 2));
        return;
      }
      let earliest = Number.POSITIVE_INFINITY;
      for (const schedule of await store.schedules.active()) {
        const next = nextRunOf(schedule);
        if (next === null) continue;
        if (next > now) {
          earliest = Math.min(earliest, next);
          continue;
        }
        // A channel still posting its previous digest is checked again when that one ends (it wakes us).
        if (this.options.isBusy(schedule.channelId)) continue;
        const slotAt = latestRunAtOrBefore(schedule.cron, schedule.timeZone, now) ?? next;
        try {
          await this.options.onDue(schedule, slotAt, countMissed(schedule, next, slotAt));
        } catch (error) {
          this.options.log.error({ err: error, channelId: schedule.channelId }, 'could not plan a digest; retrying at the next check');
          this.options.onError?.(error);
          earliest = Math.min(earliest, now + Math.min(this.maxSleepMs, 60_000));
          continue;
        }
        const after = nextRunAfter(schedule.cron, schedule.timeZone, slotAt);
        if (after !== null) earliest = Math.min(earliest, after);
      }
      await this.options.onCheck();
      const renewAt = this.leaseExpiresAt - this.leaseTtlMs / 2;
      const delay = Math.min(earliest - clock.now(), renewAt - clock.now(), this.maxSleepMs);
      // Time moved on while this check awaited the store: what has come due meanwhile is checked at once.
      if (delay <= 0) this.again = true;
      else this.arm(delay);
    } catch (error) {
      this.options.log.error({ err: error }, 'digest scheduler check failed; retrying');
      this.options.onError?.(error);
      this.arm(Math.min(this.maxSleepMs, 60_000));
    }
  }

  private async holdLease(now: number): Promise<boolean> {
    const { store, instanceId, log } = this.options;
    if (this.leader && now < this.leaseExpiresAt - this.leaseTtlMs / 2) return true;
    const acquired = await store.leases.acquire(SCHEDULER_LEASE, instanceId, this.leaseTtlMs, now, isGoneInstance);
    if (acquired) {
      this.leaseExpiresAt = now + this.leaseTtlMs;
      if (!this.leader) {
        this.leader = true;
        log.info({ instanceId }, 'this process now posts the scheduled digests');
      }
    } else if (this.leader) {
      this.leader = false;
      log.warn({ instanceId }, 'another process took over the scheduled digests');
    }
    return acquired;
  }

  private arm(delayMs: number): void {
    if (this.stopped) return;
    this.cancelTimer?.();
    this.cancelTimer = this.options.clock.schedule(() => this.wake(), Math.max(0, delayMs));
  }
}

/** How many runs fell between the first due one and the latest (1 when none was missed). */
function countMissed(schedule: ScheduleRecord, first: number, latest: number): number {
  let missed = 0;
  for (let at: number | null = first; at !== null && at <= latest && missed < 10_000; missed++) {
    at = nextRunAfter(schedule.cron, schedule.timeZone, at);
  }
  return Math.max(1, missed);
}
