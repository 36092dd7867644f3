import { afterEach, describe, expect, it } from "vitest";
import { TENANT, useSandbox } from "../support/sandbox-session.js";

const session = useSandbox();
const DAY = 24 * 60 * 60 * 1000;
afterEach(() => expect(session.sandbox().violations).toEqual([]));

describe("Z.com backups", () => {
  it("enabling backup for a VM creates a backup that takes a run a day and keeps the newest three; disabling removes it", async () => {
    const zcom = session.zcom();
    const path = { tenant_id: TENANT };
    const enabled = await zcom.POST("/{tenant_id}/backup", {
      params: { path },
      body: { backup: { instance_id: "53235-4ioifjw-32423423" } },
    });
    expect(enabled.response.status).toBe(201);
    const backupId = enabled.data!.backup.id;
    const runs = async () => {
      const shown = await zcom.GET("/{tenant_id}/backup/{backup_id}", { params: { path: { ...path, backup_id: backupId } } });
      const backup = shown.data!.backup;
      return (Array.isArray(backup) ? backup[0]! : backup).backupruns;
    };
    expect(await runs()).toEqual([]);
    session.clock.advance(DAY);
    expect(await runs()).toHaveLength(1);
    session.clock.advance(4 * DAY);
    const kept = await runs();
    expect(kept).toHaveLength(3);
    expect(kept.every((run) => run.status === "available" && run.type === "instance")).toBe(true);

    const image = await zcom.POST("/{tenant_id}/backup/{backup_id}/action", {
      params: { path: { ...path, backup_id: backupId } },
      body: { createImage: { backuprun_id: kept[0]!.backuprun_id, image_name: "kept_image" } },
    });
    expect(image.response.status).toBe(202);

    const listed = await zcom.GET("/{tenant_id}/backup", { params: { path } });
    expect(listed.data!.backup.map((backup) => backup.id)).toContain(backupId);
    expect(
      (await zcom.DELETE("/{tenant_id}/backup/{backup_id}", { params: { path: { ...path, backup_id: backupId } } })).response.status,
    ).toBe(204);
    expect(
      (await zcom.GET("/{tenant_id}/backup/{backup_id}", { params: { path: { ...path, backup_id: backupId } } })).response.status,
    ).toBe(404);
  });

  it("enabling twice for the same VM is a 400, and an unknown VM is a 400", async () => {
    const zcom = session.zcom();
    const path = { tenant_id: TENANT };
    expect(
      (
        await zcom.POST("/{tenant_id}/backup", {
          params: { path },
          body: { backup: { instance_id: "efbc4dea-e7e3-4890-883c-9a7a5ca9e105" } },
        })
      ).response.status,
    ).toBe(400);
    expect(
      (await zcom.POST("/{tenant_id}/backup", { params: { path }, body: { backup: { instance_id: "no-such-vm" } } })).response.status,
    ).toBe(400);
  });

  it("saving an unknown run as an image is a 404", async () => {
    const result = await session.zcom().POST("/{tenant_id}/backup/{backup_id}/action", {
      params: { path: { tenant_id: TENANT, backup_id: "1df1d401-0e64-4f43-8a96-475b4eb55029" } },
      body: { createImage: { backuprun_id: "0123456789abcdef0123456789abcdef", image_name: "x" } },
    });
    expect(result.response.status).toBe(404);
  });
});
