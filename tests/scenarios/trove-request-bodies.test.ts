// The request bodies of the recorded Trove 18 run (tests/conformance/fixtures/trove-18.exchanges.json),
// sent to the sandbox: it refuses exactly what the spec's request schema refuses, with a 400 badRequest
// naming the field (webob's body for one that is not JSON), and accepts the rest. The real server's
// refusals are the spec's, but for the differences an erratum explains (CDB-UPSTREAM-NAME-LENGTH: Trove
// takes names of up to 255 characters, the spec 64).
import { afterEach, describe, expect, it } from "vitest";
import { apiById } from "../../src/apis.js";
import { loadRecording } from "../../src/conformance/recording.js";
import { escapePointerToken } from "../../src/spec/json-pointer.js";
import { loadBundle } from "../../src/spec/load-bundle.js";
import { listOperations } from "../../src/spec/operations.js";
import { createSchemaValidator } from "../../src/spec/schema-validator.js";
import { ACCOUNT, INSTANCE, useSandbox } from "../support/sandbox-session.js";

const session = useSandbox();
afterEach(() => expect(session.sandbox().violations).toEqual([]));

const spec = loadBundle(apiById("cloud-databases"));
const validator = createSchemaValidator(spec);
const bodySchema = (operationId: string) => {
  const operation = listOperations(spec).find((candidate) => candidate.operationId === operationId)!;
  return validator.at(`${operation.pointer}/requestBody/content/${escapePointerToken("application/json")}/schema`);
};
const schemas = { createBackup: bodySchema("createBackup"), restoreBackup: bodySchema("restoreBackup") };

const recording = loadRecording("tests/conformance/fixtures/trove-18.exchanges.json");
/** The instances the run made on Trove, replaced by the sandbox's seeded one so that accepted bodies can succeed. */
const troveInstances = recording.exchanges
  .filter((exchange) => exchange.scope === "setup" && exchange.request.method === "POST" && exchange.response.status === 200)
  .flatMap((exchange) => {
    const id = (JSON.parse(exchange.response.body) as { instance?: { id?: string } }).instance?.id;
    return id ? [id] : [];
  });
const TROVE_INSTANCES = new RegExp(troveInstances.join("|"), "g");
const bodies = recording.exchanges
  .filter((exchange) => exchange.scope === "spec" && exchange.request.method === "POST")
  .flatMap((exchange) => {
    const path = exchange.request.path.replace(/^\/v1\.0\/[^/]+/, "");
    const operationId = path === "/backups" ? "createBackup" : path === "/instances" ? "restoreBackup" : undefined;
    return operationId ? [{ step: exchange.step, operationId, path, body: exchange.request.body, trove: exchange.response }] : [];
  });

const send = (path: string, body: string) =>
  fetch(`${session.url()}/v1.0/${ACCOUNT}${path}`, {
    method: "POST",
    headers: { "X-Auth-Token": "demo-token", "Content-Type": "application/json" },
    body: body.replace(TROVE_INSTANCES, INSTANCE),
  });

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe("the sandbox refuses what the spec refuses, with the bodies of the recorded Trove run", () => {
  it("covers Trove's refusals and acceptances of create and restore bodies", () => {
    expect(troveInstances.length).toBeGreaterThanOrEqual(3);
    expect(bodies.filter((entry) => entry.trove.status === 400).length).toBeGreaterThanOrEqual(14);
    expect(bodies.filter((entry) => entry.trove.status < 300).length).toBeGreaterThanOrEqual(10);
  });

  for (const { step, operationId, path, body, trove } of bodies) {
    it(`${operationId} [${step}] (Trove: ${trove.status})`, async () => {
      session.clock.advance(70_000); // no backup of the instance still running from the one before
      const response = await send(path, body);
      const answer = (await response.json().catch(() => undefined)) as Record<string, { code: number; message: string }> | undefined;
      if (!parses(body)) {
        expect(response.status).toBe(400);
        expect(answer).toEqual(JSON.parse(trove.body));
        return;
      }
      const value = JSON.parse(body.replace(TROVE_INSTANCES, INSTANCE)) as unknown;
      const schema = schemas[operationId as keyof typeof schemas];
      if (schema(value)) {
        expect(response.status, JSON.stringify(answer)).not.toBe(400);
      } else {
        expect(response.status, JSON.stringify(answer)).toBe(400);
        expect(Object.keys(answer ?? {})).toEqual(["badRequest"]);
        if (trove.status === 400) {
          // Trove names the field in its message (`backup['description']`, `instance['restorePoint']`); so does the sandbox.
          const fields = [...(JSON.parse(trove.body) as { badRequest: { message: string } }).badRequest.message.matchAll(/\['([^']+)'\]/g)];
          const field = fields.at(-1)?.[1];
          if (field) expect(answer!.badRequest!.message).toContain(field);
        }
      }
    });
  }

  it("refuses every body Trove refuses with 400 but the HA request the spec documents (CDB-TROVE-NO-HA)", () => {
    const refusedByTrove = bodies.filter((entry) => entry.trove.status === 400 && parses(entry.body));
    const acceptedBySpec = refusedByTrove.filter((entry) =>
      schemas[entry.operationId as keyof typeof schemas](JSON.parse(entry.body.replace(TROVE_INSTANCES, INSTANCE))),
    );
    expect(acceptedBySpec.map((entry) => entry.step)).toEqual(["create an HA backup (the Rackspace page's request)"]);
  });
});
