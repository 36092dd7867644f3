// Code samples for the reference docs (`x-codeSamples`). The TypeScript sample of an operation is a
// real file, openapi/<api>/code-samples/<operationId>.ts, type-checked and run against the sandbox by
// the tests. Its curl twin is not written by hand: the build runs the TypeScript sample once with a
// recording fetch and renders the request it made, so the two cannot disagree.
import { readdir, readFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ApiDefinition } from "../apis.js";
import { dereference } from "../spec/json-pointer.js";
import type { OpenApiDocument, ResponseObject } from "../spec/openapi-types.js";
import { listMediaExamples, listOperations } from "../spec/operations.js";

export interface CodeSample {
  readonly lang: string;
  readonly label: string;
  readonly source: string;
}

export const codeSamplesDir = (api: ApiDefinition): string => `openapi/${api.id}/code-samples`;

/** Environment variables the samples read; unset while recording so curl shows the real endpoints. */
const SAMPLE_ENV = ["CLOUD_DATABASES_URL", "ZCOM_COMPUTE_URL", "AUTH_TOKEN"];

/** Adds `x-codeSamples` (TypeScript, then curl) to every operation of a bundled spec, in place. */
export async function addCodeSamples(api: ApiDefinition, spec: OpenApiDocument): Promise<void> {
  const dir = codeSamplesDir(api);
  const files = (await readdir(dir)).filter((file) => file.endsWith(".ts")).sort();
  const operations = listOperations(spec);
  const byId = new Map(operations.map((operation) => [operation.operationId, operation]));
  const orphans = files.filter((file) => !byId.has(basename(file, ".ts")));
  if (orphans.length > 0) throw new Error(`${dir}: ${orphans.join(", ")} name no operation of ${api.id}`);
  const missing = operations
    .filter((operation) => !files.includes(`${operation.operationId}.ts`))
    .map((operation) => operation.operationId);
  if (missing.length > 0) throw new Error(`${dir}: no code sample for ${missing.join(", ")} (add <operationId>.ts)`);

  for (const operation of operations) {
    const file = join(dir, `${operation.operationId}.ts`);
    const typescript = await readFile(file, "utf8");
    const request = await recordRequest(file, cannedResponse(spec, operation.operationId));
    operation.operation["x-codeSamples"] = [
      { lang: "TypeScript", label: "TypeScript (openapi-fetch)", source: typescript },
      { lang: "curl", label: "curl", source: await toCurl(request) },
    ] satisfies CodeSample[];
  }
}

/** The operation's first documented success response, for the recording fetch to answer with. */
function cannedResponse(spec: OpenApiDocument, operationId: string): () => Response {
  const operation = listOperations(spec).find((candidate) => candidate.operationId === operationId)!;
  const status = Object.keys(operation.operation.responses).find((code) => code.startsWith("2"))!;
  const example = listMediaExamples(spec).find(
    (candidate) => candidate.operation.operationId === operationId && candidate.status === status,
  );
  const hasBody = dereference<ResponseObject>(spec, operation.operation.responses[status]).content !== undefined;
  return () =>
    new Response(hasBody ? JSON.stringify(example?.example.value ?? {}) : null, {
      status: Number(status),
      headers: hasBody ? { "Content-Type": "application/json" } : {},
    });
}

let sampleRuns = 0;

/** Runs a sample module once with fetch replaced by a recorder, and returns the one request it made. */
async function recordRequest(file: string, respond: () => Response): Promise<Request> {
  const recorded: Request[] = [];
  const saved = { fetch: globalThis.fetch, log: console.log, env: SAMPLE_ENV.map((name) => [name, process.env[name]] as const) };
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    recorded.push(input instanceof Request ? input.clone() : new Request(input, init));
    return respond();
  }) as typeof fetch;
  console.log = () => undefined;
  for (const name of SAMPLE_ENV) delete process.env[name];
  try {
    // A URL of its own for each run: Node keeps a module once imported, and would hand a long-running build
    // (`npm run dev`) the first run's module without running the edited sample again.
    await import(`${pathToFileURL(resolve(file)).href}?run=${++sampleRuns}`);
  } catch (error) {
    throw new Error(
      `${file}: the sample failed against its operation's documented response: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    globalThis.fetch = saved.fetch;
    console.log = saved.log;
    for (const [name, value] of saved.env) if (value !== undefined) process.env[name] = value;
  }
  if (recorded.length !== 1) throw new Error(`${file}: a code sample must make exactly one request, it made ${recorded.length}`);
  return recorded[0]!;
}

const shellQuote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/** The request as a curl command; the token becomes "$AUTH_TOKEN". */
export async function toCurl(request: Request): Promise<string> {
  const lines = [`curl -X ${request.method} ${shellQuote(request.url)}`];
  for (const [name, value] of request.headers) {
    lines.push(
      name.toLowerCase() === "x-auth-token" ? `-H "X-Auth-Token: $AUTH_TOKEN"` : `-H ${shellQuote(`${canonicalHeader(name)}: ${value}`)}`,
    );
  }
  const body = await request.text();
  if (body) lines.push(`-d ${shellQuote(JSON.stringify(JSON.parse(body), null, 2))}`);
  return `${lines.join(" \\\n  ")}\n`;
}

const canonicalHeader = (name: string): string =>
  name.replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => dash + letter.toUpperCase());
