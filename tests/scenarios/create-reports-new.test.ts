// A create answers with the backup as it was created: NEW, even when the clock moves on while the
// request is handled (a fast --speed clock under load did exactly that).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCloudDatabasesClient } from "../../src/clients/cloud-databases.js";
import type { Clock } from "../../src/sandbox/clock.js";
import { DEMO_TOKEN } from "../../src/sandbox/config.js";
import { createSandbox, type Sandbox } from "../../src/sandbox/server.js";

/** Every reading is ten simulated seconds after the previous one: longer than the NEW phase. */
class TickingClock implements Clock {
  #now = Date.parse("2026-01-05T12:00:00Z");
  now(): number {
    this.#now += 10_000;
    return this.#now;
  }
  advance(milliseconds: number): void {
    this.#now += milliseconds;
  }
}

let sandbox: Sandbox;
let url = "";
beforeAll(async () => {
  sandbox = createSandbox({ clock: new TickingClock(), config: { validateResponses: true } });
  url = await sandbox.listen(0, "127.0.0.1");
});
afterAll(() => sandbox.close());

describe("the create response", () => {
  it("reports status NEW and updated = created, however far the clock moved during the request", async () => {
    const db = createCloudDatabasesClient({ baseUrl: `${url}/v1.0`, authToken: DEMO_TOKEN });
    const created = await db.POST("/{accountId}/backups", {
      params: { path: { accountId: "1234" } },
      body: { backup: { name: "n", instance: "d4603f69-ec7e-4e9b-803f-600b9205576f" } },
    });
    expect(created.response.status).toBe(202);
    expect(created.data!.backup.status).toBe("NEW");
    expect(created.data!.backup.updated).toBe(created.data!.backup.created);
    expect(created.data!.backup.size).toBeNull();
  });
});
