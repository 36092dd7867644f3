import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { type ApiDefinition, bundlePath } from "../apis.js";
import type { OpenApiDocument } from "../spec/openapi-types.js";
import { listOperations, type OperationEntry } from "../spec/operations.js";
import { compileResponseChecker, type ResponseChecker } from "./http/response-check.js";
import { compileRequestValidators, type RequestValidator } from "./http/validation.js";

/** What a sandbox builds from one bundled spec before it can answer: the parsed spec and its compiled validators. */
export interface CompiledApi {
  readonly spec: OpenApiDocument;
  readonly operations: readonly OperationEntry[];
  readonly validators: ReadonlyMap<string, RequestValidator>;
  /** Only with `validateResponses`. */
  readonly checkResponse: ResponseChecker | undefined;
}

export interface CompileOptions {
  readonly rejectUnknownFields: boolean;
  readonly validateResponses: boolean;
}

interface Entry {
  readonly digest: string;
  readonly spec: OpenApiDocument;
  readonly operations: readonly OperationEntry[];
  readonly validators: Map<boolean, Map<string, RequestValidator>>;
  checkResponse?: ResponseChecker;
}

/**
 * The latest bundle of each API this process read, keyed by its path and bytes. Parsing a bundle and
 * compiling its ajv validators took about 200 ms of every sandbox's start; a process that starts many
 * sandboxes on the same bundles (the tests, `npm run dev` restarting after an edit of another API) pays it
 * once, and a bundle whose bytes changed is read anew. One entry per path: an old bundle's validators go
 * with it. Nothing here is changed after it is built: a sandbox's specs and validators are read-only.
 */
const latest = new Map<string, Entry>();

export function compiledApi(api: ApiDefinition, options: CompileOptions, outDir = "generated"): CompiledApi {
  const file = bundlePath(api, outDir);
  const text = readFileSync(file, "utf8");
  const digest = createHash("sha256").update(text).digest("hex");
  let entry = latest.get(file);
  if (entry?.digest !== digest) {
    const spec = parse(text) as OpenApiDocument;
    entry = { digest, spec, operations: listOperations(spec), validators: new Map() };
    latest.set(file, entry);
  }
  let validators = entry.validators.get(options.rejectUnknownFields);
  if (!validators) {
    validators = compileRequestValidators(entry.spec, entry.operations, { rejectUnknownFields: options.rejectUnknownFields });
    entry.validators.set(options.rejectUnknownFields, validators);
  }
  if (options.validateResponses && !entry.checkResponse) entry.checkResponse = compileResponseChecker(entry.spec, entry.operations);
  return {
    spec: entry.spec,
    operations: entry.operations,
    validators,
    checkResponse: options.validateResponses ? entry.checkResponse : undefined,
  };
}
