// A consumer's whole journey with the generated client against the sandbox: create, poll until
// COMPLETED, incremental on top, list with a filter, delete the parent, poll until the incremental is gone.
import { describe, expect, it } from "vitest";
import { ACCOUNT, INSTANCE, useSandbox } from "../support/sandbox-session.js";

const session = useSandbox();

describe("the generated client drives a full backup lifecycle against the sandbox", () => {
  it("create → poll to COMPLETED → incremental → list with filter → delete parent → poll until the incremental is gone", async () => {
    const db = session.db();
    const path = { accountId: ACCOUNT };
    const created = await db.POST("/{accountId}/backups", {
      params: { path },
      body: { backup: { name: "lifecycle-full", instance: INSTANCE, description: "from the client" } },
    });
    expect(created.response.status).toBe(202);
    const fullId = created.data!.backup.id;

    let polls = 0;
    let status = created.data!.backup.status;
    while (status !== "COMPLETED") {
      expect(polls++, "the backup never completed").toBeLessThan(20);
      session.clock.advance(10_000);
      const shown = await db.GET("/{accountId}/backups/{backupId}", { params: { path: { ...path, backupId: fullId } } });
      status = shown.data!.backup.status;
      expect(["NEW", "BUILDING", "COMPLETED"]).toContain(status);
    }
    expect(polls).toBe(7);

    const incremental = await db.POST("/{accountId}/backups", {
      params: { path },
      body: { backup: { name: "lifecycle-incr", instance: INSTANCE, parent_id: fullId } },
    });
    expect(incremental.response.status).toBe(202);
    const incrementalId = incremental.data!.backup.id;
    expect(incremental.data!.backup.type).toBe("InnoBackupExIncremental");

    const listed = await db.GET("/{accountId}/backups", { params: { path, query: { datastore: "MYSQL", instance_id: INSTANCE } } });
    expect(listed.data!.backups.map((backup) => backup.id).sort()).toEqual([fullId, incrementalId].sort());

    session.clock.advance(65_000);
    const deleted = await db.DELETE("/{accountId}/backups/{backupId}", { params: { path: { ...path, backupId: fullId } } });
    expect(deleted.response.status).toBe(202);
    // Deletion is asynchronous: poll until 404, as the spec says to.
    const showIncremental = () => db.GET("/{accountId}/backups/{backupId}", { params: { path: { ...path, backupId: incrementalId } } });
    let gone = await showIncremental();
    for (let wait = 0; gone.response.status === 200; wait++) {
      expect(wait, "the deletion never ran").toBeLessThan(10);
      session.clock.advance(1_000);
      gone = await showIncremental();
    }
    expect(gone.response.status).toBe(404);
    expect(gone.error).toEqual({ itemNotFound: { code: 404, message: `Resource ${incrementalId} cannot be found.` } });
    expect(session.sandbox().violations).toEqual([]);
  });
});
