// The regional base URLs against the spec's server: its URL template with the variables filled in, for
// every value of its `region` enum, and nothing else.
import { describe, expect, it } from "vitest";
import { apiById } from "../../src/apis.js";
import { CLOUD_DATABASES_REGIONS, cloudDatabasesBaseUrl, createCloudDatabasesClient } from "../../src/clients/cloud-databases.js";
import { createZcomComputeClient, ZCOM_COMPUTE_BASE_URL } from "../../src/clients/zcom-compute.js";
import { loadBundle } from "../../src/spec/load-bundle.js";
import { observedFetch } from "./observed-fetch.js";

const [cloudDatabasesServer] = loadBundle(apiById("cloud-databases")).servers ?? [];
const [zcomServer] = loadBundle(apiById("zcom-compute")).servers ?? [];

/** A server URL with each `{variable}` replaced by `values[variable]`, else by the variable's default. */
function expand(server: { url: string; variables?: Record<string, { default: string }> }, values: Record<string, string>): string {
  return server.url.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? server.variables?.[name]?.default ?? `{${name}}`);
}

describe("base URLs", () => {
  it("offers exactly the spec's regions", () => {
    expect([...CLOUD_DATABASES_REGIONS].sort()).toEqual([...(cloudDatabasesServer?.variables?.region?.enum ?? [])].sort());
  });

  it("builds each region's URL as the spec's server template does", () => {
    for (const region of CLOUD_DATABASES_REGIONS) expect(cloudDatabasesBaseUrl(region)).toBe(expand(cloudDatabasesServer!, { region }));
    expect(ZCOM_COMPUTE_BASE_URL).toBe(expand(zcomServer!, {}));
  });

  it("refuses a region the spec does not list, and a client given both or neither of baseUrl and region", () => {
    expect(() => cloudDatabasesBaseUrl("tyo1" as "dfw")).toThrow(/Unknown Cloud Databases region "tyo1": one of dfw, ord/);
    const both = { baseUrl: "http://127.0.0.1:1", region: "dfw", authToken: "t" } as unknown as Parameters<
      typeof createCloudDatabasesClient
    >[0];
    expect(() => createCloudDatabasesClient(both)).toThrow(/either baseUrl or region/);
    const neither = { authToken: "t" } as unknown as Parameters<typeof createCloudDatabasesClient>[0];
    expect(() => createCloudDatabasesClient(neither)).toThrow(/either baseUrl or region/);
  });

  it("sends a region's client to that region's host, under the version segment", async () => {
    const observed = observedFetch(() => Response.json({ backups: [] }));
    const db = createCloudDatabasesClient({ region: "syd", authToken: "t", fetch: observed.fetch });
    await db.GET("/{accountId}/backups", { params: { path: { accountId: "1234" } } });
    expect(observed.requests[0]!.url).toBe("https://syd.databases.api.rackspacecloud.com/v1.0/1234/backups");
    const compute = createZcomComputeClient({ baseUrl: ZCOM_COMPUTE_BASE_URL, authToken: "t", fetch: observed.fetch });
    await compute.GET("/{tenant_id}/backup", { params: { path: { tenant_id: "t1" } } });
    expect(observed.requests[1]!.url).toBe("https://compute.tyo1.cloud.z.com/v2/t1/backup");
  });
});
