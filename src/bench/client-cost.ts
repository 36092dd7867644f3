import { Bench } from "tinybench";
import { createCloudDatabasesClient } from "../clients/cloud-databases.js";
import { DEMO_TOKEN } from "../sandbox/config.js";
import { ACCOUNT } from "./servers.js";

export interface CallCost {
  /** Microseconds per call: mean, p50 and p99 of tinybench's samples. */
  readonly mean: number;
  readonly p50: number;
  readonly p99: number;
  readonly samples: number;
}

export interface ClientCostRound {
  readonly rawFetch: CallCost;
  readonly client: CallCost;
}

/**
 * One round of tinybench: the generated openapi-fetch client's `GET /{accountId}/backups` against a
 * raw `fetch` of the same URL with the same headers, both reading the JSON body, against `baseUrl`
 * (the bare server, so the server's own cost is as small as it gets). `baseUrl` includes `/v1.0`.
 */
export async function measureClientCost(baseUrl: string, timeMs: number, clientFirst = false): Promise<ClientCostRound> {
  const client = createCloudDatabasesClient({ baseUrl, authToken: DEMO_TOKEN });
  const url = `${baseUrl}/${ACCOUNT}/backups`;
  const headers = { Accept: "application/json", "X-Auth-Token": DEMO_TOKEN };
  const bench = new Bench({ time: timeMs, warmupTime: Math.min(1000, timeMs / 2), throws: true });
  const tasks: [string, () => Promise<void>][] = [
    [
      "raw fetch",
      async () => {
        const response = await fetch(url, { headers });
        if (response.status !== 200) throw new Error(`raw fetch: ${response.status}`);
        await response.json();
      },
    ],
    [
      "openapi-fetch client",
      async () => {
        const { data, response } = await client.GET("/{accountId}/backups", { params: { path: { accountId: ACCOUNT } } });
        if (response.status !== 200 || !data) throw new Error(`client: ${response.status}`);
      },
    ],
  ];
  // Rounds alternate which task runs first, so neither always gets the warmer process.
  for (const [name, task] of clientFirst ? tasks.reverse() : tasks) bench.add(name, task);
  await bench.run();
  const cost = (name: string): CallCost => {
    const result = bench.getTask(name)?.result;
    if (!result || !("latency" in result)) throw new Error(`tinybench: no result for ${name}`);
    const { latency } = result;
    return { mean: latency.mean * 1000, p50: latency.p50 * 1000, p99: latency.p99 * 1000, samples: latency.samplesCount };
  };
  return { rawFetch: cost("raw fetch"), client: cost("openapi-fetch client") };
}
