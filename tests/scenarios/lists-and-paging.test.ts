import { afterEach, describe, expect, it } from "vitest";
import { ACCOUNT, HA, INSTANCE, useSandbox } from "../support/sandbox-session.js";

const session = useSandbox();
const path = { accountId: ACCOUNT };
afterEach(() => expect(session.sandbox().violations).toEqual([]));

/** Follows `links[rel=next]` from the first page to the last, collecting every backup id. */
async function walk(limit: number, query: Record<string, string> = {}): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let url: string | undefined = `${session.url()}/v1.0/${ACCOUNT}/backups?${new URLSearchParams({ ...query, limit: String(limit) })}`;
  let pages = 0;
  while (url) {
    const response = await fetch(url, { headers: { "X-Auth-Token": "demo-token" } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { backups: { id: string }[]; links?: { href: string; rel: string }[] };
    expect(body.backups.length).toBeLessThanOrEqual(limit);
    ids.push(...body.backups.map((backup) => backup.id));
    url = body.links?.find((link) => link.rel === "next")?.href;
    pages++;
  }
  return { ids, pages };
}

describe("lists, filters and paging in the sandbox", () => {
  it("starts with every backup of the documented examples", async () => {
    const { data } = await session.db().GET("/{accountId}/backups", { params: { path } });
    const ids = data!.backups.map((backup) => backup.id);
    for (const documented of [
      "e2d3dfca-430f-4cd2-bec0-884cd7426f13",
      "36d274f5-dfa9-42fc-afee-5f5117a16746",
      "0c1b5616-fdc5-45ae-b2dc-6f1440d55d0e",
      "d9f56b04-e17d-41f0-ae92-30a3b47b8d29",
    ]) {
      expect(ids).toContain(documented);
    }
  });

  it("a documented backup is served exactly as its example shows it", async () => {
    const { data } = await session
      .db()
      .GET("/{accountId}/backups/{backupId}", { params: { path: { ...path, backupId: "d9f56b04-e17d-41f0-ae92-30a3b47b8d29" } } });
    expect(data!.backup).toMatchObject({ name: "test_instance-backup", datastore: { type: "percona" }, created: "2015-09-01T03:23:28Z" });
  });

  it("the datastore filter returns exactly the backups of that datastore type, ignoring case", async () => {
    const all = (await session.db().GET("/{accountId}/backups", { params: { path, query: { limit: 20 } } })).data!.backups;
    const filtered = (await session.db().GET("/{accountId}/backups", { params: { path, query: { datastore: "mysql" } } })).data!.backups;
    const expected = all.filter((backup) => backup.datastore?.type.toLowerCase() === "mysql").map((backup) => backup.id);
    expect(filtered.map((backup) => backup.id).sort()).toEqual(expected.sort());
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.map((backup) => backup.id)).not.toContain("36d274f5-dfa9-42fc-afee-5f5117a16746"); // no datastore
  });

  it("the per-instance and per-HA lists return exactly that source's backups", async () => {
    const instance = "34d6c8bf-539e-47d1-8a06-2b7590521309";
    const byInstance = (
      await session.db().GET("/{accountId}/instances/{instanceId}/backups", { params: { path: { ...path, instanceId: instance } } })
    ).data!.backups;
    expect(byInstance.map((backup) => backup.id)).toEqual(["e2d3dfca-430f-4cd2-bec0-884cd7426f13"]);
    const byHa = (await session.db().GET("/{accountId}/ha/{haId}/backups", { params: { path: { ...path, haId: HA } } })).data!.backups;
    expect(byHa.map((backup) => backup.id).sort()).toEqual([
      "0c1b5616-fdc5-45ae-b2dc-6f1440d55d0e",
      "c6bbca39-e530-41f3-b073-03144dea04e3",
      "e1cb03fd-c108-4702-a04b-653491e41a91",
    ]);
    expect(byHa.every((backup) => backup.source?.type === "ha" && backup.instance_id === null)).toBe(true);
  });

  it("limit, marker and links walk every backup exactly once, newest first; every full page links to a next one", async () => {
    const whole = (await session.db().GET("/{accountId}/backups", { params: { path } })).data!.backups.map((backup) => backup.id);
    for (const limit of [1, 2, 3, 7]) {
      const { ids, pages } = await walk(limit);
      expect(ids).toEqual(whole);
      // As Trove: a full page has a next link even when nothing follows, and that page is empty.
      expect(pages).toBe(Math.floor(whole.length / limit) + 1);
    }
  });

  it("a full last page links, as Trove's does, to an empty page without links", async () => {
    const count = (await session.db().GET("/{accountId}/backups", { params: { path } })).data!.backups.length;
    const first = await fetch(`${session.url()}/v1.0/${ACCOUNT}/backups?limit=${count}`, { headers: { "X-Auth-Token": "demo-token" } });
    const body = (await first.json()) as { backups: unknown[]; links?: { href: string; rel: string }[] };
    expect(body.backups).toHaveLength(count);
    // Trove's shape: the request's own URL with `marker` appended (tests/conformance/fixtures, "full last page").
    expect(body.links).toEqual([{ href: `${session.url()}/v1.0/${ACCOUNT}/backups?limit=${count}&marker=${count}`, rel: "next" }]);
    const next = await fetch(body.links![0]!.href, { headers: { "X-Auth-Token": "demo-token" } });
    expect(next.status).toBe(200);
    expect(await next.json()).toEqual({ backups: [] });
  });

  it("a page without a limit links with the marker alone, as Trove's does", async () => {
    for (let index = 0; index < 20; index++) {
      await session.db().POST("/{accountId}/backups", { params: { path }, body: { backup: { name: `b${index}`, instance: INSTANCE } } });
      session.clock.advance(65_000);
    }
    const page = (await session.db().GET("/{accountId}/backups", { params: { path } })).data!;
    expect(page.backups).toHaveLength(20);
    expect(page.links).toEqual([{ href: `${session.url()}/v1.0/${ACCOUNT}/backups?marker=20`, rel: "next" }]);
  });

  it("an unknown datastore is a 404, as Trove loads the datastore first; a known one without backups is an empty list", async () => {
    const unknown = await session.db().GET("/{accountId}/backups", { params: { path, query: { datastore: "nosuchdb" } } });
    expect(unknown.response.status).toBe(404);
    expect(unknown.error).toEqual({ itemNotFound: { code: 404, message: "Datastore 'nosuchdb' cannot be found." } });
    const mariadb = await session.db().GET("/{accountId}/backups", { params: { path, query: { datastore: "MariaDB" } } });
    expect(mariadb.response.status).toBe(200);
    expect(mariadb.data!.backups).toEqual([]);
  });

  it("the per-instance list is 404 once the instance is deleted, while the instance_id filter still finds its backups", async () => {
    const backup = (
      await session.db().POST("/{accountId}/backups", { params: { path }, body: { backup: { name: "keep", instance: INSTANCE } } })
    ).data!.backup;
    const removed = await fetch(`${session.url()}/_sandbox/cloud-databases/${ACCOUNT}/instances/${INSTANCE}`, {
      method: "DELETE",
      headers: { "X-Auth-Token": "demo-token" },
    });
    expect(removed.status).toBe(204);
    const listed = await session
      .db()
      .GET("/{accountId}/instances/{instanceId}/backups", { params: { path: { ...path, instanceId: INSTANCE } } });
    expect(listed.response.status).toBe(404);
    expect(listed.error).toEqual({ itemNotFound: { code: 404, message: `Resource ${INSTANCE} cannot be found.` } });
    const filtered = await session.db().GET("/{accountId}/backups", { params: { path, query: { instance_id: INSTANCE } } });
    expect(filtered.data!.backups.map((item) => item.id)).toContain(backup.id);
  });

  it("paging keeps the filter in its next links", async () => {
    const { ids } = await walk(2, { datastore: "mysql" });
    const filtered = (
      await session.db().GET("/{accountId}/backups", { params: { path, query: { datastore: "mysql" } } })
    ).data!.backups.map((backup) => backup.id);
    expect(ids).toEqual(filtered);
  });

  it("a limit above 20 is cut to 20, as Rackspace pages backups", async () => {
    for (let index = 0; index < 25; index++) {
      const { response } = await session.db().POST("/{accountId}/backups", {
        params: { path },
        body: { backup: { name: `b${index}`, instance: "d4603f69-ec7e-4e9b-803f-600b9205576f" } },
      });
      expect(response.status).toBe(202);
      session.clock.advance(65_000);
    }
    const page = (await session.db().GET("/{accountId}/backups", { params: { path, query: { limit: 100 } } })).data!;
    expect(page.backups).toHaveLength(20);
    expect(page.links?.[0]?.rel).toBe("next");
  });

  it("a marker the server did not issue is a 400", async () => {
    const result = await session.db().GET("/{accountId}/backups", { params: { path, query: { marker: "not-a-marker" } } });
    expect(result.response.status).toBe(400);
    expect(JSON.stringify(result.error)).toContain("marker");
  });

  it("reset brings back the documented data", async () => {
    await session
      .db()
      .DELETE("/{accountId}/backups/{backupId}", { params: { path: { ...path, backupId: "d9f56b04-e17d-41f0-ae92-30a3b47b8d29" } } });
    const reset = await fetch(`${session.url()}/_sandbox/reset`, { method: "POST", headers: { "X-Auth-Token": "demo-token" } });
    expect(reset.status).toBe(204);
    const { response } = await session
      .db()
      .GET("/{accountId}/backups/{backupId}", { params: { path: { ...path, backupId: "d9f56b04-e17d-41f0-ae92-30a3b47b8d29" } } });
    expect(response.status).toBe(200);
  });
});
