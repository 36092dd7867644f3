import { expect } from "vitest";
import { compileResponseChecker, type ResponseChecker } from "../../src/sandbox/http/response-check.js";
import type { OpenApiDocument } from "../../src/spec/openapi-types.js";
import { listOperations, type OperationEntry } from "../../src/spec/operations.js";

const checkers = new WeakMap<OpenApiDocument, ResponseChecker>();

/**
 * Asserts that `status` is documented for the operation and `body` matches that response's schema, with
 * the same checker the sandbox uses on its own responses in test mode.
 */
export function expectDocumentedResponse(spec: OpenApiDocument, operation: OperationEntry, status: number, body: unknown): void {
  let checker = checkers.get(spec);
  if (!checker) {
    checker = compileResponseChecker(spec, listOperations(spec));
    checkers.set(spec, checker);
  }
  expect(checker(operation.operationId, status, body ?? undefined)?.problem).toBeUndefined();
}
