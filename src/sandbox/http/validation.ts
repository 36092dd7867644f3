import type { ErrorObject } from "ajv";
import { closeRequestObjects } from "../../spec/closed-objects.js";
import { escapePointerToken } from "../../spec/json-pointer.js";
import type { OpenApiDocument } from "../../spec/openapi-types.js";
import type { OperationEntry } from "../../spec/operations.js";
import { createSchemaValidator, type SchemaValidator } from "../../spec/schema-validator.js";
import { badRequest } from "../api-error.js";

export interface RequestValidator {
  /** Returns coerced path and query values, or throws a 400 naming the offending field. */
  parameters(
    path: Record<string, string>,
    query: Record<string, unknown>,
  ): { path: Record<string, string>; query: Record<string, unknown> };
  /** Throws a 400 naming the offending field when the body does not match the request schema. */
  body(body: unknown): void;
  readonly hasBody: boolean;
}

export interface RequestValidatorOptions {
  /** Refuse body fields the spec does not define (the spec's request objects are open, as the servers'). */
  readonly rejectUnknownFields?: boolean;
}

/**
 * Request validators for every operation, compiled once from the bundled spec: one ajv for parameters
 * (query strings arrive as text, so types are coerced) and one for bodies (no coercion: JSON types must
 * be right).
 */
export function compileRequestValidators(
  spec: OpenApiDocument,
  operations: readonly OperationEntry[],
  options: RequestValidatorOptions = {},
): Map<string, RequestValidator> {
  const parameterAjv = createSchemaValidator(spec, "urn:openapi:parameters", { coerceTypes: true });
  const bodyAjv = createSchemaValidator(spec, "urn:openapi:bodies");
  // Checked second, on a body the spec accepts: then its only failures are unknown fields, and a body's
  // own mistakes are still named as without the option.
  const closedAjv = options.rejectUnknownFields
    ? createSchemaValidator(closeRequestObjects(spec), "urn:openapi:closed-bodies", { trustDocument: true, looseTypes: true })
    : undefined;
  const validators = new Map<string, RequestValidator>();
  for (const operation of operations) validators.set(operation.operationId, compileOne(operation, parameterAjv, bodyAjv, closedAjv));
  return validators;
}

function compileOne(
  operation: OperationEntry,
  parameterAjv: SchemaValidator,
  bodyAjv: SchemaValidator,
  closedAjv: SchemaValidator | undefined,
): RequestValidator {
  const parameterSchema = (location: "path" | "query") => {
    const declared = operation.parameters.filter((parameter) => parameter.in === location);
    return {
      names: declared.map((parameter) => parameter.name),
      validate: parameterAjv.compile({
        type: "object",
        properties: Object.fromEntries(declared.map((parameter) => [parameter.name, parameter.schema ?? {}])),
        required: declared.filter((parameter) => parameter.required).map((parameter) => parameter.name),
      }),
    };
  };
  const path = parameterSchema("path");
  const query = parameterSchema("query");
  const hasBody = operation.operation.requestBody !== undefined;
  const bodyPointer = `${operation.pointer}/requestBody/content/${escapePointerToken("application/json")}/schema`;
  const bodyValidate = hasBody ? bodyAjv.at(bodyPointer) : undefined;
  const closedValidate = hasBody ? closedAjv?.at(bodyPointer) : undefined;
  return {
    hasBody,
    parameters(rawPath, rawQuery) {
      const pathValues: Record<string, unknown> = Object.fromEntries(path.names.map((name) => [name, rawPath[name]]));
      if (!path.validate(pathValues)) throw badRequest(describe(path.validate.errors ?? [], "path parameter"));
      const queryValues: Record<string, unknown> = {};
      for (const name of query.names) if (rawQuery[name] !== undefined) queryValues[name] = rawQuery[name];
      if (!query.validate(queryValues)) throw badRequest(describe(query.validate.errors ?? [], "query parameter"));
      return { path: pathValues as Record<string, string>, query: queryValues };
    },
    body(body) {
      if (!bodyValidate) return;
      if (body === undefined) throw badRequest("The request body is missing; send a JSON body with Content-Type: application/json.");
      if (!bodyValidate(body)) throw badRequest(describe(bodyValidate.errors ?? [], "field"));
      if (closedValidate && !closedValidate(body)) throw badRequest(describeUnknown(closedValidate.errors ?? []));
    },
  };
}

/**
 * One sentence naming the field that failed. ajv reports every branch of a oneOf; the deepest error
 * that is not about the composition itself is the one a person can act on.
 */
export function describe(errors: readonly ErrorObject[], what: string): string {
  const specific = [...errors]
    .filter((error) => !["oneOf", "anyOf", "if", "allOf"].includes(error.keyword))
    .sort((a, b) => fieldOf(b).split(".").length - fieldOf(a).split(".").length)[0];
  const error = specific ?? errors[0];
  if (!error) return `Invalid ${what}.`;
  const field = fieldOf(error);
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
  const detail = `${error.message ?? "is invalid"}${allowed ? ` (${allowed.map((value) => JSON.stringify(value)).join(", ")})` : ""}`;
  return `Validation error: ${what} ${field || "(body)"} ${detail}.`;
}

/**
 * The unknown field of a body the open schema accepts. Closing a `oneOf` branch makes every branch fail,
 * so the other branches' complaints (and the enclosing objects' fields, unevaluated once the `oneOf`
 * fails) come along; the deepest unknown field is the one the body added.
 */
function describeUnknown(errors: readonly ErrorObject[]): string {
  const unknown = errors
    .filter((error) => error.keyword === "unevaluatedProperties")
    .sort((a, b) => fieldOf(b).split(".").length - fieldOf(a).split(".").length)[0];
  return `Validation error: field ${unknown ? fieldOf(unknown) : "(body)"} is not one the spec defines (this sandbox refuses unknown fields: --reject-unknown-fields).`;
}

function fieldOf(error: ErrorObject): string {
  const path = error.instancePath.split("/").filter(Boolean).join(".");
  const params = error.params as { missingProperty?: string; additionalProperty?: string; unevaluatedProperty?: string };
  const extra = params.missingProperty ?? params.additionalProperty ?? params.unevaluatedProperty;
  return [path, extra].filter(Boolean).join(".");
}
