// Which X-Auth-Token and Accept a request carries when the client and the call both set one: the call's
// own headers win, as with openapi-fetch's own `headers` option (e.g. one call on behalf of another user).
import { describe, expect, it } from "vitest";
import { createCloudDatabasesClient } from "../../src/clients/cloud-databases.js";
import { createZcomComputeClient } from "../../src/clients/zcom-compute.js";
import { observedFetch } from "./observed-fetch.js";

const baseUrl = "https://dfw.databases.api.rackspacecloud.com/v1.0";
const path = { accountId: "1234" };

describe("request headers", () => {
  it("sends the client's token and asks for JSON when the call sets no header", async () => {
    const observed = observedFetch(() => Response.json({ backups: [] }));
    const db = createCloudDatabasesClient({ baseUrl, authToken: "client-token", fetch: observed.fetch });
    await db.GET("/{accountId}/backups", { params: { path } });
    expect(observed.requests[0]!.headers.get("X-Auth-Token")).toBe("client-token");
    expect(observed.requests[0]!.headers.get("Accept")).toBe("application/json");
  });

  it("lets a per-call X-Auth-Token win over the client's, in any letter case", async () => {
    const observed = observedFetch(() => Response.json({ backups: [] }));
    const db = createCloudDatabasesClient({ baseUrl, authToken: "client-token", fetch: observed.fetch });
    await db.GET("/{accountId}/backups", { params: { path }, headers: { "X-Auth-Token": "call-token" } });
    await db.GET("/{accountId}/backups", { params: { path }, headers: { "x-auth-token": "lower-case-token" } });
    await db.GET("/{accountId}/backups", { params: { path } });
    expect(observed.requests.map((request) => request.headers.get("X-Auth-Token"))).toEqual([
      "call-token",
      "lower-case-token",
      "client-token",
    ]);
  });

  it("lets a per-call header win on the Z.com client too", async () => {
    const observed = observedFetch(() => Response.json({ backup: [] }));
    const compute = createZcomComputeClient({
      baseUrl: "https://compute.tyo1.cloud.z.com/v2",
      authToken: "client-token",
      fetch: observed.fetch,
    });
    await compute.GET("/{tenant_id}/backup", {
      params: { path: { tenant_id: "t" } },
      headers: { "X-Auth-Token": "call-token", Accept: "text/html" },
    });
    expect(observed.requests[0]!.headers.get("X-Auth-Token")).toBe("call-token");
    expect(observed.requests[0]!.headers.get("Accept")).toBe("text/html");
  });

  it("sends authToken over a token in the client's extra headers, which are otherwise sent", async () => {
    const observed = observedFetch(() => Response.json({ backups: [] }));
    const db = createCloudDatabasesClient({
      baseUrl,
      authToken: "client-token",
      headers: { "X-Auth-Token": "stale-token", "X-Request-Id": "abc" },
      fetch: observed.fetch,
    });
    await db.GET("/{accountId}/backups", { params: { path } });
    expect(observed.requests[0]!.headers.get("X-Auth-Token")).toBe("client-token");
    expect(observed.requests[0]!.headers.get("X-Request-Id")).toBe("abc");
  });
});
