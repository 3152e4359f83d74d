/** Time as the bot and the Discord-compatible server see it; tests pass a ManualClock and move time themselves. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `callback` once, `delayMs` from now; returns a function that cancels it. */
  schedule(callback: () => void, delayMs: number): () => void;
}

export type CancelTimer = () => void;

export const systemClock: Clock = {
  now: () => Date.now(),
  schedule(callback, delayMs) {
    const timer = setTimeout(callback, Math.max(0, delayMs));
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

interface PendingTimer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

/** A clock that only moves when told to, firing due timers in time order. */
export class ManualClock implements Clock {
  private current: number;
  private timers: PendingTimer[] = [];
  private nextId = 1;

  constructor(start: Date | number = Date.UTC(2025, 0, 6, 8, 0, 0)) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  schedule(callback: () => void, delayMs: number): () => void {
    const timer: PendingTimer = { id: this.nextId++, at: this.current + Math.max(0, delayMs), callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t.id !== timer.id);
    };
  }

  /** Moves time forward to `target`, firing each due timer at its own time, oldest first. */
  advanceTo(target: Date | number): void {
    const end = typeof target === 'number' ? target : target.getTime();
    if (end < this.current) throw new Error('a ManualClock cannot go back in time');
    let sameInstant = 0;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((t) => t.id !== due.id);
      sameInstant = due.at <= this.current ? sameInstant + 1 : 0;
      if (sameInstant > 10_000) throw new Error('timers keep rescheduling themselves without time passing');
      this.current = Math.max(this.current, due.at);
      due.callback();
    }
    this.current = end;
  }

  advance(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  pendingTimers(): number {
    return this.timers.length;
  }
}
