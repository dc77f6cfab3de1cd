/** Time, injectable so that tests can run a four-hour SLA threshold in milliseconds. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that tests move by hand. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string | number = "2026-01-05T09:00:00Z") {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string | number): void {
    this.current = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * The demo clock of the shell: real time plus an offset that only grows, so a newcomer can jump
 * an hour ahead and watch what an SLA clock does. Never used when Slack or Teams are connected.
 */
export class AdjustableClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly base: Clock = systemClock) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }
  /** How far the demo time runs ahead of the base clock. */
  get aheadMs(): number {
    return this.offsetMs;
  }
  /** Moves the time forward to `at`; a time in the past leaves it where it is. */
  moveTo(at: Date): void {
    const delta = at.getTime() - this.now().getTime();
    if (delta > 0) this.offsetMs += delta;
  }
}
