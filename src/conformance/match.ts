import { resolvedServerBasePath } from "../spec/full-paths.js";
import type { OpenApiDocument } from "../spec/openapi-types.js";
import { listOperations, type OperationEntry } from "../spec/operations.js";

export interface MatchedRequest {
  readonly operation: OperationEntry;
  readonly pathParameters: Record<string, string>;
  /** Query parameters, each name's first value (what the servers read). */
  readonly query: Record<string, string>;
}

export type RequestMatcher = (method: string, pathAndQuery: string) => MatchedRequest | undefined;

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly literalSegments: number;
  readonly operation: OperationEntry;
}

/**
 * Finds the spec operation a recorded request hits: its method, and its path against the server URL's
 * path (`/v1.0`) followed by each path template. Where two templates match, the one with more literal
 * segments wins, as in every router.
 */
export function compileRequestMatcher(spec: OpenApiDocument): RequestMatcher {
  const base = resolvedServerBasePath(spec);
  const routes: Route[] = listOperations(spec).map((operation) => {
    const names: string[] = [];
    const segments = `${base}${operation.path}`.split("/").slice(1);
    const source = segments
      .map((segment) => {
        const variable = /^\{(.+)\}$/.exec(segment);
        if (!variable) return escapeRegExp(segment);
        names.push(variable[1]!);
        return "([^/]+)";
      })
      .join("/");
    return {
      method: operation.method.toUpperCase(),
      pattern: new RegExp(`^/${source}$`),
      names,
      literalSegments: segments.filter((segment) => !segment.startsWith("{")).length,
      operation,
    };
  });
  routes.sort((a, b) => b.literalSegments - a.literalSegments);
  return (method, pathAndQuery) => {
    const url = new URL(pathAndQuery, "http://recorded.invalid");
    for (const route of routes) {
      if (route.method !== method.toUpperCase()) continue;
      const found = route.pattern.exec(url.pathname);
      if (!found) continue;
      const query: Record<string, string> = {};
      for (const [name, value] of url.searchParams) query[name] ??= value;
      return {
        operation: route.operation,
        pathParameters: Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(found[index + 1]!)])),
        query,
      };
    }
    return undefined;
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
