// Regions and backup copies in the sandbox: each region of the spec's server has its own endpoint
// (`/{region}/v1.0`, `/v1.0` being dfw, the server's default) and its own backups; a copy of a completed
// backup appears in the destination region as a new backup that runs NEW → BUILDING → COMPLETED.
import { afterEach, describe, expect, it } from "vitest";
import { type CloudDatabasesClient, createCloudDatabasesClient } from "../../src/clients/cloud-databases.js";
import { ACCOUNT, INSTANCE, OTHER_DEMO_TOKEN, useSandbox } from "../support/sandbox-session.js";

const session = useSandbox();
const path = { accountId: ACCOUNT };
afterEach(() => expect(session.sandbox().violations).toEqual([]));

/** A client of one region's endpoint. */
const region = (name: string, token = "demo-token"): CloudDatabasesClient =>
  createCloudDatabasesClient({ baseUrl: `${session.url()}/${name}/v1.0`, authToken: token });
/** The documented, completed backup of instance f4aaba46-… in dfw. */
const DOCUMENTED = "d9f56b04-e17d-41f0-ae92-30a3b47b8d29";
/** The documented HA backups: e1cb03fd-… is an incremental of 0c1b5616-…. */
const HA_FULL = "0c1b5616-fdc5-45ae-b2dc-6f1440d55d0e";
const HA_INCREMENTAL = "e1cb03fd-c108-4702-a04b-653491e41a91";

const copy = (from: CloudDatabasesClient, backupId: string, copyBackup: Record<string, unknown>) =>
  from.POST("/{accountId}/backups/{backupId}/action", {
    params: { path: { ...path, backupId } },
    // biome-ignore lint/suspicious/noExplicitAny: some bodies are deliberately outside the schema.
    body: { "copy-backup": copyBackup } as any,
  });
const list = async (client: CloudDatabasesClient) =>
  (await client.GET("/{accountId}/backups", { params: { path, query: { limit: 20 } } })).data!.backups;

describe("regions", () => {
  it("/v1.0 is the dfw region's endpoint; every other region starts empty", async () => {
    const home = (await list(session.db())).map((backup) => backup.id);
    expect(home).toContain(DOCUMENTED);
    expect((await list(region("dfw"))).map((backup) => backup.id)).toEqual(home);
    for (const name of ["ord", "iad", "lon", "hkg", "syd"]) {
      expect(await list(region(name)), name).toEqual([]);
      const shown = await region(name).GET("/{accountId}/backups/{backupId}", { params: { path: { ...path, backupId: DOCUMENTED } } });
      expect(shown.response.status, name).toBe(404);
    }
  });

  it("an unknown region is no endpoint (404), and tokens are bound to accounts in every region", async () => {
    const unknown = await fetch(`${session.url()}/xyz/v1.0/${ACCOUNT}/backups`, { headers: { "X-Auth-Token": "demo-token" } });
    expect(unknown.status).toBe(404);
    expect((await region("iad", OTHER_DEMO_TOKEN).GET("/{accountId}/backups", { params: { path } })).response.status).toBe(403);
  });
});

describe("copyBackup", () => {
  it("copies a COMPLETED backup: 202 without a body, and a new backup in the destination that runs NEW → BUILDING → COMPLETED", async () => {
    const { data: original } = await session.db().GET("/{accountId}/backups/{backupId}", {
      params: { path: { ...path, backupId: DOCUMENTED } },
    });
    const result = await copy(session.db(), DOCUMENTED, { target_backup_region: "IAD", name: "dfw-to-iad", description: "a backup copy" });
    expect(result.response.status).toBe(202);
    expect(await result.response.text()).toBe("");
    const [copied, ...others] = await list(region("iad"));
    expect(others).toEqual([]);
    expect(copied).toMatchObject({
      name: "dfw-to-iad",
      description: "a backup copy",
      status: "NEW",
      parent_id: null,
      instance_id: original!.backup.instance_id,
      datastore: original!.backup.datastore,
      size: null,
      locationRef: null,
    });
    expect(copied!.id).not.toBe(DOCUMENTED);
    session.clock.advance(5_000);
    const show = () => region("iad").GET("/{accountId}/backups/{backupId}", { params: { path: { ...path, backupId: copied!.id } } });
    expect((await show()).data!.backup.status).toBe("BUILDING");
    session.clock.advance(60_000);
    const done = (await show()).data!.backup;
    expect(done.status).toBe("COMPLETED");
    expect(done.locationRef).toMatch(/^https:\/\/snet-storage101\.iad3\.clouddrive\.com\//);
    // The original stays where it was.
    expect((await list(session.db())).map((backup) => backup.id)).toContain(DOCUMENTED);
  });

  it("names a copy without a name after its backup, with -copy appended, and keeps its description", async () => {
    expect((await copy(session.db(), DOCUMENTED, { target_backup_region: "ORD" })).response.status).toBe(202);
    const [copied] = await list(region("ord"));
    expect(copied).toMatchObject({ name: "test_instance-backup-copy", description: "My standalone instance backup1" });
  });

  it("is 404 for an unknown backup, or one of another region", async () => {
    expect((await copy(session.db(), "00000000-0000-4000-8000-000000000000", { target_backup_region: "IAD" })).response.status).toBe(404);
    expect((await copy(region("iad"), DOCUMENTED, { target_backup_region: "ORD" })).response.status).toBe(404);
  });

  it("is 400 for the backup's own region, LON, or a region that does not exist", async () => {
    for (const target of ["DFW", "LON", "XYZ", "iad"]) {
      const result = await copy(session.db(), DOCUMENTED, { target_backup_region: target });
      expect(result.response.status, target).toBe(400);
      expect(Object.keys(result.error as object), target).toEqual(["badRequest"]);
    }
    expect(await list(region("iad"))).toEqual([]);
  });

  it("is 422 for a backup that is not COMPLETED", async () => {
    const created = await session
      .db()
      .POST("/{accountId}/backups", { params: { path }, body: { backup: { name: "new", instance: INSTANCE } } });
    const result = await copy(session.db(), created.data!.backup.id, { target_backup_region: "IAD" });
    expect(result.response.status).toBe(422);
    expect(JSON.stringify(result.error)).toContain("COMPLETED");
  });

  it("copies an incremental backup only where its parent was copied (400 otherwise), and builds the copy on the parent's copy", async () => {
    const early = await copy(session.db(), HA_INCREMENTAL, { target_backup_region: "SYD" });
    expect(early.response.status).toBe(400);
    expect(JSON.stringify(early.error)).toContain(HA_FULL);
    expect((await copy(session.db(), HA_FULL, { target_backup_region: "SYD" })).response.status).toBe(202);
    const [parentCopy] = await list(region("syd"));
    // The parent's copy need not have completed: it is in the destination region.
    expect((await copy(session.db(), HA_INCREMENTAL, { target_backup_region: "SYD" })).response.status).toBe(202);
    const incrementalCopy = (await list(region("syd"))).find((backup) => backup.id !== parentCopy!.id)!;
    expect(incrementalCopy.parent_id).toBe(parentCopy!.id);
    // Deleting the parent's copy deletes the incremental's copy with it, in that region only.
    session.clock.advance(65_000);
    expect(
      (await region("syd").DELETE("/{accountId}/backups/{backupId}", { params: { path: { ...path, backupId: parentCopy!.id } } })).response
        .status,
    ).toBe(202);
    session.clock.advance(2_000);
    expect(await list(region("syd"))).toEqual([]);
    expect((await list(session.db())).map((backup) => backup.id)).toEqual(expect.arrayContaining([HA_FULL, HA_INCREMENTAL]));
  });

  it("a copy is a backup like any other there: it restores into an instance of that region, whose backups it then lists", async () => {
    expect((await copy(session.db(), DOCUMENTED, { target_backup_region: "HKG" })).response.status).toBe(202);
    const [copied] = await list(region("hkg"));
    session.clock.advance(65_000);
    const restored = await region("hkg").POST("/{accountId}/instances", {
      params: { path },
      body: { instance: { name: "in-hkg", flavorRef: 1, volume: { size: 2 }, restorePoint: { backupRef: copied!.id } } },
    });
    expect(restored.response.status).toBe(200);
    expect(restored.data!.instance.links?.[0]?.href).toContain(`/hkg/v1.0/${ACCOUNT}/instances/`);
    const instanceId = restored.data!.instance.id;
    const backedUp = await region("hkg").POST("/{accountId}/backups", {
      params: { path },
      body: { backup: { name: "hkg-native", instance: instanceId } },
    });
    expect(backedUp.response.status).toBe(202);
    // The instance is hkg's: dfw does not know it.
    const elsewhere = await session
      .db()
      .POST("/{accountId}/backups", { params: { path }, body: { backup: { name: "x", instance: instanceId } } });
    expect(elsewhere.response.status).toBe(404);
  });
});

describe("copy_to", () => {
  it("copies a new backup to each listed region once it has completed", async () => {
    const created = await session.db().POST("/{accountId}/backups", {
      params: { path },
      body: { backup: { name: "snapshot", instance: INSTANCE, copy_to: ["IAD", "ORD"] } },
    });
    expect(created.response.status).toBe(202);
    expect(await list(region("iad"))).toEqual([]);
    session.clock.advance(65_000);
    for (const name of ["iad", "ord"]) {
      const [copied, ...others] = await list(region(name));
      expect(others, name).toEqual([]);
      expect(copied, name).toMatchObject({ name: "snapshot", instance_id: INSTANCE, status: "NEW" });
    }
    expect(await list(region("syd"))).toEqual([]);
  });

  it("is 400 for an incremental whose parent is not in a listed region, and for the backup's own region", async () => {
    const parent = await session
      .db()
      .POST("/{accountId}/backups", { params: { path }, body: { backup: { name: "full", instance: INSTANCE } } });
    session.clock.advance(65_000);
    const incremental = await session.db().POST("/{accountId}/backups", {
      params: { path },
      body: { backup: { name: "incr", instance: INSTANCE, parent_id: parent.data!.backup.id, copy_to: ["IAD"] } },
    });
    expect(incremental.response.status).toBe(400);
    const own = await session.db().POST("/{accountId}/backups", {
      params: { path },
      body: { backup: { name: "own", instance: INSTANCE, copy_to: ["DFW"] } },
    });
    expect(own.response.status).toBe(400);
  });

  it("copies each backup a schedule with copy_to takes", async () => {
    const scheduled = await session.db().POST("/{accountId}/schedules", {
      params: { path },
      body: { schedule: { action: "backup", day_of_week: 7, hour: 0, minute: 0, instance_id: INSTANCE, copy_to: ["IAD"] } },
    });
    expect(scheduled.response.status).toBe(202);
    session.clock.advance(24 * 60 * 60 * 1000); // the daily run
    await session.db().GET("/{accountId}/schedules", { params: { path } });
    session.clock.advance(65_000); // it completes
    const copies = await list(region("iad"));
    expect(copies.map((backup) => backup.is_automated)).toEqual([1]);
  });
});
