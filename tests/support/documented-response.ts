import { expect } from "vitest";
import { dereference, escapePointerToken } from "../../src/spec/json-pointer.js";
import type { OpenApiDocument, ResponseObject } from "../../src/spec/openapi-types.js";
import type { OperationEntry } from "../../src/spec/operations.js";
import { formatSchemaErrors, type SchemaValidator } from "../../src/spec/schema-validator.js";

/** Asserts that `status` is documented for the operation and `body` matches that response's schema. */
export function expectDocumentedResponse(
  spec: OpenApiDocument,
  validator: SchemaValidator,
  operation: OperationEntry,
  status: number,
  body: unknown,
): void {
  const responseOrRef = operation.operation.responses[String(status)];
  expect(responseOrRef, `status ${status} is not documented for ${operation.operationId}`).toBeDefined();
  const response = dereference<ResponseObject>(spec, responseOrRef);
  if (!response.content?.["application/json"]) {
    expect(body ?? undefined, `${operation.operationId} ${status} documents no body`).toBeUndefined();
    return;
  }
  const pointer =
    "$ref" in (responseOrRef as object) ? (responseOrRef as { $ref: string }).$ref.slice(1) : `${operation.pointer}/responses/${status}`;
  const errors = validator.errors(`${pointer}/content/${escapePointerToken("application/json")}/schema`, body);
  expect(errors, formatSchemaErrors(errors)).toEqual([]);
}
