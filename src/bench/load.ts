import autocannon from "autocannon";
import type { BenchServer } from "./servers.js";
import { quantile, SampleBuffer } from "./stats.js";

export interface LoadOptions {
  readonly connections: number;
  /** Seconds. */
  readonly duration: number;
}

export interface LoadResult {
  readonly connections: number;
  /** 2xx responses per second over the run. */
  readonly requestsPerSecond: number;
  /** Milliseconds, exact percentiles of every 2xx response's latency (autocannon's histogram rounds to 1 ms). */
  readonly p50: number;
  readonly p99: number;
  readonly responses: number;
  /** Non-2xx answers, connection errors and timeouts: a run with any is not a measurement of the request. */
  readonly failures: number;
}

/**
 * Loads one server with autocannon (keep-alive connections, no pipelining) for `duration` seconds.
 * Latencies are taken from autocannon's per-response event at full resolution.
 */
export function load(server: BenchServer, options: LoadOptions): Promise<LoadResult> {
  const latencies = new SampleBuffer();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.url,
        headers: { ...server.headers },
        connections: options.connections,
        duration: options.duration,
        pipelining: 1,
      },
      (error, result) => {
        if (error) return reject(error);
        const sorted = latencies.sorted();
        resolve({
          connections: options.connections,
          requestsPerSecond: result["2xx"] / result.duration,
          p50: quantile(sorted, 0.5),
          p99: quantile(sorted, 0.99),
          responses: result["2xx"],
          failures: result.non2xx + result.errors + result.timeouts,
        });
      },
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}
