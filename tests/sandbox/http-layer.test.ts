// What the sandbox's HTTP layer does before and around the operations: bodies the methods do not need,
// links, and the refusals Node and Fastify make before any route runs.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/sandbox/clock.js";
import { createSandbox, type Sandbox } from "../../src/sandbox/server.js";
import { type RawRequestOptions, sendRaw } from "../reliability/raw-http.js";

const ACCOUNT = "1234";
const TENANT = "1864e71d2deb46f6b47526b69c65a45d";
const TOKEN: [string, string] = ["X-Auth-Token", "demo-token"];
const COMPLETED_BACKUP = "d9f56b04-e17d-41f0-ae92-30a3b47b8d29";
const INSTANCE = "d4603f69-ec7e-4e9b-803f-600b9205576f";

let sandbox: Sandbox;
let origin = "";
beforeAll(async () => {
  sandbox = createSandbox({ clock: new ManualClock(), config: { validateResponses: true } });
  origin = await sandbox.listen(0, "127.0.0.1");
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const send = (options: RawRequestOptions) => sendRaw(origin, options, 5_000);

describe("DELETE with Content-Type: application/json and no body (what curl -H and many clients send)", () => {
  const deletes = () => [
    `/v1.0/${ACCOUNT}/backups/${COMPLETED_BACKUP}`,
    `/v1.0/${ACCOUNT}/schedules/${[...sandbox.cloudDatabases.schedules.keys()][0]}`,
    `/v2/${TENANT}/backup/${[...sandbox.zcomCompute.backups.keys()][0]}`,
    `/_sandbox/cloud-databases/${ACCOUNT}/instances/${INSTANCE}`,
  ];
  for (const framing of [["Content-Length", "0"], undefined] as const) {
    it(`is accepted as a DELETE without a body (${framing ? "Content-Length: 0" : "no Content-Length"})`, async () => {
      for (const target of deletes()) {
        const headers: [string, string][] = [TOKEN, ["Content-Type", "application/json"]];
        if (framing) headers.push([framing[0], framing[1]]);
        const answer = await send({ method: "DELETE", target, headers });
        expect(answer.status, `${target}: ${answer.body}`).toBeLessThan(300);
      }
      expect(sandbox.violations).toEqual([]);
    });
  }

  it("still refuses a POST whose JSON body is empty (it needs one)", async () => {
    const answer = await send({
      method: "POST",
      target: `/v1.0/${ACCOUNT}/backups`,
      headers: [TOKEN, ["Content-Type", "application/json"], ["Content-Length", "0"]],
    });
    expect(answer.status).toBe(400);
    expect(Object.keys(JSON.parse(answer.body) as object)).toEqual(["badRequest"]);
  });

  it("still reads a DELETE's JSON body when there is one (a malformed one is a 400)", async () => {
    const answer = await send({
      method: "DELETE",
      target: `/v1.0/${ACCOUNT}/backups/${COMPLETED_BACKUP}`,
      headers: [TOKEN, ["Content-Type", "application/json"]],
      body: "{",
    });
    expect(answer.status).toBe(400);
  });
});

describe("links", () => {
  const nextLink = (body: string) =>
    (JSON.parse(body) as { links?: { href: string; rel: string }[] }).links?.find((link) => link.rel === "next")?.href;
  const restore = (host?: string) =>
    send({
      method: "POST",
      target: `/v1.0/${ACCOUNT}/instances`,
      headers: [TOKEN, ["Content-Type", "application/json"], ...(host ? [["Host", host] as [string, string]] : [])],
      body: JSON.stringify({ instance: { name: "r", flavorRef: 1, volume: { size: 2 }, restorePoint: { backupRef: COMPLETED_BACKUP } } }),
    });

  it("are built from the sandbox's origin, never from the Host header or an absolute request target", async () => {
    for (const [target, host] of [
      [`/v1.0/${ACCOUNT}/backups?limit=1`, "evil.example"],
      [`/v1.0/${ACCOUNT}/backups?limit=1`, "evil.example:4020"],
      [`http://evil.example/v1.0/${ACCOUNT}/backups?limit=1`, undefined],
    ] as const) {
      const answer = await send({ target, headers: [TOKEN, ...(host ? [["Host", host] as [string, string]] : [])] });
      expect(answer.status, answer.body).toBe(200);
      expect(nextLink(answer.body), target).toBe(`${origin}/v1.0/${ACCOUNT}/backups?limit=1&marker=1`);
    }
    const restored = await restore("evil.example");
    expect(restored.status, restored.body).toBe(200);
    const links = (JSON.parse(restored.body) as { instance: { links: { href: string }[] } }).instance.links;
    for (const link of links) expect(link.href.startsWith(`${origin}/v1.0/${ACCOUNT}/instances/`), link.href).toBe(true);
  });

  it("a Host header that is no host does not matter, since links do not use it", async () => {
    for (const host of ["a b", "localhost:99999", "exa%mple", "[::1"]) {
      const answer = await send({ target: `/v1.0/${ACCOUNT}/backups?limit=1`, headers: [TOKEN, ["Host", host]] });
      expect(answer.status, `${host}: ${answer.body}`).toBe(200);
      expect(nextLink(answer.body)).toBe(`${origin}/v1.0/${ACCOUNT}/backups?limit=1&marker=1`);
    }
  });

  it("use the configured public origin, with or without a trailing slash", async () => {
    const hrefs: string[] = [];
    for (const publicOrigin of ["https://sandbox.example:8443", "https://sandbox.example:8443/"]) {
      const own = createSandbox({ clock: new ManualClock(), config: { publicOrigin } });
      try {
        const answer = await own.app.inject({ url: `/v1.0/${ACCOUNT}/backups?limit=1`, headers: { "x-auth-token": "demo-token" } });
        hrefs.push(nextLink(answer.body) ?? "");
      } finally {
        await own.close();
      }
    }
    expect(hrefs).toEqual([
      `https://sandbox.example:8443/v1.0/${ACCOUNT}/backups?limit=1&marker=1`,
      `https://sandbox.example:8443/v1.0/${ACCOUNT}/backups?limit=1&marker=1`,
    ]);
  });

  it("refuses a public origin that is not an origin, saying what it needs", () => {
    for (const publicOrigin of ["127.0.0.1:4020", "ftp://x.example", "http://x.example/prefix", "http://x.example/?q", "http://", ""]) {
      expect(() => createSandbox({ config: { publicOrigin } }), publicOrigin).toThrow(/public origin/);
    }
  });
});
