export type CancelTimer = () => void;

export interface Clock {
  now(): number;
  setTimer(delayMs: number, callback: () => void): CancelTimer;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(delayMs, callback) {
    const handle = setTimeout(callback, delayMs);
    handle.unref?.();
    return () => clearTimeout(handle);
  },
};

interface PendingTimer {
  dueAt: number;
  order: number;
  callback: () => void;
}

/** A clock that only moves when told to, so tests can cross 3 s or 15 min instantly. */
export class ManualClock implements Clock {
  private current: number;
  private timers = new Set<PendingTimer>();
  private order = 0;

  constructor(start: number | Date = Date.UTC(2025, 0, 6, 8, 0, 0)) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, callback: () => void): CancelTimer {
    const timer: PendingTimer = { dueAt: this.current + Math.max(0, delayMs), order: this.order++, callback };
    this.timers.add(timer);
    return () => {
      this.timers.delete(timer);
    };
  }

  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const next = [...this.timers]
        .filter((timer) => timer.dueAt <= target)
        .sort((a, b) => a.dueAt - b.dueAt || a.order - b.order)[0];
      if (!next) break;
      this.timers.delete(next);
      this.current = Math.max(this.current, next.dueAt);
      next.callback();
    }
    this.current = target;
  }
}
