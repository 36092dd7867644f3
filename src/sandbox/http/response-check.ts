import type { ValidateFunction } from "ajv";
import { dereference, escapePointerToken } from "../../spec/json-pointer.js";
import type { OpenApiDocument, ResponseObject } from "../../spec/openapi-types.js";
import { type OperationEntry, responsePointer } from "../../spec/operations.js";
import { createSchemaValidator, formatSchemaErrors } from "../../spec/schema-validator.js";

export interface ResponseViolation {
  readonly operationId: string;
  readonly status: number;
  readonly problem: string;
}

export type ResponseChecker = (operationId: string, status: number, body: unknown) => ResponseViolation | undefined;

/**
 * Checks a response against the spec: its status must be documented for the operation, and its body must
 * match that response's schema (or be absent where the response has no content). Used in test mode.
 */
export function compileResponseChecker(spec: OpenApiDocument, operations: readonly OperationEntry[]): ResponseChecker {
  const ajv = createSchemaValidator(spec, "urn:openapi:responses");
  const byOperation = new Map<string, Map<string, ValidateFunction | null>>();
  for (const operation of operations) {
    const statuses = new Map<string, ValidateFunction | null>();
    for (const [status, responseOrRef] of Object.entries(operation.operation.responses)) {
      const response = dereference<ResponseObject>(spec, responseOrRef);
      const pointer = responsePointer(operation, status);
      statuses.set(
        status,
        response.content?.["application/json"] ? ajv.at(`${pointer}/content/${escapePointerToken("application/json")}/schema`) : null,
      );
    }
    byOperation.set(operation.operationId, statuses);
  }
  return (operationId, status, body) => {
    const statuses = byOperation.get(operationId);
    if (!statuses?.has(String(status))) return { operationId, status, problem: `status ${status} is not documented for ${operationId}` };
    const validate = statuses.get(String(status));
    if (validate === null)
      return body === undefined ? undefined : { operationId, status, problem: "the response has a body but the spec documents none" };
    if (validate && !validate(body)) return { operationId, status, problem: formatSchemaErrors(validate.errors ?? []) };
    return undefined;
  };
}
