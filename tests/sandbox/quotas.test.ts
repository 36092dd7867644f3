// Stored data is bounded per account, as on the real servers: upstream Trove counts backups and instances
// per tenant (max_backups_per_tenant, max_instances_per_tenant) and refuses one more with 413 overLimit,
// "Quota exceeded for resources: ['backups']."; the sandbox does the same for backups (requests and copies,
// per region), restored instances and Z.com images. Without it a client filled the sandbox's memory.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/sandbox/clock.js";
import { DEFAULT_CONFIG, DEMO_TOKEN, parseQuotas } from "../../src/sandbox/config.js";
import { createSandbox, type Sandbox } from "../../src/sandbox/server.js";

const ACCOUNT = "1234";
const TENANT = "1864e71d2deb46f6b47526b69c65a45d";
const INSTANCES = ["d4603f69-ec7e-4e9b-803f-600b9205576f", "34d6c8bf-539e-47d1-8a06-2b7590521309"];
const COMPLETED_BACKUP = "d9f56b04-e17d-41f0-ae92-30a3b47b8d29";

const clock = new ManualClock();
let sandbox: Sandbox;
beforeAll(() => {
  sandbox = createSandbox({ clock, config: { validateResponses: true, quotas: { backups: 14, instances: 12, images: 2 } } });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const send = (method: "GET" | "POST", url: string, payload?: object) =>
  sandbox.app.inject({ method, url, headers: { "x-auth-token": DEMO_TOKEN }, ...(payload ? { payload } : {}) });

const liveBackups = (region = sandbox.cloudDatabases) => [...region.backups.values()].filter((backup) => backup.account === ACCOUNT).length;

describe("per-account quotas", () => {
  it("refuses a backup beyond the account's quota with Trove's 413, and takes one again once a backup is deleted", async () => {
    const statuses: number[] = [];
    for (let index = 0; statuses.at(-1) !== 413 && index < 40; index++) {
      const instance = INSTANCES[index % INSTANCES.length]!;
      statuses.push((await send("POST", `/v1.0/${ACCOUNT}/backups`, { backup: { name: `q${index}`, instance } })).statusCode);
      clock.advance(120_000); // one backup at a time per instance: let each complete
    }
    expect(statuses.at(-1)).toBe(413);
    expect(statuses.slice(0, -1).every((status) => status === 202)).toBe(true);
    expect(liveBackups()).toBe(14);
    const refused = await send("POST", `/v1.0/${ACCOUNT}/backups`, { backup: { name: "one more", instance: INSTANCES[0] } });
    expect(refused.statusCode).toBe(413);
    expect(refused.json()).toEqual({ overLimit: { code: 413, message: "Quota exceeded for resources: ['backups']." } });
    expect(sandbox.violations).toEqual([]);

    expect(
      (
        await sandbox.app.inject({
          method: "DELETE",
          url: `/v1.0/${ACCOUNT}/backups/${COMPLETED_BACKUP}`,
          headers: { "x-auth-token": DEMO_TOKEN },
        })
      ).statusCode,
    ).toBe(202);
    clock.advance(sandbox.config.backupPhaseSeconds.deleting * 1000);
    expect((await send("POST", `/v1.0/${ACCOUNT}/backups`, { backup: { name: "room again", instance: INSTANCES[0] } })).statusCode).toBe(
      202,
    );
  });

  it("refuses a copy into a region whose quota is full, and counts each region on its own", async () => {
    const iad = sandbox.cloudDatabasesRegions.region("iad")!;
    for (let index = 0; index < 14; index++) {
      const answer = await send("POST", `/v1.0/${ACCOUNT}/backups/${COMPLETED_BACKUP}/action`, {
        "copy-backup": { target_backup_region: "IAD", name: `copy ${index}` },
      });
      expect(answer.statusCode, `copy ${index}`).toBe(202);
    }
    expect(liveBackups(iad)).toBe(14);
    const refused = await send("POST", `/v1.0/${ACCOUNT}/backups/${COMPLETED_BACKUP}/action`, {
      "copy-backup": { target_backup_region: "IAD" },
    });
    expect(refused.statusCode).toBe(413);
    expect(refused.json()).toEqual({ overLimit: { code: 413, message: "Quota exceeded for resources: ['backups']." } });
    // dfw's own count is not iad's: a backup there is still taken.
    expect((await send("POST", `/v1.0/${ACCOUNT}/backups`, { backup: { name: "dfw", instance: INSTANCES[0] } })).statusCode).toBe(202);
  });

  it("refuses a restore beyond the account's instance quota", async () => {
    const instances = () => [...sandbox.cloudDatabases.instances.values()].filter((i) => i.account === ACCOUNT && !i.deleted).length;
    const restore = () =>
      send("POST", `/v1.0/${ACCOUNT}/instances`, {
        instance: { name: "restored", flavorRef: "1", volume: { size: 2 }, restorePoint: { backupRef: COMPLETED_BACKUP } },
      });
    while (instances() < 12) expect((await restore()).statusCode).toBe(200);
    const refused = await restore();
    expect(refused.statusCode).toBe(413);
    expect(refused.json()).toEqual({ overLimit: { code: 413, message: "Quota exceeded for resources: ['instances']." } });
  });

  it("refuses a Z.com image beyond the tenant's quota with the overLimit fault", async () => {
    const list = (await send("GET", `/v2/${TENANT}/backup`)).json() as {
      backup: { id: string; backupruns: { backuprun_id: string; status: string }[] }[];
    };
    const backup = list.backup.find((candidate) => candidate.backupruns.some((run) => run.status === "available"))!;
    const run = backup.backupruns.find((candidate) => candidate.status === "available")!;
    const save = (name: string) =>
      send("POST", `/v2/${TENANT}/backup/${backup.id}/action`, { createImage: { backuprun_id: run.backuprun_id, image_name: name } });
    expect((await save("one")).statusCode).toBe(202);
    expect((await save("two")).statusCode).toBe(202);
    const refused = await save("three");
    expect(refused.statusCode).toBe(413);
    expect(Object.keys(refused.json() as object)).toEqual(["overLimit"]);
    expect(sandbox.violations).toEqual([]);
  });
});

describe("--quotas", () => {
  it("reads any of the three quotas, keeps the others' defaults, and names the part it cannot read", () => {
    expect(parseQuotas("backups=50, instances=10")).toEqual({ backups: 50, instances: 10, images: DEFAULT_CONFIG.quotas.images });
    expect(() => parseQuotas("backups=50,volumes=3")).toThrow('"volumes=3" is not <backups|instances|images>=<whole number>');
    expect(() => parseQuotas("images=0")).toThrow("images must be at least 1, not 0");
    expect(() => parseQuotas("backups=-1")).toThrow('"backups=-1"');
  });
});
