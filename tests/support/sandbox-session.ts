import { afterAll, beforeAll, beforeEach } from "vitest";
import { type CloudDatabasesClient, createCloudDatabasesClient } from "../../src/clients/cloud-databases.js";
import { createZcomComputeClient, type ZcomComputeClient } from "../../src/clients/zcom-compute.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import { DEMO_TOKEN, OTHER_DEMO_TOKEN, type SandboxConfig } from "../../src/sandbox/config.js";
import { createSandbox, type Sandbox } from "../../src/sandbox/server.js";

export interface SandboxSession {
  readonly clock: ManualClock;
  sandbox(): Sandbox;
  url(): string;
  /** Clients of the demo account (1234 / tenant 1864e71d…), or of the other demo account. */
  db(token?: string): CloudDatabasesClient;
  zcom(token?: string): ZcomComputeClient;
}

/**
 * One sandbox for a test file, on a free 127.0.0.1 port, with response validation on and a manual
 * clock; reset to the documented data before each test and closed after the file.
 */
export function useSandbox(config: Partial<SandboxConfig> = {}): SandboxSession {
  const clock = new ManualClock();
  let sandbox: Sandbox | undefined;
  let url = "";
  beforeAll(async () => {
    sandbox = createSandbox({ clock, config: { ...config, validateResponses: true } });
    url = await sandbox.listen(0, "127.0.0.1");
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  beforeEach(() => sandbox?.reset());
  return {
    clock,
    sandbox: () => sandbox!,
    url: () => url,
    db: (token = DEMO_TOKEN) => createCloudDatabasesClient({ baseUrl: `${url}/v1.0`, authToken: token }),
    zcom: (token = DEMO_TOKEN) => createZcomComputeClient({ baseUrl: `${url}/v2`, authToken: token }),
  };
}

export { DEMO_TOKEN, OTHER_DEMO_TOKEN };
export const ACCOUNT = "1234";
export const OTHER_ACCOUNT = "5678";
export const TENANT = "1864e71d2deb46f6b47526b69c65a45d";
/** The Z.com tenant of OTHER_DEMO_TOKEN (src/sandbox/config.ts). */
export const OTHER_TENANT = "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5";
export const INSTANCE = "d4603f69-ec7e-4e9b-803f-600b9205576f";
export const HA = "130922a2-b9ab-4e95-86be-9c5d79171b5e";
