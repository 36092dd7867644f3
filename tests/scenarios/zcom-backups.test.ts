import { afterEach, describe, expect, it } from "vitest";
import { apiById } from "../../src/apis.js";
import { loadBundle } from "../../src/spec/load-bundle.js";
import { listOperations } from "../../src/spec/operations.js";
import { expectDocumentedResponse } from "../support/documented-response.js";
import { OTHER_DEMO_TOKEN, TENANT, useSandbox } from "../support/sandbox-session.js";

const spec = loadBundle(apiById("zcom-compute"));
const operation = (operationId: string) => listOperations(spec).find((candidate) => candidate.operationId === operationId)!;
const schemas = (spec.components as { schemas: Record<string, { properties: { type: { enum: string[] } } }> }).schemas;

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

describe("Z.com as its spec describes it", () => {
  it("types every run as BackupRun allows: the boot disk instance (or server), an additional volume volume with its volume_id", async () => {
    const zcom = session.zcom();
    const path = { tenant_id: TENANT };
    const enabled = await zcom.POST("/{tenant_id}/backup", {
      params: { path },
      body: { backup: { instance_id: "53235-4ioifjw-32423423" } },
    });
    session.clock.advance(2 * DAY);
    const bootDisk = schemas.InstanceBackupRun!.properties.type.enum;
    const volume = schemas.VolumeBackupRun!.properties.type.enum;
    expect(bootDisk).toEqual(["instance", "server"]);
    const listed = (await zcom.GET("/{tenant_id}/backup", { params: { path } })).data!.backup;
    const shown = await Promise.all(
      listed.map(async (backup) => {
        const one = (await zcom.GET("/{tenant_id}/backup/{backup_id}", { params: { path: { ...path, backup_id: backup.id } } })).data!
          .backup;
        return Array.isArray(one) ? one[0]! : one;
      }),
    );
    const runs = [...listed, ...shown].flatMap((backup) => backup.backupruns);
    expect(listed.map((backup) => backup.id)).toContain(enabled.data!.backup.id);
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) {
      expect([...bootDisk, ...volume]).toContain(run.type);
      if (run.type === "volume") expect(run.volume_id).toBeTruthy();
      else expect("volume_id" in run).toBe(false);
    }
  });

  it("answers each error with the spec's fault body for its status, never Cloud Databases' shapes", async () => {
    const raw = (method: string, path: string, init: { token?: string | null; body?: string } = {}) =>
      fetch(`${session.url()}/v2${path}`, {
        method,
        headers: {
          ...(init.token === null ? {} : { "X-Auth-Token": init.token ?? "demo-token" }),
          ...(init.body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        ...(init.body === undefined ? {} : { body: init.body }),
      });
    const cases: [string, Promise<Response>, number, string][] = [
      ["enableZcomBackup", raw("POST", `/${TENANT}/backup`, { body: '{"backup": {' }), 400, "badRequest"],
      ["enableZcomBackup", raw("POST", `/${TENANT}/backup`, { body: "{}" }), 400, "badRequest"],
      ["listZcomBackups", raw("GET", `/${TENANT}/backup`, { token: OTHER_DEMO_TOKEN }), 400, "badRequest"],
      ["listZcomBackups", raw("GET", `/${TENANT}/backup`, { token: null }), 401, "error"],
      ["showZcomBackup", raw("GET", `/${TENANT}/backup/00000000-0000-4000-8000-000000000000`), 404, "itemNotFound"],
      ["listZcomBackups", raw("PUT", `/${TENANT}/backup`, { body: "{}" }), 405, "badMethod"],
      ["enableZcomBackup", raw("POST", `/${TENANT}/backup`, { body: JSON.stringify({ padding: "p".repeat(120_000) }) }), 413, "overLimit"],
    ];
    for (const [operationId, answer, status, fault] of cases) {
      const response = await answer;
      const body = (await response.json()) as Record<string, unknown>;
      expect(response.status, `${operationId} ${fault}`).toBe(status);
      expect(Object.keys(body), `${operationId} ${status}`).toEqual([fault]);
      expectDocumentedResponse(spec, operation(operationId), status, body);
    }
  });
});
