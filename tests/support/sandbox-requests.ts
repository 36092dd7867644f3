// Generated requests for the in-process sandbox, and what the spec allows as their answers.
//
// A RequestCase is data (fast-check prints and shrinks it): which operation, which method, which token,
// whose account, which path ids, query, body, Host header, and how far to move the clock first. IDs of
// things that exist are `IdRef`s, resolved when the request is sent against what the sandbox holds then
// (in insertion order, so a seed replays the same requests). The runner sends a case with
// `app.inject()`, checks the answer against the spec (documented status, body schema, the status the flaws
// of the case call for, no 5xx, nothing of account 1234 shown to account 5678) and counts everything.
import type { ValidateFunction } from "ajv";
import fc from "fast-check";
import { APIS, type ApiId } from "../../src/apis.js";
import type { ManualClock } from "../../src/sandbox/clock.js";
import { DEMO_TOKEN, OTHER_DEMO_TOKEN } from "../../src/sandbox/config.js";
import type { Sandbox } from "../../src/sandbox/server.js";
import { escapePointerToken } from "../../src/spec/json-pointer.js";
import { loadBundle } from "../../src/spec/load-bundle.js";
import type { MediaTypeObject } from "../../src/spec/openapi-types.js";
import { listMediaExamples, type OperationEntry } from "../../src/spec/operations.js";
import { createResponseOracle, type ResponseOracle } from "./response-oracle.js";
import { type JsonSchema, schemaArbitrary } from "./schema-arbitrary.js";

// ---------------------------------------------------------------------------------------------------
// The two APIs as the sandbox mounts them.

export interface ApiContext {
  readonly id: ApiId;
  readonly prefix: string;
  readonly oracle: ResponseOracle;
  readonly accountParameter: string;
  /** The demo account (DEMO_TOKEN's) and the other one (OTHER_DEMO_TOKEN's). */
  readonly accounts: { readonly demo: string; readonly other: string };
  /** What a valid token on another account's path gets: Trove 403, Nova 400. */
  readonly wrongAccountStatus: number;
}

export function loadApiContexts(): Record<ApiId, ApiContext> {
  const context = (id: ApiId, prefix: string, accountParameter: string, accounts: ApiContext["accounts"], wrongAccountStatus: number) => ({
    id,
    prefix,
    oracle: createResponseOracle(loadBundle(APIS.find((api) => api.id === id)!)),
    accountParameter,
    accounts,
    wrongAccountStatus,
  });
  return {
    "cloud-databases": context("cloud-databases", "/v1.0", "accountId", { demo: "1234", other: "5678" }, 403),
    "zcom-compute": context(
      "zcom-compute",
      "/v2",
      "tenant_id",
      { demo: "1864e71d2deb46f6b47526b69c65a45d", other: "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5" },
      400,
    ),
  };
}

// ---------------------------------------------------------------------------------------------------
// Cases.

export type IdKind = "backup" | "instance" | "ha" | "source" | "schedule" | "zcomBackup" | "vm" | "backupRun";

/** "The `pick`-th existing thing of this kind" (modulo how many there are when the request is sent). */
export class IdRef {
  constructor(
    readonly kind: IdKind,
    readonly pick: number,
  ) {}
  toString(): string {
    return `<${this.kind} #${this.pick}>`;
  }
}

/** A path segment other than the account: an existing id, or literal (already percent-encoded) text. */
export type Segment =
  | { readonly kind: "ref"; readonly ref: IdRef }
  | { readonly kind: "raw"; readonly raw: string; readonly label: string; readonly flaw?: "empty" | "malformed" | "too-long" };

export type TokenChoice = "demo" | "other" | "none" | { readonly invalid: string };
export type AccountChoice = "own" | "foreign" | { readonly odd: Segment };

export type BodyCase =
  | { readonly kind: "none" }
  /** JSON text of `value` (IdRefs resolved) with this Content-Type (null: none). */
  | { readonly kind: "json"; readonly value: unknown; readonly contentType: string | null; readonly label: string }
  /** Literal text that is not the JSON of a valid body. */
  | { readonly kind: "text"; readonly text: string; readonly contentType: string | null; readonly label: string }
  /** The first `cut` characters of the JSON text of `value`. */
  | { readonly kind: "truncated"; readonly value: unknown; readonly cut: number; readonly label: string }
  /** `value` padded past the sandbox's body limit. */
  | { readonly kind: "oversize"; readonly value: unknown; readonly label: string };

export interface QueryPart {
  readonly name: string;
  /** Already percent-encoded. */
  readonly raw: string;
  readonly invalid: boolean;
}

export interface RequestCase {
  readonly api: ApiId;
  readonly operationId: string;
  readonly method: string;
  readonly token: TokenChoice;
  readonly account: AccountChoice;
  readonly ids: Readonly<Record<string, Segment>>;
  readonly query: readonly QueryPart[];
  readonly body: BodyCase;
  /** A Host header other than light-my-request's default `localhost:80`. */
  readonly host: string | undefined;
  readonly advanceSeconds: number;
}

export const ALL_METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"] as const;
const BODYLESS_METHODS = new Set(["GET", "HEAD"]);
export const PADDING_BYTES = 120_000;

/** Which existing things a path parameter or body field names. */
const PATH_ID_KINDS: Readonly<Record<string, IdKind>> = {
  backupId: "backup",
  instanceId: "instance",
  haId: "ha",
  scheduleId: "schedule",
  backup_id: "zcomBackup",
};

function bodyIdKind(api: ApiId, path: readonly string[], schema: JsonSchema): IdKind | undefined {
  const at = path.join(".");
  if (api === "zcom-compute") return { "backup.instance_id": "vm", "createImage.backuprun_id": "backupRun" }[at] as IdKind | undefined;
  if (at === "backup.instance" && schema.maxLength !== 0) return "instance";
  return (
    {
      "backup.parent_id": "backup",
      "backup.source.id": "source",
      "instance.restorePoint.backupRef": "backup",
      "schedule.instance_id": "instance",
      "schedule.source_id": "source",
    } as Record<string, IdKind>
  )[at];
}

const idRef = (kind: IdKind) => fc.nat({ max: 10_000 }).map((pick) => new IdRef(kind, pick));

/** Path ids that are not ids: empty-ish, Unicode, %-encoded slashes and dots, very long, broken %-escapes. */
export const oddSegment: fc.Arbitrary<Segment> = fc.oneof(
  fc.constantFrom<Segment>(
    { kind: "raw", raw: "", label: "empty", flaw: "empty" },
    { kind: "raw", raw: "%20", label: "space" },
    { kind: "raw", raw: "%09", label: "tab" },
    { kind: "raw", raw: "%00", label: "NUL" },
    { kind: "raw", raw: "0", label: "zero" },
    { kind: "raw", raw: "null", label: "null" },
    { kind: "raw", raw: "-", label: "dash" },
    { kind: "raw", raw: "a%2Fb", label: "encoded slash" },
    { kind: "raw", raw: "%2F", label: "encoded slash alone" },
    { kind: "raw", raw: "..%2F..%2F1234%2Fbackups", label: "encoded ../" },
    { kind: "raw", raw: "%2E%2E%2Fbackups", label: "encoded ../ (dots encoded)" },
    { kind: "raw", raw: "..%5C..%5C", label: "encoded backslashes" },
    { kind: "raw", raw: "%", label: "lone %", flaw: "malformed" },
    { kind: "raw", raw: "%ZZ", label: "bad escape", flaw: "malformed" },
    { kind: "raw", raw: "%C0%AF", label: "overlong UTF-8", flaw: "malformed" },
    { kind: "raw", raw: "%E0%A4%A", label: "truncated escape", flaw: "malformed" },
    { kind: "raw", raw: "00000000-0000-4000-8000-000000000000", label: "unknown uuid" },
    { kind: "raw", raw: "61F12FEF-EDB1-4561-8122-E7C00EF26A82", label: "upper-cased seeded id" },
  ),
  fc
    .string({ unit: "grapheme", minLength: 1, maxLength: 12 })
    .map((text): Segment => ({ kind: "raw", raw: encodeURIComponent(text), label: `unicode ${JSON.stringify(text)}` })),
  // Long ids of ASCII letters: the sandbox's router refuses a parameter over 500 characters.
  fc.integer({ min: 100, max: 1_500 }).map(
    (length): Segment => ({
      kind: "raw",
      raw: "b".repeat(length),
      label: `${length} chars`,
      ...(length > 500 ? { flaw: "too-long" } : {}),
    }),
  ),
);

const tokenArbitrary: fc.Arbitrary<TokenChoice> = fc.oneof(
  { arbitrary: fc.constant<TokenChoice>("demo"), weight: 86 },
  { arbitrary: fc.constant<TokenChoice>("other"), weight: 4 },
  { arbitrary: fc.constant<TokenChoice>("none"), weight: 4 },
  {
    arbitrary: fc
      .oneof(
        fc.constantFrom("", "nope", "DEMO-TOKEN", "demo-token-2", "other-demo-tokenx", "Bearer demo-token"),
        fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 40 }).filter((value) => value.trim() === value),
      )
      .map((invalid): TokenChoice => ({ invalid })),
    weight: 6,
  },
);

const accountArbitrary: fc.Arbitrary<AccountChoice> = fc.oneof(
  { arbitrary: fc.constant<AccountChoice>("own"), weight: 92 },
  { arbitrary: fc.constant<AccountChoice>("foreign"), weight: 4 },
  { arbitrary: oddSegment.map((odd): AccountChoice => ({ odd })), weight: 4 },
);

const hostArbitrary: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 97 },
  { arbitrary: fc.constantFrom("a b", "localhost:99999", "ü.example", "[::1]:8080", "example.com:443", "a/b", "exa%mple"), weight: 3 },
);

const advanceArbitrary = fc.oneof(
  { arbitrary: fc.constant(0), weight: 14 },
  { arbitrary: fc.integer({ min: 1, max: 90 }), weight: 4 },
  { arbitrary: fc.integer({ min: 91, max: 7_200 }), weight: 2 },
  { arbitrary: fc.integer({ min: 7_201, max: 2 * 86_400 }), weight: 1 },
);

const WRONG_CONTENT_TYPES = [
  "text/plain",
  "application/xml",
  "application/x-www-form-urlencoded",
  "text/html",
  "application/json-patch+json",
];
const BAD_JSON_TEXTS = [
  "{",
  "{'backup': {}}",
  '{"backup": {"name": "x",}}',
  "NaN",
  "undefined",
  "[1, 2",
  "\u0000",
  "<backup/>",
  "backup=x",
  '{"__proto__": {"polluted": true}}',
  "",
];

/** Every request case of one operation: valid ones drawn from the schemas and examples, and flawed ones. */
export function requestCaseArbitrary(api: ApiContext, operation: OperationEntry): fc.Arbitrary<RequestCase> {
  const pathMethods = api.oracle.pathOperations(operation).map((candidate) => candidate.method.toUpperCase());
  const wrongMethods = ALL_METHODS.filter((method) => !pathMethods.includes(method));
  const method =
    wrongMethods.length === 0
      ? fc.constant(operation.method.toUpperCase())
      : fc.oneof(
          { arbitrary: fc.constant(operation.method.toUpperCase()), weight: 19 },
          { arbitrary: fc.constantFrom(...wrongMethods), weight: 1 },
        );
  const idNames = operation.parameters.filter((p) => p.in === "path" && p.name !== api.accountParameter).map((p) => p.name);
  const ids = fc.record(
    Object.fromEntries(
      idNames.map((name) => [
        name,
        fc.oneof(
          { arbitrary: idRef(PATH_ID_KINDS[name] ?? "backup").map((ref): Segment => ({ kind: "ref", ref })), weight: 88 },
          { arbitrary: oddSegment, weight: 12 },
        ),
      ]),
    ),
  );
  const valid = validBodyArbitrary(api, operation);
  const ownBody = bodyArbitrary(valid, true);
  const otherBody = bodyArbitrary(valid, false);
  const body = (forMethod: string): fc.Arbitrary<BodyCase> =>
    BODYLESS_METHODS.has(forMethod)
      ? fc.constant<BodyCase>({ kind: "none" })
      : forMethod === operation.method.toUpperCase()
        ? ownBody
        : otherBody;
  return fc
    .record({
      api: fc.constant(api.id),
      operationId: fc.constant(operation.operationId),
      method: fc.constant(""),
      token: tokenArbitrary,
      account: accountArbitrary,
      ids,
      query: queryArbitrary(operation),
      body: fc.constant<BodyCase>({ kind: "none" }),
      host: hostArbitrary,
      advanceSeconds: advanceArbitrary,
    })
    .chain((base) => method.chain((chosen) => body(chosen).map((drawn): RequestCase => ({ ...base, method: chosen, body: drawn }))));
}

/** Valid request bodies: the documented request examples, and values drawn from the request schema. */
export function validBodyArbitrary(api: ApiContext, operation: OperationEntry): fc.Arbitrary<unknown> | undefined {
  const requestBody = operation.operation.requestBody as { content: Record<string, MediaTypeObject> } | undefined;
  const schema = requestBody?.content["application/json"]?.schema;
  if (schema === undefined) return undefined;
  const drawn = schemaArbitrary(api.oracle.spec, schema, {
    override: (path, node, fallback) => {
      const kind = bodyIdKind(api.id, path, node);
      return kind ? fc.oneof({ arbitrary: idRef(kind), weight: 5 }, { arbitrary: fallback(), weight: 1 }) : undefined;
    },
  });
  const examples = listMediaExamples(api.oracle.spec)
    .filter((example) => example.kind === "request" && example.operation.operationId === operation.operationId)
    .map((example) => example.example.value);
  return examples.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...examples), weight: 1 }, { arbitrary: drawn, weight: 4 }) : drawn;
}

/**
 * A body for the operation's own method (`forOperation`) or for a wrong method. An operation without a
 * request body mostly gets none, sometimes an unexpected one.
 */
function bodyArbitrary(valid: fc.Arbitrary<unknown> | undefined, forOperation: boolean): fc.Arbitrary<BodyCase> {
  const some = valid ?? fc.constantFrom<unknown>({}, { backup: {} }, [1], "x");
  const json = (value: fc.Arbitrary<unknown>, label: string) =>
    fc
      .record({ value, contentType: fc.constantFrom("application/json", "application/json; charset=utf-8") })
      .map(({ value: drawn, contentType }): BodyCase => ({ kind: "json", value: drawn, contentType, label }));
  const flawed = fc.oneof(
    {
      arbitrary: json(
        some.chain(mutatedArbitrary).map((mutated) => mutated),
        "mutated",
      ),
      weight: 14,
    },
    {
      arbitrary: fc
        .constantFrom(...BAD_JSON_TEXTS)
        .map((text): BodyCase => ({ kind: "text", text, contentType: "application/json", label: "bad JSON" })),
      weight: 3,
    },
    {
      arbitrary: fc
        .record({ value: some, cut: fc.nat() })
        .map(({ value, cut }): BodyCase => ({ kind: "truncated", value, cut, label: "truncated JSON" })),
      weight: 2,
    },
    {
      arbitrary: fc
        .record({ value: some, contentType: fc.constantFrom<string | null>(...WRONG_CONTENT_TYPES, null) })
        .map(({ value, contentType }): BodyCase => ({ kind: "json", value, contentType, label: "wrong Content-Type" })),
      weight: 5,
    },
    { arbitrary: fc.constant<BodyCase>({ kind: "none" }), weight: 2 },
    { arbitrary: some.map((value): BodyCase => ({ kind: "oversize", value, label: "oversize" })), weight: 1 },
  );
  if (valid && forOperation) return fc.oneof({ arbitrary: json(valid, "valid"), weight: 70 }, { arbitrary: flawed, weight: 27 });
  return fc.oneof({ arbitrary: fc.constant<BodyCase>({ kind: "none" }), weight: 10 }, { arbitrary: flawed, weight: 3 });
}

function queryArbitrary(operation: OperationEntry): fc.Arbitrary<QueryPart[]> {
  const names = operation.parameters.filter((parameter) => parameter.in === "query").map((parameter) => parameter.name);
  const valid: Record<string, fc.Arbitrary<string>> = {
    limit: fc.integer({ min: 1, max: 30 }).map(String),
    marker: fc.integer({ min: 0, max: 40 }).map(String),
    datastore: fc.constantFrom("mysql", "MySQL", "percona", "redis", "mariadb"),
    instance_id: fc.constantFrom("d4603f69-ec7e-4e9b-803f-600b9205576f", "34d6c8bf-539e-47d1-8a06-2b7590521309", "nope"),
  };
  const invalid: Record<string, readonly string[]> = {
    limit: ["0", "-1", "abc", "1.5", ""],
    marker: [""],
    datastore: [""],
    instance_id: [""],
  };
  const part = (name: string) =>
    fc.oneof(
      { arbitrary: fc.constant<QueryPart[]>([]), weight: 6 },
      { arbitrary: (valid[name] ?? fc.constant("x")).map((raw): QueryPart[] => [{ name, raw, invalid: false }]), weight: 4 },
      { arbitrary: fc.constantFrom(...(invalid[name] ?? [""])).map((raw): QueryPart[] => [{ name, raw, invalid: true }]), weight: 1 },
      // The parameter twice: the sandbox sees an array where the schema wants one value.
      {
        arbitrary: fc.constant<QueryPart[]>([
          { name, raw: "1", invalid: true },
          { name, raw: "2", invalid: true },
        ]),
        weight: 1,
      },
    );
  const extra = fc.oneof(
    { arbitrary: fc.constant<QueryPart[]>([]), weight: 9 },
    { arbitrary: fc.constant<QueryPart[]>([{ name: "unknown_parameter", raw: "1", invalid: false }]), weight: 1 },
  );
  return fc.tuple(extra, ...names.map(part)).map((parts) => parts.flat());
}

// ---------------------------------------------------------------------------------------------------
// Invalid bodies: one mutation of a valid one. ajv decides afterwards whether it is still valid.

type JsonPath = readonly (string | number)[];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof IdRef);

function nodesOf(value: unknown, path: JsonPath = []): { path: JsonPath; value: unknown }[] {
  const here = [{ path, value }];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, index) => nodesOf(item, [...path, index]))];
  if (isObject(value)) return [...here, ...Object.entries(value).flatMap(([key, item]) => nodesOf(item, [...path, key]))];
  return here;
}

function cloneWith(value: unknown, path: JsonPath, change: (node: unknown) => unknown): unknown {
  if (path.length === 0) return change(value);
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((item, index) => (index === head ? cloneWith(item, rest, change) : item));
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const next = key === head ? cloneWith(item, rest, change) : item;
      if (next !== REMOVED) out[key] = next;
    }
    return out;
  }
  return value;
}
const REMOVED = Symbol("removed");

const WRONG_TYPED = [42, -1.5, "42", "", true, null, [], {}, [{}], { nested: "object" }];

/** Missing required fields, wrong types, over-long strings (names over 64), unknown fields. */
export function mutatedArbitrary(value: unknown): fc.Arbitrary<unknown> {
  const nodes = nodesOf(value);
  const keyed = nodes.filter((node) => node.path.length > 0 && typeof node.path[node.path.length - 1] === "string");
  const objects = nodes.filter((node) => isObject(node.value));
  const names = nodes.filter((node) => node.path[node.path.length - 1] === "name");
  const options: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(...nodes).chain(({ path }) => fc.constantFrom(...WRONG_TYPED).map((wrong) => cloneWith(value, path, () => wrong))),
  ];
  if (keyed.length > 0) options.push(fc.constantFrom(...keyed).map(({ path }) => cloneWith(value, path, () => REMOVED)));
  if (objects.length > 0) {
    options.push(
      fc
        .record({
          at: fc.constantFrom(...objects),
          key: fc.oneof(
            fc.constantFrom("extra", "Name", "instance_Id", "parentId", "__unknown"),
            fc.string({ minLength: 1, maxLength: 10 }),
          ),
          extra: fc.jsonValue({ maxDepth: 1 }),
        })
        .map(({ at, key, extra }) =>
          cloneWith(value, at.path, (node) =>
            isObject(node) && !(key in node) ? { ...node, [key]: extra } : { ...(node as object), zz_extra: extra },
          ),
        ),
    );
  }
  const longString = fc
    .record({ length: fc.integer({ min: 65, max: 400 }), char: fc.constantFrom("x", "é", "名", "😀", " ") })
    .map(({ length, char }) => char.repeat(length));
  const strings = nodes.filter((node) => typeof node.value === "string");
  if (strings.length > 0)
    options.push(
      fc.record({ at: fc.constantFrom(...strings), long: longString }).map(({ at, long }) => cloneWith(value, at.path, () => long)),
    );
  if (names.length > 0)
    options.push(
      fc.record({ at: fc.constantFrom(...names), long: longString }).map(({ at, long }) => cloneWith(value, at.path, () => long)),
    );
  return fc.oneof(...options);
}

// ---------------------------------------------------------------------------------------------------
// Sending and judging.

export class Tally {
  requests = 0;
  readonly perOperation = new Map<string, number>();
  fiveXx = 0;
  undocumented = 0;
  bodyMismatches = 0;
  /** operationId → status → how many. */
  readonly statuses = new Map<string, Map<number, number>>();
  count(operationId: string, status: number): void {
    this.requests++;
    this.perOperation.set(operationId, (this.perOperation.get(operationId) ?? 0) + 1);
    const byStatus = this.statuses.get(operationId) ?? new Map<number, number>();
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    this.statuses.set(operationId, byStatus);
  }
}

export interface SentRequest {
  readonly operation: OperationEntry;
  readonly requestCase: RequestCase;
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload: string | undefined;
  /** Path parameter values as the sandbox decodes them (the account included). */
  readonly pathValues: Readonly<Record<string, string>>;
  readonly status: number;
  readonly body: unknown;
  readonly rawBody: string;
  readonly problems: readonly string[];
}

export interface RunnerOptions {
  readonly sandbox: Sandbox;
  readonly clock: ManualClock;
  readonly apis: Record<ApiId, ApiContext>;
  readonly tally: Tally;
}

/** Sends request cases to the sandbox in-process and judges the answers. */
export class RequestRunner {
  readonly #options: RunnerOptions;
  readonly #bodyValidators = new Map<string, ValidateFunction | null>();

  constructor(options: RunnerOptions) {
    this.#options = options;
  }

  get sandbox(): Sandbox {
    return this.#options.sandbox;
  }

  operation(api: ApiId, operationId: string): OperationEntry {
    const found = this.#options.apis[api].oracle.operations.find((candidate) => candidate.operationId === operationId);
    if (!found) throw new Error(`no operation ${api} ${operationId}`);
    return found;
  }

  /** The ids of one kind the demo account has now, in the order they were made. */
  pool(kind: IdKind, context: { readonly zcomBackupId?: string } = {}): string[] {
    const cdb = this.sandbox.cloudDatabases;
    const zcom = this.sandbox.zcomCompute;
    const demo = this.#options.apis;
    const mine = <T extends { account: string; id: string }>(records: Iterable<T>) =>
      [...records].filter((record) => record.account === demo["cloud-databases"].accounts.demo).map((record) => record.id);
    switch (kind) {
      case "backup":
        return mine(cdb.backups.values());
      case "instance":
        return mine([...cdb.instances.values()].filter((instance) => !instance.deleted));
      case "ha":
        return mine(cdb.haInstances.values());
      case "source":
        return [...this.pool("instance"), ...this.pool("ha")];
      case "schedule":
        return mine(cdb.schedules.values());
      case "zcomBackup":
        return [...zcom.backups.values()]
          .filter((backup) => backup.tenant === demo["zcom-compute"].accounts.demo)
          .map((backup) => backup.id);
      case "vm":
        return [...zcom.vms.values()].filter((vm) => vm.tenant === demo["zcom-compute"].accounts.demo).map((vm) => vm.id);
      case "backupRun": {
        const backup = context.zcomBackupId === undefined ? undefined : zcom.backups.get(context.zcomBackupId);
        return backup ? zcom.runs(backup).map((run) => run.backuprun_id) : [];
      }
    }
  }

  resolve(ref: IdRef, context: { readonly zcomBackupId?: string } = {}): string {
    const pool = this.pool(ref.kind, context);
    if (pool.length > 0) return pool[ref.pick % pool.length]!;
    return ref.kind === "backupRun" ? ref.pick.toString(16).padStart(32, "0") : "00000000-0000-4000-8000-000000000000";
  }

  resolveValue(value: unknown, context: { readonly zcomBackupId?: string } = {}): unknown {
    if (value instanceof IdRef) return this.resolve(value, context);
    if (Array.isArray(value)) return value.map((item) => this.resolveValue(item, context));
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.resolveValue(item, context)]));
    return value;
  }

  /** Moves the clock, sends the case, judges the answer, counts it. */
  async send(requestCase: RequestCase): Promise<SentRequest> {
    const { sandbox, clock, apis, tally } = this.#options;
    const api = apis[requestCase.api];
    const operation = this.operation(requestCase.api, requestCase.operationId);
    if (requestCase.advanceSeconds > 0) clock.advance(requestCase.advanceSeconds * 1000);

    const tokenAccount = requestCase.token === "other" ? api.accounts.other : api.accounts.demo;
    const foreignAccount = requestCase.token === "other" ? api.accounts.demo : api.accounts.other;
    const segments: Record<string, Segment> = { ...requestCase.ids };
    const accountSegment: Segment =
      requestCase.account === "own"
        ? { kind: "raw", raw: tokenAccount, label: "own" }
        : requestCase.account === "foreign"
          ? { kind: "raw", raw: foreignAccount, label: "foreign" }
          : requestCase.account.odd;
    segments[api.accountParameter] = accountSegment;
    const pathValues: Record<string, string> = {};
    let path = operation.path;
    for (const [name, segment] of Object.entries(segments)) {
      const raw = segment.kind === "ref" ? encodeURIComponent(this.resolve(segment.ref)) : segment.raw;
      pathValues[name] = segment.kind === "ref" ? this.resolve(segment.ref) : safeDecode(segment.raw);
      path = path.replace(`{${name}}`, raw);
    }
    const query = requestCase.query.map((part) => `${part.name}=${part.raw}`).join("&");
    const url = `${api.prefix}${path}${query ? `?${query}` : ""}`;

    const headers: Record<string, string> = { accept: "application/json" };
    if (requestCase.token === "demo") headers["x-auth-token"] = DEMO_TOKEN;
    else if (requestCase.token === "other") headers["x-auth-token"] = OTHER_DEMO_TOKEN;
    else if (requestCase.token !== "none") headers["x-auth-token"] = requestCase.token.invalid;
    if (requestCase.host !== undefined) headers.host = requestCase.host;
    const context = { ...(pathValues.backup_id !== undefined ? { zcomBackupId: pathValues.backup_id } : {}) };
    const { payload, contentType } = this.#render(requestCase.body, context);
    if (contentType !== null) headers["content-type"] = contentType;

    const response = await sandbox.app.inject({
      method: requestCase.method as "GET",
      url,
      headers,
      ...(payload !== undefined ? { payload } : {}),
    });
    tally.count(operation.operationId, response.statusCode);
    const rawBody = response.body;
    const problems: string[] = [];
    let body: unknown;
    if (rawBody !== "") {
      try {
        body = JSON.parse(rawBody);
      } catch {
        problems.push(`the body is not JSON: ${rawBody.slice(0, 200)}`);
      }
    }
    const status = response.statusCode;
    const wrongMethod = !api.oracle
      .pathOperations(operation)
      .map((candidate) => candidate.method.toUpperCase())
      .includes(requestCase.method);

    if (status >= 500) {
      tally.fiveXx++;
      problems.push(`${status}: a server error`);
    }
    if (!api.oracle.documentedStatuses(operation, wrongMethod).has(status)) {
      tally.undocumented++;
      problems.push(`status ${status} is not documented for ${operation.operationId}${wrongMethod ? " (or its path)" : ""}`);
    } else if (requestCase.method !== "HEAD") {
      const problem = api.oracle.problem(operation, status, body, wrongMethod);
      if (problem) {
        tally.bodyMismatches++;
        problems.push(problem);
      }
    }
    const expected = this.expectedStatuses(requestCase, operation, {
      payload,
      contentType,
      wrongMethod,
      tokenAccount,
      pathValues,
      context,
    });
    if (!expected.accepts(status)) problems.push(`status ${status}, but this request calls for ${expected.describe()}`);
    if (sandbox.violations.length > 0) problems.push(`sandbox recorded violations: ${JSON.stringify(sandbox.violations)}`);
    if (requestCase.token === "other" && status < 300) {
      const leaked = this.#demoIdsIn(body);
      if (leaked.length > 0) problems.push(`account ${api.accounts.other} was shown ${api.accounts.demo}'s ${leaked.join(", ")}`);
    }
    return {
      operation,
      requestCase,
      method: requestCase.method,
      url,
      headers,
      payload,
      pathValues,
      status,
      body,
      rawBody,
      problems,
    };
  }

  /**
   * The statuses the spec and the case's flaws allow. Each flaw adds the status that refuses it (a wrong
   * method 405, a bad token 401, another account 403/400, a malformed body or parameter 400, a body over
   * the limit 413); with any flaw the answer must be one of those (servers differ in which check comes
   * first). Without one it must be a documented status other than those refusals.
   */
  expectedStatuses(
    requestCase: RequestCase,
    operation: OperationEntry,
    sent: {
      payload: string | undefined;
      contentType: string | null;
      wrongMethod: boolean;
      tokenAccount: string;
      pathValues: Record<string, string>;
      context: { zcomBackupId?: string };
    },
  ): { accepts(status: number): boolean; describe(): string } {
    const api = this.#options.apis[requestCase.api];
    const refusals = new Set<number>();
    const maybe = new Set<number>();
    const { payload, contentType, wrongMethod } = sent;
    const hasRequestBody = operation.operation.requestBody !== undefined && !wrongMethod;
    if (wrongMethod) refusals.add(405);
    // An empty body on a DELETE is no body, whatever its Content-Type says (curl -H sends one).
    const emptyDelete = requestCase.method === "DELETE" && payload === "";
    if (payload !== undefined && !BODYLESS_METHODS.has(requestCase.method) && !emptyDelete) {
      const json = contentType !== null && contentType.split(";")[0]!.trim().toLowerCase() === "application/json";
      if (payload.length > this.sandbox.config.bodyLimitBytes) refusals.add(413);
      else if (json && !parsesSafely(payload)) refusals.add(400);
      else if (!json && hasRequestBody) refusals.add(400);
      // Without a request body of its own, an operation may ignore a body it cannot read, or refuse it.
      else if (!json) maybe.add(400);
      else if (hasRequestBody && !this.#bodyValid(requestCase.api, operation, JSON.parse(payload))) refusals.add(400);
    } else if (hasRequestBody) {
      refusals.add(400); // the body is missing
    }
    const token = requestCase.token;
    const tokenValid = token === "demo" || token === "other";
    if (!tokenValid) refusals.add(401);
    else if (sent.pathValues[api.accountParameter] !== sent.tokenAccount) refusals.add(api.wrongAccountStatus);
    for (const segment of [
      ...Object.values(requestCase.ids),
      ...(typeof requestCase.account === "object" ? [requestCase.account.odd] : []),
    ]) {
      if (segment.kind === "raw" && segment.flaw) refusals.add(400);
    }
    if (requestCase.query.some((part) => part.invalid)) refusals.add(400);
    // The Host header is no flaw: links are built from the sandbox's own origin, never from it.
    const normal = [...api.oracle.documentedStatuses(operation)].filter((status) => ![401, 403, 405, 413].includes(status));
    return {
      accepts: (status) => maybe.has(status) || (refusals.size > 0 ? refusals.has(status) : normal.includes(status)),
      describe: () =>
        refusals.size > 0
          ? `one of ${[...refusals, ...maybe].join(", ")} (its flaws)`
          : `a documented outcome (${[...normal, ...maybe].join(", ")})`,
    };
  }

  #bodyValid(api: ApiId, operation: OperationEntry, body: unknown): boolean {
    const key = `${api} ${operation.operationId}`;
    if (!this.#bodyValidators.has(key)) {
      this.#bodyValidators.set(
        key,
        operation.operation.requestBody
          ? this.#options.apis[api].oracle.validator.at(
              `${operation.pointer}/requestBody/content/${escapePointerToken("application/json")}/schema`,
            )
          : null,
      );
    }
    const validate = this.#bodyValidators.get(key);
    return validate ? validate(body) : true;
  }

  #render(body: BodyCase, context: { zcomBackupId?: string }): { payload: string | undefined; contentType: string | null } {
    switch (body.kind) {
      case "none":
        return { payload: undefined, contentType: null };
      case "json":
        return { payload: JSON.stringify(this.resolveValue(body.value, context)) ?? "null", contentType: body.contentType };
      case "text":
        return { payload: body.text, contentType: body.contentType };
      case "truncated": {
        const text = JSON.stringify(this.resolveValue(body.value, context)) ?? "null";
        return { payload: text.slice(0, text.length <= 1 ? 0 : body.cut % (text.length - 1)), contentType: "application/json" };
      }
      case "oversize": {
        const value = this.resolveValue(body.value, context);
        const padded = isObject(value) ? { ...value, padding: "p".repeat(PADDING_BYTES) } : { value, padding: "p".repeat(PADDING_BYTES) };
        return { payload: JSON.stringify(padded), contentType: "application/json" };
      }
    }
  }

  /** Strings in a body that are ids of the demo account's things. */
  #demoIdsIn(body: unknown): string[] {
    const cdb = this.sandbox.cloudDatabases;
    const zcom = this.sandbox.zcomCompute;
    const demo = this.#options.apis;
    const found: string[] = [];
    for (const node of nodesOf(body)) {
      if (typeof node.value !== "string") continue;
      const id = node.value;
      const owner =
        cdb.backups.get(id)?.account ??
        cdb.schedules.get(id)?.account ??
        cdb.haInstances.get(id)?.account ??
        cdb.instances.get(id)?.account ??
        zcom.backups.get(id)?.tenant ??
        zcom.vms.get(id)?.tenant;
      if (owner === demo["cloud-databases"].accounts.demo || owner === demo["zcom-compute"].accounts.demo) found.push(id);
    }
    return found;
  }
}

/** JSON.parse, and no `__proto__` key (Fastify refuses those as prototype poisoning; a value may be "__proto__"). */
function parsesSafely(text: string): boolean {
  let poisoned = false;
  try {
    JSON.parse(text, (key, value: unknown) => {
      if (key === "__proto__") poisoned = true;
      return value;
    });
  } catch {
    return false;
  }
  return !poisoned;
}

function safeDecode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** One line per request, for a failure message. */
export function describeSent(sent: SentRequest): string {
  return [
    `${sent.method} ${sent.url.length > 300 ? `${sent.url.slice(0, 300)}…` : sent.url}`,
    `headers ${JSON.stringify(sent.headers)}`,
    sent.payload === undefined ? "no body" : `body ${sent.payload.length > 300 ? `${sent.payload.slice(0, 300)}…` : sent.payload}`,
    `→ ${sent.status} ${sent.rawBody.slice(0, 400)}`,
    ...sent.problems.map((problem) => `PROBLEM: ${problem}`),
  ].join("\n");
}
