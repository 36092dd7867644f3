// Every operation's TypeScript code sample (openapi/<api>/code-samples/<operationId>.ts) runs against
// the sandbox, makes exactly its operation's request and gets a documented success; and the bundled
// spec carries it, with its generated curl twin, as x-codeSamples.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { APIS } from "../../src/apis.js";
import { codeSamplesDir } from "../../src/build/code-samples.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import { DEMO_TOKEN } from "../../src/sandbox/config.js";
import { createSandbox, type Sandbox } from "../../src/sandbox/server.js";
import { loadBundle } from "../../src/spec/load-bundle.js";
import { listOperations } from "../../src/spec/operations.js";

let sandbox: Sandbox;
let url = "";
const realFetch = globalThis.fetch;
let seen: { method: string; url: URL; status: number }[] = [];

beforeAll(async () => {
  sandbox = createSandbox({ clock: new ManualClock(), config: { validateResponses: true } });
  url = await sandbox.listen(0, "127.0.0.1");
  process.env.CLOUD_DATABASES_URL = `${url}/v1.0`;
  process.env.ZCOM_COMPUTE_URL = `${url}/v2`;
  process.env.AUTH_TOKEN = DEMO_TOKEN;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const response = await realFetch(request);
    seen.push({ method: request.method, url: new URL(request.url), status: response.status });
    return response;
  }) as typeof fetch;
});
afterEach(() => {
  seen = [];
  vi.resetModules();
  sandbox.reset();
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  for (const name of ["CLOUD_DATABASES_URL", "ZCOM_COMPUTE_URL", "AUTH_TOKEN"]) delete process.env[name];
  await sandbox.close();
});

for (const api of APIS) {
  const spec = loadBundle(api);
  const prefix = api.id === "cloud-databases" ? "/v1.0" : "/v2";
  describe(`${api.id} code samples`, () => {
    for (const operation of listOperations(spec)) {
      const file = resolve(codeSamplesDir(api), `${operation.operationId}.ts`);
      it(`${operation.operationId}: the TypeScript sample runs against the sandbox and makes its operation's request`, async () => {
        const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
        try {
          await import(file);
        } finally {
          log.mockRestore();
        }
        expect(seen).toHaveLength(1);
        const [request] = seen;
        expect(request!.method).toBe(operation.method.toUpperCase());
        const template = new RegExp(`^${prefix}${operation.path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
        expect(request!.url.pathname).toMatch(template);
        expect(request!.status).toBeGreaterThanOrEqual(200);
        expect(request!.status).toBeLessThan(300);
        expect(sandbox.violations).toEqual([]);
      });

      it(`${operation.operationId}: the bundle carries the sample and its curl twin as x-codeSamples`, () => {
        const samples = operation.operation["x-codeSamples"] as { lang: string; source: string }[];
        // Then one curl per request example whose body differs from the sample's (see src/build/code-samples.ts).
        expect(samples.map((sample) => sample.lang)).toEqual(["TypeScript", "curl", ...samples.slice(2).map(() => "curl")]);
        expect(samples[0]!.source).toBe(readFileSync(file, "utf8"));
        expect(samples[1]!.source).toMatch(new RegExp(`^curl -X ${operation.method.toUpperCase()} '`));
        expect(samples[1]!.source).toContain('"X-Auth-Token: $AUTH_TOKEN"');
      });
    }
  });
}
