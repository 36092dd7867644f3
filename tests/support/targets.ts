// The servers the contract suite runs against: the Prism mocks (started by the global setup) and the
// stateful sandbox (started in-process, response validation on, on a clock the tests move).
import { inject } from "vitest";
import { createCloudDatabasesClient } from "../../src/clients/cloud-databases.js";
import { createZcomComputeClient } from "../../src/clients/zcom-compute.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import { DEFAULT_CONFIG, DEMO_TOKEN } from "../../src/sandbox/config.js";
import { createSandbox, type Sandbox } from "../../src/sandbox/server.js";

export interface Target {
  readonly name: "prism" | "sandbox";
  /** Base URL of each API on this target. */
  baseUrls(): { "cloud-databases": string; "zcom-compute": string };
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Back to the documented data before each test (the sandbox keeps state; Prism has none). */
  reset(): void;
}

export function prismTarget(): Target {
  return {
    name: "prism",
    baseUrls: () => {
      const urls = inject("prismUrls");
      return { "cloud-databases": urls["cloud-databases"]!, "zcom-compute": urls["zcom-compute"]! };
    },
    start: async () => undefined,
    stop: async () => undefined,
    reset: () => undefined,
  };
}

export interface SandboxTarget extends Target {
  readonly sandbox: () => Sandbox;
  readonly clock: ManualClock;
  /** The Cloud Databases regions, each served at `/{region}/v1.0`. */
  readonly regions: () => readonly string[];
}

export function sandboxTarget(): SandboxTarget {
  const clock = new ManualClock();
  let sandbox: Sandbox | undefined;
  let url = "";
  return {
    name: "sandbox",
    clock,
    sandbox: () => sandbox!,
    regions: () => DEFAULT_CONFIG.regions,
    baseUrls: () => ({ "cloud-databases": `${url}/v1.0`, "zcom-compute": `${url}/v2` }),
    async start() {
      sandbox = createSandbox({ clock, config: { validateResponses: true } });
      url = await sandbox.listen(0, "127.0.0.1");
    },
    stop: async () => sandbox?.close(),
    reset: () => sandbox?.reset(),
  };
}

export const cloudDatabasesClient = (baseUrl: string, authToken = DEMO_TOKEN) => createCloudDatabasesClient({ baseUrl, authToken });
export const zcomComputeClient = (baseUrl: string, authToken = DEMO_TOKEN) => createZcomComputeClient({ baseUrl, authToken });
