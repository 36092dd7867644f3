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
      target: `/v2/${TENANT}/backup`,
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

describe("refusals before any route answer with the API's fault body", () => {
  const cdb = `/v1.0/${ACCOUNT}/backups`;
  const zcom = `/v2/${TENANT}/backup`;
  const line = (method: string, target: string, headers = "Host: x\r\n", version = "HTTP/1.1") =>
    `${method} ${target} ${version}\r\n${headers}X-Auth-Token: demo-token\r\nConnection: close\r\n\r\n`;
  const cases: { name: string; raw: string; status: number; fault: string; allow?: string }[] = [
    {
      name: "duplicate Content-Length",
      raw: `POST ${cdb} HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\nConnection: close\r\n\r\nab`,
      status: 400,
      fault: "badRequest",
    },
    {
      name: "duplicate Content-Length (Z.com)",
      raw: `POST ${zcom} HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\nConnection: close\r\n\r\nab`,
      status: 400,
      fault: "badRequest",
    },
    { name: "a header line without a colon", raw: line("GET", cdb, "Host: x\r\nno colon here\r\n"), status: 400, fault: "badRequest" },
    { name: "a header name with a space", raw: line("GET", zcom, "Host: x\r\nBad Name: 1\r\n"), status: 400, fault: "badRequest" },
    { name: "raw UTF-8 in the path", raw: line("GET", `${cdb}/\u00e9`), status: 400, fault: "badRequest" },
    {
      name: "headers over the limit",
      raw: line("GET", cdb, `Host: x\r\nX-Big: ${"b".repeat(20_000)}\r\n`),
      status: 431,
      fault: "badRequest",
    },
    { name: "a request target over the header limit", raw: line("GET", `${cdb}/${"a".repeat(70_000)}`), status: 431, fault: "badRequest" },
    { name: "a method Node does not know", raw: line("FOO", cdb), status: 400, fault: "badRequest" },
    { name: "HTTP/9.9", raw: line("GET", cdb, "Host: x\r\n", "HTTP/9.9"), status: 400, fault: "badRequest" },
    { name: "an HTTP/2 preface", raw: "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", status: 400, fault: "badRequest" },
    {
      name: "an invalid chunk size",
      raw: `POST ${cdb} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nabc\r\n0\r\n\r\n`,
      status: 400,
      fault: "badRequest",
    },
    { name: "HTTP/1.1 without Host", raw: line("GET", cdb, ""), status: 400, fault: "badRequest" },
    { name: "CONNECT", raw: "CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n", status: 400, fault: "badRequest" },
    { name: "an Expect the server cannot meet", raw: line("GET", cdb, "Host: x\r\nExpect: banana\r\n"), status: 417, fault: "badRequest" },
    { name: "TRACE on a known path", raw: line("TRACE", cdb), status: 405, fault: "badMethod", allow: "GET, POST" },
    { name: "PROPFIND on a known path", raw: line("PROPFIND", zcom), status: 405, fault: "badMethod", allow: "GET, POST" },
    { name: "M-SEARCH on a known path", raw: line("M-SEARCH", cdb), status: 405, fault: "badMethod", allow: "GET, POST" },
    { name: "QUERY on a known path", raw: line("QUERY", cdb), status: 405, fault: "badMethod", allow: "GET, POST" },
    { name: "TRACE on an unknown path", raw: line("TRACE", "/nowhere"), status: 404, fault: "itemNotFound" },
    { name: "an unknown path", raw: line("GET", "/v2/x/y/z"), status: 404, fault: "itemNotFound" },
    {
      name: "a body that is not JSON (Z.com)",
      raw: `POST ${zcom} HTTP/1.1\r\nHost: x\r\nX-Auth-Token: demo-token\r\nContent-Type: text/html\r\nContent-Length: 2\r\nConnection: close\r\n\r\nab`,
      status: 400,
      fault: "badRequest",
    },
    {
      name: "a body over the limit",
      raw: `POST ${cdb} HTTP/1.1\r\nHost: x\r\nX-Auth-Token: demo-token\r\nContent-Type: application/json\r\nContent-Length: 200000\r\nConnection: close\r\n\r\n{`,
      status: 413,
      fault: "overLimit",
    },
  ];
  for (const { name, raw, status, fault, allow } of cases) {
    it(`${name}: ${status} ${fault}`, async () => {
      const answer = await send({ target: "", raw });
      expect(answer.status, `${answer.error ?? ""} ${answer.body}`).toBe(status);
      expect(answer.headers["content-type"]).toMatch(/^application\/json\b/);
      expect(Number(answer.headers["content-length"])).toBe(Buffer.byteLength(answer.body));
      const body = JSON.parse(answer.body) as Record<string, { code: number; message: string }>;
      expect(Object.keys(body)).toEqual([fault]);
      expect(body[fault]!.code).toBe(status);
      expect(body[fault]!.message.length).toBeGreaterThan(10);
      if (allow) expect(answer.headers.allow).toBe(allow);
    });
  }
});
