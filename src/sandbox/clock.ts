/** Where the sandbox reads the time. Backups, schedules and backup runs move on this clock only. */
export interface Clock {
  /** Milliseconds since the epoch, simulated. */
  now(): number;
  /** Jumps the simulated time forward (the sandbox's `/_sandbox/clock` endpoint, and tests). */
  advance(milliseconds: number): void;
}

/**
 * The clock stops here: past year 9999 a timestamp has no four-digit year (every answer with one was a
 * 500). At most a week of schedule runs can fall after it, still in 9999.
 */
export const LATEST_TIME = Date.UTC(9999, 0, 1);

/**
 * The fastest clock: a million times real time, 11.6 simulated days a second (it reaches the year
 * 9999 from now in about three days). Faster ones are typos: 1e12 was past 9999 within a second.
 */
export const MAX_SPEED = 1_000_000;

/** A --speed value, or a one-line error saying what a speed must be. */
export function parseSpeed(text: string): number {
  const speed = /^\s*\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(speed > 0 && speed <= MAX_SPEED))
    throw new RangeError(`--speed must be a number above 0 and at most ${MAX_SPEED} (a simulated 11.6 days a second), not "${text}"`);
  return speed;
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
    this.#now = Math.min(this.#now + milliseconds, LATEST_TIME);
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
    if (!(speed > 0 && speed <= MAX_SPEED)) throw new RangeError(`speed must be above 0 and at most ${MAX_SPEED}, not ${speed}`);
    this.#simulatedStart = simulatedStart;
  }
  now(): number {
    return Math.min(this.#simulatedStart + (Date.now() - this.#realStart) * this.speed, LATEST_TIME);
  }
  advance(milliseconds: number): void {
    if (milliseconds < 0) throw new RangeError("a clock does not go back");
    this.#simulatedStart = Math.min(this.#simulatedStart + milliseconds, LATEST_TIME);
  }
}
