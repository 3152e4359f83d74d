import type { Logger } from '../log.js';
import type { ScheduleRecord, Stores } from '../store/index.js';
import type { Clock } from '../clock.js';
import { isGoneInstance } from './instance.js';
import { latestRunAtOrBefore, nextRunAfter } from './schedule.js';

export const SCHEDULER_LEASE = 'digest-scheduler';

export interface SchedulerOptions {
  readonly stores: Stores;
  readonly clock: Clock;
  readonly log: Logger;
  /** Identifies this process in the lease. */
  readonly instanceId: string;
  /** Called (synchronously) for each schedule whose slot has come; `slotAt` is the latest due run time. */
  readonly onDue: (schedule: ScheduleRecord, slotAt: number, missed: number) => void;
  /** Called once when this process becomes the one that posts digests. */
  readonly onLeadership: () => void;
  readonly isBusy: (channelId: string) => boolean;
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
  private readonly maxSleepMs: number;
  private readonly leaseTtlMs: number;

  constructor(private readonly options: SchedulerOptions) {
    this.maxSleepMs = options.maxSleepMs ?? 5 * 60_000;
    this.leaseTtlMs = options.leaseTtlMs ?? 10 * 60_000;
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.leader) this.options.stores.leases.release(SCHEDULER_LEASE, this.options.instanceId);
    this.leader = false;
  }

  isLeader(): boolean {
    return this.leader;
  }

  /** Checks every schedule now and sleeps until the next one is due. */
  wake(): void {
    if (this.stopped) return;
    this.cancelTimer?.();
    this.cancelTimer = null;
    const { clock, log } = this.options;
    const now = clock.now();
    try {
      if (!this.holdLease(now)) {
        this.arm(Math.min(this.maxSleepMs, this.leaseTtlMs / 2));
        return;
      }
      let earliest = Number.POSITIVE_INFINITY;
      for (const schedule of this.options.stores.schedules.listActive()) {
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
          this.options.onDue(schedule, slotAt, countMissed(schedule, next, slotAt));
        } catch (error) {
          log.error({ err: error, channelId: schedule.channelId }, 'could not plan a digest; retrying at the next check');
          continue;
        }
        const after = nextRunAfter(schedule.cron, schedule.timeZone, slotAt);
        if (after !== null) earliest = Math.min(earliest, after);
      }
      const renewAt = this.leaseExpiresAt - this.leaseTtlMs / 2;
      this.arm(Math.min(earliest - clock.now(), renewAt - clock.now(), this.maxSleepMs));
    } catch (error) {
      log.error({ err: error }, 'digest scheduler check failed; retrying');
      this.arm(this.maxSleepMs);
    }
  }

  private holdLease(now: number): boolean {
    const { stores, instanceId, log } = this.options;
    if (this.leader && now < this.leaseExpiresAt - this.leaseTtlMs / 2) return true;
    const acquired = stores.leases.tryAcquire(SCHEDULER_LEASE, instanceId, this.leaseTtlMs, now, isGoneInstance);
    if (acquired) {
      this.leaseExpiresAt = now + this.leaseTtlMs;
      if (!this.leader) {
        this.leader = true;
        log.info({ instanceId }, 'this process now posts the scheduled digests');
        this.options.onLeadership();
      }
    } else if (this.leader) {
      this.leader = false;
      log.warn({ instanceId }, 'another process took over the scheduled digests');
    }
    return acquired;
  }

  private arm(delayMs: number): void {
    if (this.stopped) return;
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
