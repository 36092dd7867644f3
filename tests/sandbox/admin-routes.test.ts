// The sandbox's own routes that change it for everyone (/_sandbox/reset, /_sandbox/clock) need its admin
// token; a tenant's token resets only its own accounts' data; without a token they are a 401 with the
// API's fault body.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LATEST_TIME, MAX_SPEED, ManualClock, parseSpeed, ScaledClock } from "../../src/sandbox/clock.js";
import { DEMO_TOKEN, OTHER_DEMO_TOKEN } from "../../src/sandbox/config.js";
import { createSandbox, type Sandbox } from "../../src/sandbox/server.js";
import { ACCOUNT, INSTANCE, OTHER_ACCOUNT, OTHER_TENANT, TENANT } from "../support/sandbox-session.js";
import { COMPLETED_BACKUP } from "../support/sandbox-warm-up.js";

const clock = new ManualClock();
let sandbox: Sandbox;
beforeAll(() => {
  sandbox = createSandbox({ clock, config: { validateResponses: true } });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const inject = (method: "GET" | "POST" | "DELETE", url: string, token?: string, payload?: object) =>
  sandbox.app.inject({ method, url, headers: token === undefined ? {} : { "x-auth-token": token }, ...(payload ? { payload } : {}) });

/** Gives account 5678 and tenant a0b1… something of their own: an instance with a backup, a VM with backup enabled. */
async function otherAccountData(): Promise<{ backupId: string; zcomBackupId: string }> {
  const instanceId = "00000000-0000-4000-8000-000000005678";
  sandbox.cloudDatabases.instances.set(instanceId, {
    id: instanceId,
    account: OTHER_ACCOUNT,
    name: "other",
    datastore: undefined,
    flavorRam: 1024,
    volumeSize: 1,
    deleted: false,
  });
  sandbox.zcomCompute.vms.set("other-vm", { id: "other-vm", tenant: OTHER_TENANT });
  const backup = await inject("POST", `/v1.0/${OTHER_ACCOUNT}/backups`, OTHER_DEMO_TOKEN, { backup: { name: "o", instance: instanceId } });
  expect(backup.statusCode, backup.body).toBe(202);
  const zcom = await inject("POST", `/v2/${OTHER_TENANT}/backup`, OTHER_DEMO_TOKEN, { backup: { instance_id: "other-vm" } });
  expect(zcom.statusCode, zcom.body).toBe(201);
  return {
    backupId: (JSON.parse(backup.body) as { backup: { id: string } }).backup.id,
    zcomBackupId: (JSON.parse(zcom.body) as { backup: { id: string } }).backup.id,
  };
}

describe("the admin token", () => {
  it("is random for each sandbox unless the configuration gives one, and is no tenant's token", async () => {
    const other = createSandbox({ clock: new ManualClock() });
    const given = createSandbox({ clock: new ManualClock(), config: { adminToken: "my-admin" } });
    try {
      expect(sandbox.config.adminToken).toMatch(/^[\w-]{20,}$/);
      expect(other.config.adminToken).not.toBe(sandbox.config.adminToken);
      expect(given.config.adminToken).toBe("my-admin");
    } finally {
      await Promise.all([other.close(), given.close()]);
    }
    expect(() => createSandbox({ config: { adminToken: DEMO_TOKEN } })).toThrow(/admin token/);
    expect(() => createSandbox({ config: { adminToken: "" } })).toThrow(/admin token/);
  });

  it("opens no API: on /v1.0 and /v2 it is an unknown token (401)", async () => {
    expect((await inject("GET", `/v1.0/${ACCOUNT}/backups`, sandbox.config.adminToken)).statusCode).toBe(401);
    expect((await inject("GET", `/v2/${TENANT}/backup`, sandbox.config.adminToken)).statusCode).toBe(401);
  });
});

describe("POST /_sandbox/reset and /_sandbox/clock", () => {
  for (const [method, url, payload] of [
    ["POST", "/_sandbox/reset", undefined],
    ["POST", "/_sandbox/clock", { advanceSeconds: 60 }],
  ] as const) {
    it(`${url}: no or an unknown token is a 401 with the fault body, and changes nothing`, async () => {
      const before = clock.now();
      for (const token of [undefined, "not-a-token", "toString", ""]) {
        const answer = await inject(method, url, token, payload);
        expect(answer.statusCode, `${token}: ${answer.body}`).toBe(401);
        expect(JSON.parse(answer.body)).toEqual({ unauthorized: { code: 401, message: expect.stringMatching(/token/) } });
      }
      expect(clock.now()).toBe(before);
    });
  }

  it("the admin token moves the clock; a tenant's token cannot (403), and anyone may read it", async () => {
    const before = clock.now();
    const refused = await inject("POST", "/_sandbox/clock", DEMO_TOKEN, { advanceSeconds: 60 });
    expect(refused.statusCode).toBe(403);
    expect(Object.keys(JSON.parse(refused.body) as object)).toEqual(["forbidden"]);
    expect(clock.now()).toBe(before);
    const moved = await inject("POST", "/_sandbox/clock", sandbox.config.adminToken, { advanceSeconds: 60 });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(clock.now()).toBe(before + 60_000);
    expect((await inject("GET", "/_sandbox/clock")).statusCode).toBe(200);
  });

  it("the admin token resets every account", async () => {
    const { backupId } = await otherAccountData();
    expect((await inject("DELETE", `/v1.0/${ACCOUNT}/backups/${COMPLETED_BACKUP}`, DEMO_TOKEN)).statusCode).toBe(202);
    expect((await inject("POST", "/_sandbox/reset", sandbox.config.adminToken)).statusCode).toBe(204);
    expect((await inject("GET", `/v1.0/${ACCOUNT}/backups/${COMPLETED_BACKUP}`, DEMO_TOKEN)).statusCode).toBe(200);
    expect(sandbox.cloudDatabases.backups.has(backupId)).toBe(false);
  });

  it("a tenant's token resets its own accounts' data and nobody else's", async () => {
    const { backupId, zcomBackupId } = await otherAccountData();
    expect((await inject("DELETE", `/v1.0/${ACCOUNT}/backups/${COMPLETED_BACKUP}`, DEMO_TOKEN)).statusCode).toBe(202);
    const zcomBackups = [...sandbox.zcomCompute.backups.values()].filter((backup) => backup.tenant === TENANT);
    expect((await inject("DELETE", `/v2/${TENANT}/backup/${zcomBackups[0]!.id}`, DEMO_TOKEN)).statusCode).toBe(204);

    // 5678 resets: its backup, instance, VM and Z.com backup are gone; 1234's deletions stay.
    expect((await inject("POST", "/_sandbox/reset", OTHER_DEMO_TOKEN)).statusCode).toBe(204);
    expect(sandbox.cloudDatabases.backups.has(backupId)).toBe(false);
    expect(sandbox.zcomCompute.backups.has(zcomBackupId)).toBe(false);
    expect([...sandbox.cloudDatabases.instances.values()].filter((instance) => instance.account === OTHER_ACCOUNT)).toEqual([]);
    clock.advance(sandbox.config.backupPhaseSeconds.deleting * 1000); // deletion is asynchronous, as Trove's
    expect((await inject("GET", `/v1.0/${ACCOUNT}/backups/${COMPLETED_BACKUP}`, DEMO_TOKEN)).statusCode).toBe(404);

    // 1234 resets: its documented data is back, 5678's new data (made again) is untouched.
    const again = await otherAccountData();
    expect((await inject("POST", "/_sandbox/reset", DEMO_TOKEN)).statusCode).toBe(204);
    expect((await inject("GET", `/v1.0/${ACCOUNT}/backups/${COMPLETED_BACKUP}`, DEMO_TOKEN)).statusCode).toBe(200);
    expect((await inject("GET", `/v2/${TENANT}/backup/${zcomBackups[0]!.id}`, DEMO_TOKEN)).statusCode).toBe(200);
    expect(sandbox.cloudDatabases.backups.has(again.backupId)).toBe(true);
    expect(sandbox.zcomCompute.backups.has(again.zcomBackupId)).toBe(true);
    expect(sandbox.violations).toEqual([]);
  });

  it("DELETE of an instance: its account's token or the admin token; no token 401, another account's token 403", async () => {
    const url = `/_sandbox/cloud-databases/${ACCOUNT}/instances/${INSTANCE}`;
    expect((await inject("DELETE", url)).statusCode).toBe(401);
    expect((await inject("DELETE", url, OTHER_DEMO_TOKEN)).statusCode).toBe(403);
    expect((await inject("DELETE", url, sandbox.config.adminToken)).statusCode).toBe(204);
    sandbox.reset();
    expect((await inject("DELETE", url, DEMO_TOKEN)).statusCode).toBe(204);
  });
});

describe("the clock's end", () => {
  it("a clock request past 9999-01-01 is a 400 fault saying where the clock stops and how far it may go", async () => {
    const own = createSandbox({ clock: new ManualClock(Date.UTC(9998, 11, 31)) });
    try {
      const answer = await own.app.inject({
        method: "POST",
        url: "/_sandbox/clock",
        headers: { "x-auth-token": own.config.adminToken },
        payload: { advanceSeconds: 2 * 86_400 },
      });
      expect(answer.statusCode).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({
        badRequest: {
          code: 400,
          message: "The clock stops at 9999-01-01T00:00:00.000Z: it is 9998-12-31T00:00:00.000Z, so at most 86400 more seconds.",
        },
      });
      const exact = await own.app.inject({
        method: "POST",
        url: "/_sandbox/clock",
        headers: { "x-auth-token": own.config.adminToken },
        payload: { advanceSeconds: 86_400 },
      });
      expect(JSON.parse(exact.body)).toEqual({ now: "9999-01-01T00:00:00.000Z" });
      expect((await own.app.inject({ url: "/v1.0/1234/schedules", headers: { "x-auth-token": DEMO_TOKEN } })).statusCode).toBe(200);
    } finally {
      await own.close();
    }
  });

  it("clocks stop at 9999-01-01, however fast they run; an absurd speed is refused", () => {
    const fast = new ScaledClock(MAX_SPEED, LATEST_TIME - 1_000);
    const manual = new ManualClock(LATEST_TIME - 1_000);
    fast.advance(10_000);
    manual.advance(10_000);
    expect(fast.now()).toBe(LATEST_TIME);
    expect(manual.now()).toBe(LATEST_TIME);
    expect(() => new ScaledClock(1e12)).toThrow(/speed/);
    expect(() => new ScaledClock(0)).toThrow(/speed/);
    expect(() => parseSpeed("1e12")).toThrow(/--speed must be a number above 0 and at most 1000000/);
    expect(parseSpeed("60")).toBe(60);
    expect(parseSpeed("0.5")).toBe(0.5);
  });
});
