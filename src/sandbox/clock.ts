/** Where the sandbox reads the time. Backups, schedules and backup runs move on this clock only. */
export interface Clock {
  /** Milliseconds since the epoch, simulated. */
  now(): number;
  /** Jumps the simulated time forward (the sandbox's `/_sandbox/clock` endpoint, and tests). */
  advance(milliseconds: number): void;
}

/** A clock tests move by hand: no timers, no sleeps. */
export class ManualClock implements Clock {
  #now: number;
  constructor(start: number | Date = Date.parse("2026-01-05T12:00:00Z")) {
    this.#now = typeof start === "number" ? start : start.getTime();
  }
  now(): number {
    return this.#now;
  }
  advance(milliseconds: number): void {
    if (milliseconds < 0) throw new RangeError("a clock does not go back");
    this.#now += milliseconds;
  }
}

/** Real time sped up `speed` times from the moment it is created (speed 60: a simulated minute a second). */
export class ScaledClock implements Clock {
  readonly #realStart = Date.now();
  #simulatedStart: number;
  constructor(
    readonly speed = 1,
    simulatedStart = Date.now(),
  ) {
    if (!(speed > 0)) throw new RangeError("speed must be positive");
    this.#simulatedStart = simulatedStart;
  }
  now(): number {
    return this.#simulatedStart + (Date.now() - this.#realStart) * this.speed;
  }
  advance(milliseconds: number): void {
    if (milliseconds < 0) throw new RangeError("a clock does not go back");
    this.#simulatedStart += milliseconds;
  }
}
