import { afterEach, describe, expect, it } from "vitest";
import type { CreateBackupRequest } from "../../src/clients/cloud-databases.js";
import { ACCOUNT, HA, INSTANCE, useSandbox } from "../support/sandbox-session.js";

const session = useSandbox();
const path = { accountId: ACCOUNT };
afterEach(() => expect(session.sandbox().violations).toEqual([]));

const create = (body: CreateBackupRequest) => session.db().POST("/{accountId}/backups", { params: { path }, body });
const show = (backupId: string) => session.db().GET("/{accountId}/backups/{backupId}", { params: { path: { ...path, backupId } } });

describe("a backup's life in the sandbox", () => {
  it("a create answers 202 with status NEW, then NEW → BUILDING → COMPLETED as the clock moves, size and locationRef filled at the end", async () => {
    const created = await create({ backup: { name: "nightly", instance: INSTANCE } });
    expect(created.response.status).toBe(202);
    const backup = created.data!.backup;
    expect(backup).toMatchObject({
      status: "NEW",
      size: null,
      locationRef: null,
      type: "InnoBackupEx",
      instance_id: INSTANCE,
      parent_id: null,
    });
    session.clock.advance(5_000);
    expect((await show(backup.id)).data!.backup.status).toBe("BUILDING");
    session.clock.advance(59_000);
    expect((await show(backup.id)).data!.backup.status).toBe("BUILDING");
    session.clock.advance(1_000);
    const done = (await show(backup.id)).data!.backup;
    expect(done.status).toBe("COMPLETED");
    expect(done.size).toBeGreaterThan(0);
    expect(done.locationRef).toContain(`z_CLOUDDB_BACKUPS/${backup.id}`);
  });

  it("an incremental backup needs a COMPLETED parent of the same source and is typed InnoBackupExIncremental", async () => {
    const parent = (await create({ backup: { name: "full", instance: INSTANCE } })).data!.backup;
    const early = await create({ backup: { name: "incr", instance: INSTANCE, parent_id: parent.id } });
    expect(early.response.status).toBe(422);
    session.clock.advance(65_000);
    const incremental = await create({ backup: { name: "incr", instance: INSTANCE, parent_id: parent.id } });
    expect(incremental.response.status).toBe(202);
    expect(incremental.data!.backup).toMatchObject({ parent_id: parent.id, type: "InnoBackupExIncremental" });
  });

  it("an incremental backup of a missing parent is refused with 404, as upstream Trove does", async () => {
    const result = await create({ backup: { name: "incr", instance: INSTANCE, parent_id: "00000000-0000-0000-0000-000000000000" } });
    expect(result.response.status).toBe(404);
    expect(result.error).toEqual({
      itemNotFound: { code: 404, message: "Resource 00000000-0000-0000-0000-000000000000 cannot be found." },
    });
  });

  it("an incremental backup whose parent has another source is refused with 422", async () => {
    // 0c1b5616-… is a completed backup of the HA instance, not of this instance.
    const result = await create({ backup: { name: "incr", instance: INSTANCE, parent_id: "0c1b5616-fdc5-45ae-b2dc-6f1440d55d0e" } });
    expect(result.response.status).toBe(422);
    expect(JSON.stringify(result.error)).toContain("same source");
  });

  it("a second backup of a source while one runs is refused with 422 (one backup at a time)", async () => {
    expect((await create({ backup: { name: "a", instance: INSTANCE } })).response.status).toBe(202);
    expect((await create({ backup: { name: "b", instance: INSTANCE } })).response.status).toBe(422);
  });

  it("an HA instance is in BACKUP while one of its backups runs, and ACTIVE again when it completes", async () => {
    const ha = () => session.db().GET("/{accountId}/ha/{haId}", { params: { path: { ...path, haId: HA } } });
    expect((await ha()).data!.ha_instance.state).toBe("ACTIVE");
    const created = await create({ backup: { name: "ha-backup3", instance: null, source: { type: "ha", id: HA } } });
    expect(created.data!.backup).toMatchObject({ instance_id: null, source: { type: "ha", id: HA } });
    expect((await ha()).data!.ha_instance.state).toBe("BACKUP");
    session.clock.advance(65_000);
    expect((await ha()).data!.ha_instance.state).toBe("ACTIVE");
  });

  it("deleting a backup deletes its incrementals, and both are 404 afterwards", async () => {
    // The documented HA backups: e1cb03fd-… is an incremental of 0c1b5616-….
    const deleted = await session
      .db()
      .DELETE("/{accountId}/backups/{backupId}", { params: { path: { ...path, backupId: "0c1b5616-fdc5-45ae-b2dc-6f1440d55d0e" } } });
    expect(deleted.response.status).toBe(202);
    expect((await show("0c1b5616-fdc5-45ae-b2dc-6f1440d55d0e")).response.status).toBe(404);
    expect((await show("e1cb03fd-c108-4702-a04b-653491e41a91")).response.status).toBe(404);
    expect((await show("c6bbca39-e530-41f3-b073-03144dea04e3")).response.status).toBe(200);
  });

  it("a running backup cannot be deleted (422)", async () => {
    const backup = (await create({ backup: { name: "a", instance: INSTANCE } })).data!.backup;
    const result = await session.db().DELETE("/{accountId}/backups/{backupId}", { params: { path: { ...path, backupId: backup.id } } });
    expect(result.response.status).toBe(422);
  });

  it("backups outlive their instance", async () => {
    const backup = (await create({ backup: { name: "keep", instance: INSTANCE } })).data!.backup;
    const removed = await fetch(`${session.url()}/_sandbox/cloud-databases/${ACCOUNT}/instances/${INSTANCE}`, {
      method: "DELETE",
      headers: { "X-Auth-Token": "demo-token" },
    });
    expect(removed.status).toBe(204);
    const listed = await session.db().GET("/{accountId}/backups", { params: { path } });
    expect(listed.data!.backups.map((item) => item.id)).toContain(backup.id);
    expect((await show(backup.id)).response.status).toBe(200);
    expect((await create({ backup: { name: "gone", instance: INSTANCE } })).response.status).toBe(404);
  });

  it("a restore needs a COMPLETED backup (409 otherwise) and returns the new instance in BUILD", async () => {
    const backup = (await create({ backup: { name: "r", instance: INSTANCE } })).data!.backup;
    const restore = (backupRef: string) =>
      session.db().POST("/{accountId}/instances", {
        params: { path },
        body: { instance: { name: "restored", flavorRef: 1, volume: { size: 2 }, restorePoint: { backupRef } } },
      });
    expect((await restore(backup.id)).response.status).toBe(409);
    session.clock.advance(65_000);
    const restored = await restore(backup.id);
    expect(restored.response.status).toBe(200);
    expect(restored.data!.instance).toMatchObject({ name: "restored", status: "BUILD" });
    expect((await restore("00000000-0000-0000-0000-000000000000")).response.status).toBe(404);
  });
});

describe("the per-instance list", () => {
  it("is 404 for an instance the account never had, with Trove's message", async () => {
    const result = await session.db().GET("/{accountId}/instances/{instanceId}/backups", {
      params: { path: { ...path, instanceId: "00000000-0000-0000-0000-000000000000" } },
    });
    expect(result.response.status).toBe(404);
    expect(result.error).toEqual({
      itemNotFound: { code: 404, message: "Resource 00000000-0000-0000-0000-000000000000 cannot be found." },
    });
  });
});
