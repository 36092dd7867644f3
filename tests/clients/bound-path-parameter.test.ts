// A client bound to an account (Cloud Databases) or a tenant (Z.com) fills in that path parameter on
// every call that leaves it out; a call that names another one is sent to that one.
import { describe, expect, it } from "vitest";
import { createCloudDatabasesClient } from "../../src/clients/cloud-databases.js";
import { createZcomComputeClient } from "../../src/clients/zcom-compute.js";
import { observedFetch } from "./observed-fetch.js";

const baseUrl = "https://dfw.databases.api.rackspacecloud.com/v1.0";
const paths = (requests: Request[]) =>
  requests.map((request) => `${request.method} ${new URL(request.url).pathname}${new URL(request.url).search}`);

describe("a bound account or tenant", () => {
  it("is filled in where a call leaves it out, whatever else the call gives", async () => {
    const observed = observedFetch(() => Response.json({}));
    const db = createCloudDatabasesClient({ baseUrl, authToken: "t", accountId: "1234", fetch: observed.fetch });
    await db.GET("/{accountId}/backups");
    await db.GET("/{accountId}/backups", { params: { query: { datastore: "mysql" } } });
    await db.GET("/{accountId}/backups/{backupId}", { params: { path: { backupId: "b1" } } });
    await db.POST("/{accountId}/backups", { body: { backup: { name: "n", instance: "i" } } });
    await db.PUT("/{accountId}/schedules/{scheduleId}", {
      params: { path: { scheduleId: "s1" } },
      body: { schedule: { run_now: "true" } },
    });
    await db.DELETE("/{accountId}/backups/{backupId}", { params: { path: { backupId: "b1" } } });
    expect(paths(observed.requests)).toEqual([
      "GET /v1.0/1234/backups",
      "GET /v1.0/1234/backups?datastore=mysql",
      "GET /v1.0/1234/backups/b1",
      "POST /v1.0/1234/backups",
      "PUT /v1.0/1234/schedules/s1",
      "DELETE /v1.0/1234/backups/b1",
    ]);
    expect(await observed.requests[3]!.json()).toEqual({ backup: { name: "n", instance: "i" } });
  });

  it("gives way to the account a call names", async () => {
    const observed = observedFetch(() => Response.json({}));
    const db = createCloudDatabasesClient({ baseUrl, authToken: "t", accountId: "1234", fetch: observed.fetch });
    await db.GET("/{accountId}/backups/{backupId}", { params: { path: { accountId: "5678", backupId: "b1" } } });
    expect(paths(observed.requests)).toEqual(["GET /v1.0/5678/backups/b1"]);
  });

  it("binds a Z.com tenant the same way, and keeps use() working on the bound client", async () => {
    const observed = observedFetch(() => Response.json({ backup: [] }));
    const compute = createZcomComputeClient({
      baseUrl: "https://compute.tyo1.cloud.z.com/v2",
      authToken: "t",
      tenantId: "t1",
      fetch: observed.fetch,
    });
    const seen: string[] = [];
    compute.use({ onRequest: ({ schemaPath }) => void seen.push(schemaPath) });
    await compute.GET("/{tenant_id}/backup");
    await compute.DELETE("/{tenant_id}/backup/{backup_id}", { params: { path: { backup_id: "b1" } } });
    expect(paths(observed.requests)).toEqual(["GET /v2/t1/backup", "DELETE /v2/t1/backup/b1"]);
    expect(seen).toEqual(["/{tenant_id}/backup", "/{tenant_id}/backup/{backup_id}"]);
  });

  it("must not be empty", () => {
    expect(() => createCloudDatabasesClient({ baseUrl, authToken: "t", accountId: "" })).toThrow(/accountId must not be empty/);
    expect(() => createZcomComputeClient({ baseUrl, authToken: "t", tenantId: "" })).toThrow(/tenant_id must not be empty/);
  });
});
