// Request objects are open, as the servers' are (Trove ignores fields it does not know), so the sandbox
// accepts unknown fields by default; started with --reject-unknown-fields it refuses them with a 400
// naming the field, for typo safety. Both modes, on the same bodies.
import { describe, expect, it } from "vitest";
import { apiById } from "../../src/apis.js";
import { loadBundle } from "../../src/spec/load-bundle.js";
import { listMediaExamples } from "../../src/spec/operations.js";
import { cloudDatabasesCalls, zcomComputeCalls } from "../support/operation-calls.js";
import { ACCOUNT, HA, INSTANCE, type SandboxSession, useSandbox } from "../support/sandbox-session.js";

const open = useSandbox();
const strict = useSandbox({ rejectUnknownFields: true });

/** Bodies with one unknown field each, at every depth, and the field as the 400 names it. */
const TYPOS: readonly { readonly body: unknown; readonly field: string }[] = [
  { body: { backup: { name: "typo", instance: INSTANCE, colour: "blue" } }, field: "backup.colour" },
  { body: { backup: { name: "typo", instance: INSTANCE, parentId: "0c1b5616-fdc5-45ae-b2dc-6f1440d55d0e" } }, field: "backup.parentId" },
  { body: { backup: { name: "typo", instance: INSTANCE }, dry_run: true }, field: "dry_run" },
  {
    body: { backup: { name: "typo", instance: null, source: { type: "ha", id: HA, region: "DFW" } } },
    field: "backup.source.region",
  },
];

const create = (session: SandboxSession, body: unknown) =>
  fetch(`${session.url()}/v1.0/${ACCOUNT}/backups`, {
    method: "POST",
    headers: { "X-Auth-Token": "demo-token", "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

describe("unknown request fields", () => {
  it("are accepted and ignored by default, as Trove does", async () => {
    for (const { body } of TYPOS) {
      open.clock.advance(70_000);
      const response = await create(open, body);
      expect(response.status, await response.text()).toBe(202);
    }
    expect(open.sandbox().violations).toEqual([]);
  });

  it("are refused with a 400 badRequest naming the field under --reject-unknown-fields", async () => {
    for (const { body, field } of TYPOS) {
      const response = await create(strict, body);
      expect(response.status).toBe(400);
      const fault = (await response.json()) as { badRequest: { code: number; message: string } };
      expect(fault.badRequest.message).toContain(field);
      expect(fault.badRequest.message).toContain("--reject-unknown-fields");
    }
  });

  it("under --reject-unknown-fields, still name the field a body gets wrong rather than the fields it has", async () => {
    const response = await create(strict, { backup: { name: "x", instance: INSTANCE, description: null } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { badRequest: { message: string } }).badRequest.message).toContain(
      "backup.description must be string",
    );
  });

  it("under --reject-unknown-fields, every documented request example is still accepted", async () => {
    for (const [api, calls, client] of [
      ["cloud-databases", cloudDatabasesCalls, strict.db()],
      ["zcom-compute", zcomComputeCalls, strict.zcom()],
    ] as const) {
      for (const example of listMediaExamples(loadBundle(apiById(api))).filter((candidate) => candidate.kind === "request")) {
        strict.clock.advance(70_000);
        const call = (
          calls as Record<string, (client: unknown, init: { body: unknown }) => Promise<{ response: Response; error?: unknown }>>
        )[example.operation.operationId]!;
        const result = await call(client, { body: example.example.value });
        expect(result.response.status, `${example.name}: ${JSON.stringify(result.error)}`).not.toBe(400);
      }
    }
    expect(strict.sandbox().violations).toEqual([]);
  });
});
