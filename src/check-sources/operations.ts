import type { Erratum } from "../errata/register.js";
import type { SourceRequest } from "../sources/source-page.js";
import type { OperationEntry } from "../spec/operations.js";
import type { ApiSpec, CheckContext, Findings } from "./context.js";

/** A page's operation, found in a spec. */
export interface PageOperation {
  readonly api: ApiSpec;
  readonly operation: OperationEntry;
  /** "METHOD /path" as the page writes it. */
  readonly pageKey: string;
  /** "METHOD /path" as the spec serves it (differs where a `verify.path` erratum says so). */
  readonly specKey: string;
}

/**
 * Finds each page's operation in the specs: the page's `METHOD /path` is the spec's METHOD + server URL
 * path + path key, or the `spec` side of a `verify.path` erratum for it. Reports pages whose operation
 * no spec has, path errata that no page uses, and (as info) spec operations that no page documents.
 */
export function checkOperations(context: CheckContext, findings: Findings): Map<string, PageOperation> {
  const found = new Map<string, PageOperation>();
  for (const page of context.pages) {
    const operation = page.operation;
    if (!operation) {
      findings.difference(page.page, ["operation"], "no operation found: expected a `METHOD /path` block right under the page title");
      continue;
    }
    findings.checked("operations");
    const pageKey = `${operation.method} ${operation.path}`;
    const erratum = pathErratum(context.errata, page.page, pageKey);
    const specKey = erratum?.verify.path?.spec ?? pageKey;
    const match = findOperation(context.apis, specKey);
    if (match) {
      found.set(page.page, { ...match, pageKey, specKey });
      continue;
    }
    const mapped = erratum ? ` (errata ${erratum.id} maps it to ${specKey})` : "";
    const sameMethod = context.apis.flatMap(({ api, fullPaths }) =>
      [...fullPaths].filter(([key]) => key.startsWith(`${operation.method} `)).map(([key, id]) => `${api.id}: ${key} (${id})`),
    );
    findings.difference(
      page.page,
      [`operation ${pageKey}`],
      `missing in the specs${mapped}`,
      sameMethod.length ? [`${operation.method} operations in the specs: ${sameMethod.join(", ")}`] : [],
    );
  }

  for (const erratum of context.errata) {
    const path = erratum.verify.path;
    if (!path) continue;
    findings.checked("errata");
    const page = context.pages.find((candidate) => candidate.page === erratum.page);
    const documented = page?.operation ? `${page.operation.method} ${page.operation.path}` : undefined;
    if (documented !== path.page) {
      findings.difference(
        erratum.page,
        [`erratum ${erratum.id}`],
        `maps "${path.page}" to "${path.spec}", but the page documents ${documented ? `"${documented}"` : "no operation"}: the erratum is not used`,
      );
    }
  }

  const documented = new Set([...found.values()].map(({ api, operation }) => `${api.api.id} ${operation.operationId}`));
  for (const { api, operations, fullPaths } of context.apis) {
    const keyOf = new Map([...fullPaths].map(([key, id]) => [id, key]));
    for (const operation of operations) {
      if (documented.has(`${api.id} ${operation.operationId}`)) continue;
      findings.info(
        `${api.id} ${keyOf.get(operation.operationId)} (${operation.operationId}): not on the source pages (from upstream sources)`,
      );
    }
  }
  return found;
}

function pathErratum(errata: readonly Erratum[], page: string, pageKey: string): Erratum | undefined {
  return errata.find((entry) => entry.page === page && entry.verify.path?.page === pageKey);
}

function findOperation(apis: readonly ApiSpec[], key: string): { api: ApiSpec; operation: OperationEntry } | undefined {
  for (const api of apis) {
    const operationId = api.fullPaths.get(key) ?? api.resolvedPaths.get(key);
    const operation = api.operations.find((candidate) => candidate.operationId === operationId);
    if (operation) return { api, operation };
  }
  return undefined;
}

/** The operation a request of an example hits, or why none does. */
export type RequestMatch =
  | { readonly operation: OperationEntry; readonly undeclaredQuery: readonly string[] }
  | { readonly operation?: undefined; readonly reason: string };

/**
 * Matches a request against every operation's full template: server URL (with the request's host, when
 * the example names one) and path key. Server variables must take one of their allowed values (`v1.0`);
 * path parameters match any one segment. Query parameters must be declared by the operation.
 */
export function matchRequest(api: ApiSpec, request: SourceRequest): RequestMatch {
  const [path = "", query = ""] = request.target.split("?", 2);
  const server = api.spec.servers?.[0];
  const serverUrl = (server?.url ?? "").replace(/^[a-z]+:\/\//i, "");
  const hostAndBase = /^([^/]*)(.*)$/.exec(serverUrl)!;
  const variables = server?.variables ?? {};
  const candidates = api.operations.filter((operation) => operation.method.toUpperCase() === request.method);
  const matching = (withHost: boolean): OperationEntry | undefined =>
    candidates.find((operation) => {
      const template = `${withHost ? hostAndBase[1] : ""}${hostAndBase[2]}${operation.path}`;
      return templatePattern(template, variables).test(`${withHost ? request.host : ""}${path}`);
    });
  const operation = matching(request.host !== undefined);
  if (!operation) {
    if (request.host !== undefined && matching(false)) {
      return { reason: `host ${request.host} is not one the server URL ${server?.url} allows` };
    }
    const templates = candidates.map((candidate) => `${hostAndBase[2]}${candidate.path}`);
    return {
      reason: `matches no ${request.method} operation of ${api.api.id}${templates.length ? ` (templates: ${templates.join(", ")})` : ""}`,
    };
  }
  const declared = new Set(operation.parameters.filter((parameter) => parameter.in === "query").map((parameter) => parameter.name));
  const names = query === "" ? [] : [...new URLSearchParams(query).keys()];
  return { operation, undeclaredQuery: [...new Set(names)].filter((name) => !declared.has(name)) };
}

function templatePattern(template: string, variables: Record<string, { default: string; enum?: string[] }>): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return escapeRegExp(part);
      const variable = variables[name];
      return variable ? `(?:${(variable.enum ?? [variable.default]).map(escapeRegExp).join("|")})` : "[^/?#]+";
    })
    .join("");
  return new RegExp(`^${source}$`);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
