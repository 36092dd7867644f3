/** A step that did not settle in time; its message says what and how long. */
export class TimeLimitError extends Error {
  override readonly name = "TimeLimitError";
}

/**
 * Settles as `work` does, or rejects with TimeLimitError after `ms`. The timer also keeps the process
 * alive: a promise that never settles holds nothing open, so without it Node would simply exit, 0 and silent.
 */
export function withinTimeLimit<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimeLimitError(`${what} did not settle within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** How long recording one code sample may take: BUILD_SAMPLE_TIME_LIMIT_MS, else 15 s (a sample answers at once). */
export function sampleTimeLimitMs(): number {
  const configured = Number(process.env.BUILD_SAMPLE_TIME_LIMIT_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : 15_000;
}
