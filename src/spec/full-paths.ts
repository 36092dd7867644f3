import type { OpenApiDocument } from "./openapi-types.js";
import { listOperations } from "./operations.js";

/** The path part of the first server URL (`https://{region}.example.com/{version}` → `/{version}`), "" for none. */
export function serverBasePath(spec: OpenApiDocument): string {
  const url = spec.servers?.[0]?.url ?? "";
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, "");
  return path === "/" ? "" : path;
}

/** The path part of the first server URL with its variables' default values (`/{version}` → `/v1.0`). */
export function resolvedServerBasePath(spec: OpenApiDocument): string {
  let base = serverBasePath(spec);
  for (const [name, variable] of Object.entries(spec.servers?.[0]?.variables ?? {})) base = base.replaceAll(`{${name}}`, variable.default);
  return base;
}

/**
 * "METHOD /full/path" for every operation, where the full path is what a request really hits: the
 * server URL's path (with its variables' default values when `resolveVariables`) followed by the path key.
 */
export function fullOperationPaths(spec: OpenApiDocument, resolveVariables = false): Map<string, string> {
  const base = resolveVariables ? resolvedServerBasePath(spec) : serverBasePath(spec);
  return new Map(
    listOperations(spec).map((operation) => [`${operation.method.toUpperCase()} ${base}${operation.path}`, operation.operationId]),
  );
}
