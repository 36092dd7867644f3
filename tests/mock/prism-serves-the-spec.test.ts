import { describe, expect, inject, it } from "vitest";
import { APIS, type ApiId } from "../../src/apis.js";
import { createCloudDatabasesClient } from "../../src/clients/cloud-databases.js";
import { createZcomComputeClient } from "../../src/clients/zcom-compute.js";
import { loadBundle } from "../../src/spec/load-bundle.js";
import { listMediaExamples, listOperations } from "../../src/spec/operations.js";
import { createSchemaValidator, formatSchemaErrors } from "../../src/spec/schema-validator.js";
import { cloudDatabasesCalls, type OperationCall, zcomComputeCalls } from "../support/operation-calls.js";

const TOKEN = "87c6033c-9ff6-405f-943e-2deb73f278b7";
const prismUrls = inject("prismUrls");

// biome-ignore lint/suspicious/noExplicitAny: each API pairs its own client type with its own calls.
const targets: Record<ApiId, { calls: Record<string, OperationCall<any>>; client: (baseUrl: string) => unknown }> = {
  "cloud-databases": { calls: cloudDatabasesCalls, client: (baseUrl) => createCloudDatabasesClient({ baseUrl, authToken: TOKEN }) },
  "zcom-compute": { calls: zcomComputeCalls, client: (baseUrl) => createZcomComputeClient({ baseUrl, authToken: TOKEN }) },
};

for (const api of APIS) {
  const spec = loadBundle(api);
  const validator = createSchemaValidator(spec);
  const baseUrl = prismUrls[api.id]!;
  const { calls, client: makeClient } = targets[api.id];
  const client = makeClient(baseUrl);
  const examples = listMediaExamples(spec);
  const call = (operationId: string, headers: Record<string, string>, body?: unknown) => {
    const operationCall = calls[operationId];
    if (!operationCall) throw new Error(`no client call for ${operationId} in tests/support/operation-calls.ts`);
    return operationCall(client, { headers, body });
  };
  const firstRequestExample = (operationId: string) =>
    examples.find((example) => example.kind === "request" && example.operation.operationId === operationId)?.example.value;

  describe(`${api.id}: the Prism mock, called through the generated client`, () => {
    it("has a client call for every operation in the spec, and none for an operation it lacks", () => {
      expect(Object.keys(calls).sort()).toEqual(
        listOperations(spec)
          .map((op) => op.operationId)
          .sort(),
      );
    });

    for (const example of examples.filter((candidate) => candidate.kind === "response")) {
      const { operationId } = example.operation.operation;
      it(`${operationId} returns the ${example.status} example "${example.name}" when asked for it, and it validates`, async () => {
        const result = await call(
          operationId,
          { Prefer: `code=${example.status}, example=${example.name}` },
          firstRequestExample(operationId),
        );
        expect(result.response.status).toBe(Number(example.status));
        const body = result.response.ok ? result.data : result.error;
        expect(body).toEqual(example.example.value);
        const errors = validator.errors(example.schemaPointer, body);
        expect(errors, formatSchemaErrors(errors)).toEqual([]);
      });
    }
  });
}
