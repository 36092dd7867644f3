// What the spec says about a response, as data rather than assertions: whether a status is documented for
// an operation (or, for a method the path does not have, for any operation of the path), and whether a
// body matches the documented schema of that status. Property tests count and report the answers; one
// expect() per request would be too slow and would stop at the first.
import { compileResponseChecker } from "../../src/sandbox/http/response-check.js";
import type { OpenApiDocument } from "../../src/spec/openapi-types.js";
import { listOperations, type OperationEntry } from "../../src/spec/operations.js";
import { createSchemaValidator, type SchemaValidator } from "../../src/spec/schema-validator.js";

export interface ResponseOracle {
  readonly spec: OpenApiDocument;
  readonly operations: readonly OperationEntry[];
  readonly validator: SchemaValidator;
  /** The operations of the path of `operation` (the same path item). */
  pathOperations(operation: OperationEntry): readonly OperationEntry[];
  /** Statuses the operation documents; with `pathLevel`, those of any operation of its path. */
  documentedStatuses(operation: OperationEntry, pathLevel?: boolean): ReadonlySet<number>;
  /**
   * undefined when `status` is documented and `body` (parsed JSON, or undefined for an empty body) matches
   * its schema; otherwise what is wrong. `pathLevel`: for a method the path does not have (405), any
   * operation of the path may document the status.
   */
  problem(operation: OperationEntry, status: number, body: unknown, pathLevel?: boolean): string | undefined;
}

export function createResponseOracle(spec: OpenApiDocument): ResponseOracle {
  const operations = listOperations(spec);
  const validator = createSchemaValidator(spec, "urn:openapi:oracle");
  const byPath = new Map<string, OperationEntry[]>();
  for (const operation of operations) byPath.set(operation.path, [...(byPath.get(operation.path) ?? []), operation]);
  const pathOperations = (operation: OperationEntry) => byPath.get(operation.path) ?? [operation];
  const statuses = (operation: OperationEntry) => Object.keys(operation.operation.responses).map(Number);
  // Asked once per generated request: built once per operation and level.
  const documented = new Map<string, ReadonlySet<number>>();
  const documentedStatuses = (operation: OperationEntry, pathLevel = false): ReadonlySet<number> => {
    const key = `${pathLevel} ${operation.operationId}`;
    let found = documented.get(key);
    if (!found) {
      found = new Set((pathLevel ? pathOperations(operation) : [operation]).flatMap((candidate) => statuses(candidate)));
      documented.set(key, found);
    }
    return found;
  };

  const check = compileResponseChecker(spec, operations);
  const againstOne = (operation: OperationEntry, status: number, body: unknown): string | undefined => {
    const violation = check(operation.operationId, status, body);
    return violation && `${operation.operationId} ${status}: ${violation.problem}`;
  };

  return {
    spec,
    operations,
    validator,
    pathOperations,
    documentedStatuses,
    problem(operation, status, body, pathLevel = false) {
      if (!pathLevel) return againstOne(operation, status, body);
      const problems = pathOperations(operation).map((candidate) => againstOne(candidate, status, body));
      return problems.some((problem) => problem === undefined) ? undefined : problems.join("; ");
    },
  };
}
