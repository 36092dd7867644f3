// Whether an answer of the sandbox is one the bundled specs document: for a request on an operation's
// path, a status the path documents with a body that matches it (the same check as the sandbox's own
// response validation); for anything else (an unknown path, a refusal Node made before any route), a
// body that matches one of the API's fault schemas, whose `code` is the status.
import { APIS, type ApiId } from "../../src/apis.js";
import { loadBundle } from "../../src/spec/load-bundle.js";
import type { OperationEntry } from "../../src/spec/operations.js";
import { createResponseOracle, type ResponseOracle } from "../support/response-oracle.js";
import type { RawAnswer } from "./raw-http.js";

interface ApiAnswers {
  readonly prefix: string;
  readonly oracle: ResponseOracle;
  /** The component schemas of the API's error bodies (`…Fault`, not their shared FaultDetail). */
  readonly faults: readonly string[];
  /** Each path's template split into segments, with its operations. */
  readonly paths: readonly { readonly segments: readonly string[]; readonly operations: readonly OperationEntry[] }[];
}

const PREFIXES: Record<ApiId, string> = { "cloud-databases": "/v1.0", "zcom-compute": "/v2" };

function load(id: ApiId): ApiAnswers {
  const spec = loadBundle(APIS.find((api) => api.id === id)!);
  const oracle = createResponseOracle(spec);
  const byPath = new Map<string, OperationEntry[]>();
  for (const operation of oracle.operations) byPath.set(operation.path, [...(byPath.get(operation.path) ?? []), operation]);
  return {
    prefix: PREFIXES[id],
    oracle,
    faults: Object.keys(spec.components?.schemas ?? {}).filter((name) => name.endsWith("Fault")),
    paths: [...byPath].map(([path, operations]) => ({ segments: path.split("/").slice(1), operations })),
  };
}

export interface AnswerChecker {
  /** undefined when the answer is documented, or what is wrong with it. */
  problem(method: string, target: string, answer: RawAnswer): string | undefined;
}

export function createAnswerChecker(): AnswerChecker {
  const apis = { "cloud-databases": load("cloud-databases"), "zcom-compute": load("zcom-compute") };

  /** The API a target is under (the sandbox's own routes and unknown paths answer in Cloud Databases' shape), and the operations of its path. */
  const route = (target: string): { api: ApiAnswers; operations: readonly OperationEntry[] | undefined } => {
    let path = target.split("?")[0]!;
    if (!path.startsWith("/")) path = URL.parse(target)?.pathname ?? "";
    const api = path.startsWith("/v2/") ? apis["zcom-compute"] : apis["cloud-databases"];
    if (!path.startsWith(`${api.prefix}/`)) return { api, operations: undefined };
    const segments = path.slice(api.prefix.length).split("/").slice(1);
    const match = api.paths.find(
      (candidate) =>
        candidate.segments.length === segments.length &&
        candidate.segments.every((segment, index) => segment.startsWith("{") || segment === segments[index]),
    );
    return { api, operations: match?.operations };
  };

  const faultProblem = (api: ApiAnswers, status: number, body: unknown): string | undefined => {
    const matching = api.faults.filter((name) => api.oracle.validator.at(`#/components/schemas/${name}`)(body));
    if (matching.length === 0) return `the body matches none of ${api.faults.join(", ")}`;
    const detail = Object.values(body as Record<string, unknown>)[0];
    const code = typeof detail === "object" && detail !== null ? (detail as { code?: unknown }).code : (body as { code?: unknown }).code;
    // Trove's webob body has the status line as its code ("400 Bad Request"); the fault names the number.
    if (code !== status && !(typeof code === "string" && code.startsWith(`${status} `)))
      return `the fault's code ${String(code)} is not ${status}`;
    return undefined;
  };

  return {
    problem(method, target, answer) {
      const status = answer.status;
      if (status === undefined) return `no answer (${answer.error ?? "closed"})`;
      if (status >= 500) return `${status}: a server error`;
      if (method === "HEAD" || status === 204 || status === 304) return answer.body === "" ? undefined : `${status} with a body`;
      let body: unknown;
      if (answer.body !== "") {
        if (!/^application\/json\b/.test(answer.headers["content-type"] ?? "")) return `content type ${answer.headers["content-type"]}`;
        try {
          body = JSON.parse(answer.body);
        } catch {
          return `the body is not JSON: ${answer.body.slice(0, 100)}`;
        }
      } else if (status >= 300) return `${status} without a body`;
      const { api, operations } = route(target);
      const ownRoute = target.startsWith("/_sandbox/");
      if (status < 300) {
        if (ownRoute) return undefined; // the sandbox's own routes are no part of either spec
        const operation = operations?.find((candidate) => candidate.method.toUpperCase() === method);
        if (!operation) return `${status} for ${method} on a path without that operation`;
        return api.oracle.problem(operation, status, body);
      }
      const first = operations?.[0];
      if (first && api.oracle.documentedStatuses(first, true).has(status)) return api.oracle.problem(first, status, body, true);
      return faultProblem(api, status, body);
    },
  };
}
