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
