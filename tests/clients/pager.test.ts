// The pager against an injected fetch that pages the documented "List backups" example as upstream Trove
// does (an offset marker, a `next` link on the server's own host while more remain); its first page is
// checked against the spec's own first-page example.
import { describe, expect, it } from "vitest";
import { apiById } from "../../src/apis.js";
import { ApiError, type BackupList, createCloudDatabasesClient } from "../../src/clients/cloud-databases.js";
import { loadBundle } from "../../src/spec/load-bundle.js";
import { observedFetch } from "./observed-fetch.js";

const examples = loadBundle(apiById("cloud-databases")).components?.examples as Record<string, { value: unknown }>;
const documented = examples["listBackups.200"]!.value as BackupList;
const documentedFirstPage = examples["listBackups.firstPage.200"]!.value as BackupList;
const baseUrl = "https://dfw.databases.api.rackspacecloud.com/v1.0";

/** Trove's paging: `limit` items from offset `marker`, and a next link to the following offset while more remain. */
function trovePages(request: Request): Response {
  const url = new URL(request.url);
  const limit = Number(url.searchParams.get("limit") ?? 20);
  const offset = Number(url.searchParams.get("marker") ?? 0);
  const backups = documented.backups.slice(offset, offset + limit);
  const more = offset + limit < documented.backups.length;
  const next = `https://ord.databases.api.rackspacecloud.com/v1.0/1234/backups?limit=${limit}&marker=${offset + limit}`;
  return Response.json(more ? { backups, links: [{ href: next, rel: "next" }] } : { backups });
}

describe("the pager", () => {
  it("pages like the spec's first-page example", async () => {
    const observed = observedFetch(trovePages);
    const db = createCloudDatabasesClient({ baseUrl, authToken: "t", fetch: observed.fetch });
    const pages = db.pages("/{accountId}/backups", { params: { path: { accountId: "1234" }, query: { limit: 2 } } });
    expect((await pages.next()).value).toEqual(documentedFirstPage);
    await pages.return();
  });

  it("yields every item of every page in order, asking the client's own host for each next marker", async () => {
    expect(documented.backups.length).toBeGreaterThan(4);
    const observed = observedFetch(trovePages);
    const db = createCloudDatabasesClient({ baseUrl, authToken: "t", fetch: observed.fetch });
    const seen = [];
    for await (const backup of db.paginate("/{accountId}/backups", {
      params: { path: { accountId: "1234" }, query: { datastore: "mysql", limit: 2 } },
    })) {
      seen.push(backup.id);
    }
    expect(seen).toEqual(documented.backups.map((backup) => backup.id));
    const urls = observed.requests.map((request) => new URL(request.url));
    expect(urls).toHaveLength(Math.ceil(documented.backups.length / 2));
    expect(new Set(urls.map((url) => url.host))).toEqual(new Set(["dfw.databases.api.rackspacecloud.com"]));
    expect(urls.map((url) => url.searchParams.get("marker"))).toEqual(urls.map((_, page) => (page === 0 ? null : String(page * 2))));
    for (const url of urls) {
      expect(url.pathname).toBe("/v1.0/1234/backups");
      expect(url.searchParams.get("datastore")).toBe("mysql");
      expect(url.searchParams.get("limit")).toBe("2");
    }
    expect(observed.requests.every((request) => request.headers.get("X-Auth-Token") === "t")).toBe(true);
  });

  it("starts at a given marker, and fills in a bound account", async () => {
    const observed = observedFetch(trovePages);
    const db = createCloudDatabasesClient({ baseUrl, authToken: "t", accountId: "1234", fetch: observed.fetch });
    const pages = [];
    for await (const page of db.pages("/{accountId}/backups", { params: { query: { limit: 3, marker: "3" } } })) pages.push(page);
    expect(pages[0]!.backups[0]).toEqual(documented.backups[3]);
    expect(pages.flatMap((page) => page.backups)).toEqual(documented.backups.slice(3));
    expect(observed.requests.map((request) => new URL(request.url).pathname)).toEqual(pages.map(() => "/v1.0/1234/backups"));
  });

  it("throws an ApiError with the status and body of a page that fails", async () => {
    const notFound = { itemNotFound: { code: 404, message: "The resource could not be found." } };
    const observed = observedFetch((request) =>
      new URL(request.url).searchParams.has("marker") ? Response.json(notFound, { status: 404 }) : trovePages(request),
    );
    const db = createCloudDatabasesClient({ baseUrl, authToken: "t", accountId: "1234", fetch: observed.fetch });
    const seen: string[] = [];
    const paging = (async () => {
      for await (const backup of db.paginate("/{accountId}/backups", { params: { query: { limit: 2 } } })) seen.push(backup.id);
    })();
    const error = await paging.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, error: notFound });
    expect((error as Error).message).toContain("marker 2");
    expect(seen).toHaveLength(2);
  });

  it("refuses a next link without a marker, and one that would page in a circle", async () => {
    const noMarker = observedFetch(() => Response.json({ backups: [], links: [{ rel: "next", href: `${baseUrl}/1234/backups?limit=2` }] }));
    const db = createCloudDatabasesClient({ baseUrl, authToken: "t", accountId: "1234", fetch: noMarker.fetch });
    await expect(drain(db.pages("/{accountId}/backups"))).rejects.toThrow(/carries no marker/);

    const circle = observedFetch(() => Response.json({ backups: [], links: [{ rel: "next", href: `${baseUrl}/1234/backups?marker=7` }] }));
    const circling = createCloudDatabasesClient({ baseUrl, authToken: "t", accountId: "1234", fetch: circle.fetch });
    await expect(drain(circling.pages("/{accountId}/backups"))).rejects.toThrow(/repeats marker 7/);
    expect(circle.requests).toHaveLength(2);
  });
});

async function drain(pages: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of pages);
}
