import type { OpenApiDocument } from "../../src/spec/openapi-types.js";
import { listOperations } from "../../src/spec/operations.js";

/**
 * Every path of a spec as a mock serves it (without the server's path), its parameters filled with their
 * documented examples: `/1234/backups/61f12fef-…`.
 */
export function examplePaths(spec: OpenApiDocument): string[] {
  const paths = new Set<string>();
  for (const operation of listOperations(spec)) {
    const examples = new Map(
      operation.parameters.filter((parameter) => parameter.in === "path").map((parameter) => [parameter.name, parameter.example]),
    );
    paths.add(
      operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
        const example = examples.get(name);
        if (example === undefined) throw new Error(`${operation.operationId}: path parameter ${name} has no example`);
        return encodeURIComponent(String(example));
      }),
    );
  }
  return [...paths];
}
