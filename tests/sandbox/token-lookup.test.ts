// A token is looked up as a key of the token table: a name every plain object inherits (`__proto__`,
// `toString`, …) is no token, so it gets the 401 of an unknown token, never the 403/400 of a valid token on
// another account's path (which is what a plain-object lookup gave: Object.prototype.toString is truthy).
import { afterAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/sandbox/clock.js";
import { createSandbox } from "../../src/sandbox/server.js";

const sandbox = createSandbox({ clock: new ManualClock(), config: { validateResponses: true } });
afterAll(() => sandbox.close());

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);
const PATHS = [
  "/v1.0/1234/backups",
  "/v1.0/1234/schedules",
  "/v2/1864e71d2deb46f6b47526b69c65a45d/backup",
  "/_sandbox/cloud-databases/1234/instances/d4603f69-ec7e-4e9b-803f-600b9205576f",
];

describe("tokens named like Object.prototype's properties", () => {
  it(`are unknown tokens (401) on every API and control path: ${PROTOTYPE_NAMES.join(", ")}`, async () => {
    expect(PROTOTYPE_NAMES).toEqual(expect.arrayContaining(["__proto__", "constructor", "toString", "hasOwnProperty"]));
    const wrong: string[] = [];
    for (const token of PROTOTYPE_NAMES) {
      for (const url of PATHS) {
        const method = url.startsWith("/_sandbox/") ? "DELETE" : "GET";
        const answer = await sandbox.app.inject({ method, url, headers: { "x-auth-token": token } });
        if (answer.statusCode !== 401) wrong.push(`${token} ${method} ${url} → ${answer.statusCode} ${answer.body.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(sandbox.violations).toEqual([]);
  });

  it("are unknown tokens also when a token file gives the table (JSON.parse makes __proto__ an own key of it)", async () => {
    const tokens = JSON.parse(
      '{"__proto__": {"cloudDatabasesAccount": "1234", "zcomTenant": "t"}, "real": {"cloudDatabasesAccount": "9", "zcomTenant": "t9"}}',
    );
    const own = createSandbox({ clock: new ManualClock(), config: { tokens } });
    try {
      // A token a file names is a token, whatever it is called.
      expect((await own.app.inject({ url: "/v1.0/1234/backups", headers: { "x-auth-token": "__proto__" } })).statusCode).toBe(200);
      expect((await own.app.inject({ url: "/v1.0/9/backups", headers: { "x-auth-token": "real" } })).statusCode).toBe(200);
      for (const token of PROTOTYPE_NAMES.filter((name) => name !== "__proto__")) {
        const answer = await own.app.inject({ url: "/v1.0/9/backups", headers: { "x-auth-token": token } });
        expect(answer.statusCode, token).toBe(401);
      }
    } finally {
      await own.close();
    }
  });
});
