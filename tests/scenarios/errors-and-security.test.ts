import { afterEach, describe, expect, it } from "vitest";
import { apiById } from "../../src/apis.js";
import { loadBundle } from "../../src/spec/load-bundle.js";
import { ACCOUNT, INSTANCE, OTHER_ACCOUNT, OTHER_DEMO_TOKEN, TENANT, useSandbox } from "../support/sandbox-session.js";

const session = useSandbox();
afterEach(() => expect(session.sandbox().violations).toEqual([]));

/** A Cloud Databases example of the bundled spec, by name. */
const example = (name: string): unknown =>
  (loadBundle(apiById("cloud-databases")).components as { examples: Record<string, { value: unknown }> }).examples[name]!.value;

const raw = (method: string, path: string, init: { token?: string | null; body?: string; contentType?: string } = {}) => {
  const headers: Record<string, string> = {};
  if (init.token !== null) headers["X-Auth-Token"] = init.token ?? "demo-token";
  if (init.contentType ?? init.body) headers["Content-Type"] = init.contentType ?? "application/json";
  return fetch(`${session.url()}${path}`, { method, headers, ...(init.body !== undefined ? { body: init.body } : {}) });
};

describe("errors use the documented codes and bodies", () => {
  it("malformed JSON is a 400 in Trove's HTTP-layer shape, exactly the spec's malformedBody example", async () => {
    const response = await raw("POST", `/v1.0/${ACCOUNT}/backups`, { body: '{"backup": {"name": "x",' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(example("malformedBody"));
  });

  it("malformed JSON on Z.com keeps Nova's badRequest fault", async () => {
    const response = await raw("POST", `/v2/${TENANT}/backup`, { body: '{"backup": {' });
    expect(response.status).toBe(400);
    expect(Object.keys((await response.json()) as object)).toEqual(["badRequest"]);
  });

  it("a schema violation is a 400 whose message names the field", async () => {
    const response = await raw("POST", `/v1.0/${ACCOUNT}/backups`, {
      body: JSON.stringify({ backup: { name: "x".repeat(65), instance: INSTANCE } }),
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("backup.name");
  });

  it("a missing required field is a 400 naming it", async () => {
    const response = await raw("POST", `/v1.0/${ACCOUNT}/schedules`, {
      body: JSON.stringify({ schedule: { action: "backup", hour: 1, minute: 2, instance_id: INSTANCE } }),
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("schedule.day_of_week");
  });

  it("a body that is not JSON is a 400", async () => {
    const response = await raw("POST", `/v1.0/${ACCOUNT}/backups`, { body: "name=x", contentType: "application/x-www-form-urlencoded" });
    expect(response.status).toBe(400);
  });

  it("an unknown backup is a 404 itemNotFound", async () => {
    const response = await raw("GET", `/v1.0/${ACCOUNT}/backups/00000000-0000-0000-0000-000000000000`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      itemNotFound: { code: 404, message: "Resource 00000000-0000-0000-0000-000000000000 cannot be found." },
    });
  });

  it("a body over 114,688 bytes is a 413 overLimit", async () => {
    const response = await raw("POST", `/v1.0/${ACCOUNT}/backups`, {
      body: JSON.stringify({ backup: { name: "x", instance: INSTANCE, description: "d".repeat(120_000) } }),
    });
    expect(response.status).toBe(413);
    expect(Object.keys((await response.json()) as object)).toEqual(["overLimit"]);
  });

  it("an unsupported method on a known path is a 405 badMethod with Allow", async () => {
    const response = await raw("PATCH", `/v1.0/${ACCOUNT}/backups`);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST");
    expect(Object.keys((await response.json()) as object)).toEqual(["badMethod"]);
    const zcom = await raw("PUT", `/v2/${TENANT}/backup`, { body: "{}" });
    expect(zcom.status).toBe(405);
  });
});

describe("tokens are bound to accounts", () => {
  it("no token, or an unknown one, is a 401 on both APIs", async () => {
    for (const token of [null, "nope"]) {
      const cdb = await raw("GET", `/v1.0/${ACCOUNT}/backups`, { token });
      expect(cdb.status).toBe(401);
      expect(Object.keys((await cdb.json()) as object)).toEqual(["unauthorized"]);
      const zcom = await raw("GET", `/v2/${TENANT}/backup`, { token });
      expect(zcom.status).toBe(401);
      expect(Object.keys((await zcom.json()) as object)).toEqual(["error"]);
    }
  });

  it("a token used on another account's path is a 403 (Cloud Databases) or Nova's 400 (Z.com)", async () => {
    expect((await raw("GET", `/v1.0/${ACCOUNT}/backups`, { token: OTHER_DEMO_TOKEN })).status).toBe(403);
    const zcom = await raw("GET", `/v2/${TENANT}/backup`, { token: OTHER_DEMO_TOKEN });
    expect(zcom.status).toBe(400);
    expect(Object.keys((await zcom.json()) as object)).toEqual(["badRequest"]);
  });

  it("the 403 is Trove's HTTP-layer body naming the token's own account, exactly the spec's otherAccount example", async () => {
    // otherAccount: the token of account 5678 on account 1234's URL.
    for (const path of [`/v1.0/${ACCOUNT}/backups`, `/v1.0/${ACCOUNT}/backups/d9f56b04-e17d-41f0-ae92-30a3b47b8d29`]) {
      const response = await raw("GET", path, { token: OTHER_DEMO_TOKEN });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual(example("otherAccount"));
    }
  });

  it("nothing of one account is visible to another", async () => {
    const other = session.db(OTHER_DEMO_TOKEN);
    const listed = await other.GET("/{accountId}/backups", { params: { path: { accountId: OTHER_ACCOUNT } } });
    expect(listed.data!.backups).toEqual([]);
    const shown = await other.GET("/{accountId}/backups/{backupId}", {
      params: { path: { accountId: OTHER_ACCOUNT, backupId: "d9f56b04-e17d-41f0-ae92-30a3b47b8d29" } },
    });
    expect(shown.response.status).toBe(404);
    const deleted = await other.DELETE("/{accountId}/backups/{backupId}", {
      params: { path: { accountId: OTHER_ACCOUNT, backupId: "d9f56b04-e17d-41f0-ae92-30a3b47b8d29" } },
    });
    expect(deleted.response.status).toBe(404);
    const created = await other.POST("/{accountId}/backups", {
      params: { path: { accountId: OTHER_ACCOUNT } },
      body: { backup: { name: "x", instance: INSTANCE } },
    });
    expect(created.response.status).toBe(404); // the instance belongs to account 1234
    const schedules = await other.GET("/{accountId}/schedules", { params: { path: { accountId: OTHER_ACCOUNT } } });
    expect(schedules.data!.schedules).toEqual([]);
    const zcom = await session
      .zcom(OTHER_DEMO_TOKEN)
      .GET("/{tenant_id}/backup", { params: { path: { tenant_id: "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5" } } });
    expect(zcom.data!.backup).toEqual([]);
  });
});
