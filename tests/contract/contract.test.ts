// The request/response contract, run unchanged against the Prism mock and the stateful sandbox: every
// operation answers a valid request with a documented status and a body that matches that status's
// schema; requests without a token get 401; the documented request examples pass request validation;
// a 65-character backup name is refused.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { APIS, type ApiId } from "../../src/apis.js";
import { DEMO_TOKEN } from "../../src/sandbox/config.js";
import { loadBundle } from "../../src/spec/load-bundle.js";
import { listMediaExamples, listOperations } from "../../src/spec/operations.js";
import { expectDocumentedResponse } from "../support/documented-response.js";
import { cloudDatabasesCalls, type OperationCall, zcomComputeCalls } from "../support/operation-calls.js";
import { cloudDatabasesClient, prismTarget, sandboxTarget, type Target, zcomComputeClient } from "../support/targets.js";

// biome-ignore lint/suspicious/noExplicitAny: each API pairs its own client type with its own calls.
const apis: Record<ApiId, { calls: Record<string, OperationCall<any>>; client: (baseUrl: string, token?: string) => unknown }> = {
  "cloud-databases": { calls: cloudDatabasesCalls, client: cloudDatabasesClient },
  "zcom-compute": { calls: zcomComputeCalls, client: zcomComputeClient },
};

for (const target of [prismTarget(), sandboxTarget()] satisfies Target[]) {
  describe(`contract against ${target.name}`, () => {
    beforeAll(() => target.start());
    afterAll(() => target.stop());
    beforeEach(() => target.reset());
    afterEach(() => {
      if ("sandbox" in target) expect((target as ReturnType<typeof sandboxTarget>).sandbox().violations).toEqual([]);
    });

    for (const api of APIS) {
      const spec = loadBundle(api);
      const { calls, client } = apis[api.id];
      const examples = listMediaExamples(spec);
      const baseUrl = () => target.baseUrls()[api.id];

      for (const operation of listOperations(spec)) {
        const call = calls[operation.operationId]!;
        it(`${api.id} ${operation.operationId}: a valid request gets a documented 2xx whose body matches its schema`, async () => {
          const result = await call(client(baseUrl()), {});
          expect(result.response.status, JSON.stringify(result.error)).toBeGreaterThanOrEqual(200);
          expect(result.response.status, JSON.stringify(result.error)).toBeLessThan(300);
          expectDocumentedResponse(spec, operation, result.response.status, result.data);
        });

        it(`${api.id} ${operation.operationId}: without X-Auth-Token the answer is 401 with a documented body`, async () => {
          const path = operation.path.replace(/\{[^}]+\}/g, "abc");
          const response = await fetch(`${baseUrl()}${path}`, {
            method: operation.method.toUpperCase(),
            headers: { Accept: "application/json" },
          });
          expect(response.status).toBe(401);
          expectDocumentedResponse(spec, operation, 401, await response.json());
        });
      }

      for (const example of examples.filter((candidate) => candidate.kind === "request")) {
        const operationId = example.operation.operationId;
        it(`${api.id} ${operationId}: the request example "${example.name}" passes request validation`, async () => {
          const result = await calls[operationId]!(client(baseUrl()), { body: example.example.value });
          const status = result.response.status;
          expect(status, JSON.stringify(result.error)).not.toBe(400);
          if (target.name === "prism") expect(status).toBeLessThan(300);
          expectDocumentedResponse(spec, example.operation, status, result.response.ok ? result.data : result.error);
        });
      }
    }

    it("cloud-databases createBackup: a 65-character name is refused with a documented 4xx naming backup.name", async () => {
      const spec = loadBundle(APIS[0]!);
      const operation = listOperations(spec).find((candidate) => candidate.operationId === "createBackup")!;
      const result = await cloudDatabasesCalls.createBackup(cloudDatabasesClient(target.baseUrls()["cloud-databases"], DEMO_TOKEN), {
        body: { backup: { name: "x".repeat(65), instance: "d4603f69-ec7e-4e9b-803f-600b9205576f" } },
      });
      expect([400, 422]).toContain(result.response.status);
      const named = result.response.headers.get("sl-violations") ?? JSON.stringify(result.error);
      expect(named).toContain("backup.name");
      expectDocumentedResponse(spec, operation, result.response.status, result.error);
    });
  });
}

// The sandbox serves every Cloud Databases region of the spec's server at its own endpoint: the same
// contract holds there, for the data each region has (only what was copied there, at first none).
describe("contract against the sandbox's regions", () => {
  const target = sandboxTarget();
  const api = APIS.find((candidate) => candidate.id === "cloud-databases")!;
  const spec = loadBundle(api);
  beforeAll(() => target.start());
  afterAll(() => target.stop());
  beforeEach(() => target.reset());
  afterEach(() => expect(target.sandbox().violations).toEqual([]));
  const regionUrl = (region: string) => target.baseUrls()["cloud-databases"].replace(/\/v1\.0$/, `/${region}/v1.0`);

  for (const region of target.regions()) {
    it(`cloud-databases in ${region}: every operation answers a documented status with a body that matches it`, async () => {
      for (const operation of listOperations(spec)) {
        const call = (cloudDatabasesCalls as Record<string, OperationCall<ReturnType<typeof cloudDatabasesClient>>>)[
          operation.operationId
        ]!;
        const result = await call(cloudDatabasesClient(regionUrl(region)), {});
        expect(result.response.status, `${operation.operationId}: ${JSON.stringify(result.error)}`).toBeLessThan(500);
        expectDocumentedResponse(spec, operation, result.response.status, result.response.ok ? result.data : result.error);
      }
    });
  }

  it("cloud-databases copyBackup: the copy is a backup of the destination region, as the spec describes one", async () => {
    const copied = await cloudDatabasesCalls.copyBackup(cloudDatabasesClient(target.baseUrls()["cloud-databases"]), {});
    expect(copied.response.status).toBe(202);
    const listBackups = listOperations(spec).find((operation) => operation.operationId === "listBackups")!;
    const listed = await cloudDatabasesClient(regionUrl("iad")).GET("/{accountId}/backups", { params: { path: { accountId: "1234" } } });
    expect(listed.data!.backups).toHaveLength(1);
    expectDocumentedResponse(spec, listBackups, 200, listed.data);
  });
});
