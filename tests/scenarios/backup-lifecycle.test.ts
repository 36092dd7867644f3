import { afterEach, describe, expect, it } from "vitest";
import type { CreateBackupRequest } from "../../src/clients/cloud-databases.js";
import { DEFAULT_CONFIG } from "../../src/sandbox/config.js";
import { ACCOUNT, HA, INSTANCE, useSandbox } from "../support/sandbox-session.js";

const session = useSandbox();
const path = { accountId: ACCOUNT };
afterEach(() => expect(session.sandbox().violations).toEqual([]));

const create = (body: CreateBackupRequest) => session.db().POST("/{accountId}/backups", { params: { path }, body });
const show = (backupId: string) => session.db().GET("/{accountId}/backups/{backupId}", { params: { path: { ...path, backupId } } });
const remove = (backupId: string) => session.db().DELETE("/{accountId}/backups/{backupId}", { params: { path: { ...path, backupId } } });
/** How long a deletion takes in the sandbox (simulated). */
const DELETING_MS = DEFAULT_CONFIG.backupPhaseSeconds.deleting * 1000;

/** A backup of INSTANCE (incremental on `parentId`), made and run to COMPLETED; its id. */
async function completed(name: string, parentId?: string): Promise<string> {
  const created = await create({ backup: { name, instance: INSTANCE, ...(parentId ? { parent_id: parentId } : {}) } });
  expect(created.response.status, JSON.stringify(created.error)).toBe(202);
  session.clock.advance(65_000);
  return created.data!.backup.id;
}

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

  it("deleting a backup deletes its incrementals, and both are 404 once the deletion has run", async () => {
    // The documented HA backups: e1cb03fd-… is an incremental of 0c1b5616-….
    const deleted = await remove("0c1b5616-fdc5-45ae-b2dc-6f1440d55d0e");
    expect(deleted.response.status).toBe(202);
    session.clock.advance(DELETING_MS);
    expect((await show("0c1b5616-fdc5-45ae-b2dc-6f1440d55d0e")).response.status).toBe(404);
    expect((await show("e1cb03fd-c108-4702-a04b-653491e41a91")).response.status).toBe(404);
    expect((await show("c6bbca39-e530-41f3-b073-03144dea04e3")).response.status).toBe(200);
  });

  it("a deletion is asynchronous, as Trove's: right after the 202 the backup and its incrementals still show and list, unchanged", async () => {
    const before = (await show("0c1b5616-fdc5-45ae-b2dc-6f1440d55d0e")).data!.backup;
    expect((await remove("0c1b5616-fdc5-45ae-b2dc-6f1440d55d0e")).response.status).toBe(202);
    expect((await show("0c1b5616-fdc5-45ae-b2dc-6f1440d55d0e")).data!.backup).toEqual(before);
    expect((await show("e1cb03fd-c108-4702-a04b-653491e41a91")).response.status).toBe(200);
    const listed = (await session.db().GET("/{accountId}/backups", { params: { path } })).data!.backups.map((backup) => backup.id);
    expect(listed).toContain("0c1b5616-fdc5-45ae-b2dc-6f1440d55d0e");
    // Deleting it again meanwhile is accepted again, as Trove's is until its task has run.
    expect((await remove("0c1b5616-fdc5-45ae-b2dc-6f1440d55d0e")).response.status).toBe(202);
    session.clock.advance(DELETING_MS - 1);
    expect((await show("0c1b5616-fdc5-45ae-b2dc-6f1440d55d0e")).response.status).toBe(200);
    session.clock.advance(1);
    expect((await show("0c1b5616-fdc5-45ae-b2dc-6f1440d55d0e")).response.status).toBe(404);
    expect((await remove("0c1b5616-fdc5-45ae-b2dc-6f1440d55d0e")).response.status).toBe(404);
  });

  it("a backup being deleted cannot be the parent of a new incremental (422)", async () => {
    expect((await remove("c6bbca39-e530-41f3-b073-03144dea04e3")).response.status).toBe(202);
    const result = await create({
      backup: { name: "late", instance: null, source: { type: "ha", id: HA }, parent_id: "c6bbca39-e530-41f3-b073-03144dea04e3" },
    });
    expect(result.response.status).toBe(422);
    expect(JSON.stringify(result.error)).toContain("being deleted");
  });

  it("deleting a parent whose incremental still runs is 422 naming the incremental, as Trove 18 answers; nothing is deleted", async () => {
    const parent = await completed("full");
    const incremental = (await create({ backup: { name: "incr", instance: INSTANCE, parent_id: parent } })).data!.backup.id;
    session.clock.advance(5_000); // BUILDING, as Trove's held backup was
    const result = await remove(parent);
    expect(result.response.status).toBe(422);
    expect(result.error).toEqual({
      unprocessableEntity: { code: 422, message: `Backup ${incremental} cannot be deleted because it is running.` },
    });
    session.clock.advance(DELETING_MS);
    expect((await show(parent)).data!.backup.status).toBe("COMPLETED");
    expect((await show(incremental)).data!.backup.status).toBe("BUILDING");
  });

  it("incrementals are deleted children first, in creation order: a running one stops the deletion, those before it stay deleted", async () => {
    // Trove 18's "delete a parent with one finished and one running incremental": 422, the finished
    // incremental 404, the running one and the parent still there.
    const parent = await completed("full");
    const finished = await completed("incr-1", parent);
    const finishedChild = await completed("incr-1-1", finished);
    const running = (await create({ backup: { name: "incr-2", instance: INSTANCE, parent_id: parent } })).data!.backup.id;
    session.clock.advance(5_000);
    const result = await remove(parent);
    expect(result.response.status).toBe(422);
    expect(JSON.stringify(result.error)).toContain(`Backup ${running} cannot be deleted because it is running.`);
    session.clock.advance(DELETING_MS);
    expect((await show(finishedChild)).response.status).toBe(404);
    expect((await show(finished)).response.status).toBe(404);
    expect((await show(running)).data!.backup.status).toBe("BUILDING");
    expect((await show(parent)).data!.backup.status).toBe("COMPLETED");
    session.clock.advance(65_000);
    expect((await remove(parent)).response.status).toBe(202);
    session.clock.advance(DELETING_MS);
    expect((await show(running)).response.status).toBe(404);
    expect((await show(parent)).response.status).toBe(404);
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
