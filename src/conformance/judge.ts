import type { ValidateFunction } from "ajv";
import { describe } from "../sandbox/http/validation.js";
import { dereference, escapePointerToken } from "../spec/json-pointer.js";
import type { OpenApiDocument, ResponseObject } from "../spec/openapi-types.js";
import { type OperationEntry, responsePointer } from "../spec/operations.js";
import { createSchemaValidator, formatSchemaErrors } from "../spec/schema-validator.js";
import { CLAIMS } from "./claims.js";
import { compileRequestMatcher } from "./match.js";
import type { Exchange } from "./recording.js";

/** The checks an exchange can fail. */
export type Rule =
  /** The request hits no operation of the spec, yet the server did not answer 404. */
  | "no-operation"
  /** The status is not among the operation's documented responses. */
  | "status-undocumented"
  /** The response body does not match the documented response (schema, JSON, media type). */
  | "response-body"
  /** The server accepted (2xx) a request whose body or parameters the spec's request schema refuses. */
  | "accepted-request-invalid"
  /** The server refused with 400 a request whose body and parameters the spec's request schema accepts. */
  | "refused-request-valid"
  /** The answer breaks a behaviour the spec documents for the situation (src/conformance/claims.ts). */
  | "claim";

export interface Finding {
  readonly rule: Rule;
  readonly message: string;
}

export interface Judgement {
  readonly operationId?: string;
  readonly findings: readonly Finding[];
}

export const RULES: ReadonlySet<Rule> = new Set<Rule>([
  "no-operation",
  "status-undocumented",
  "response-body",
  "accepted-request-invalid",
  "refused-request-valid",
  "claim",
]);

/** Judges one exchange against one spec, on every rule or only on `rules` (which compiles only what they need). */
export type Judge = (exchange: Exchange, rules?: ReadonlySet<Rule>) => Judgement;

/**
 * A judge of recorded exchanges against one spec. Schemas are compiled with the project's ajv 2020
 * validator (src/spec/schema-validator.ts) on first use and kept: a recording touches a few dozen of
 * them, and the excuses compile a judge per erratum, so compiling every schema up front would cost
 * more than all the checks. A patched copy of a checked spec (an erratum's, src/conformance/excuses.ts)
 * is not checked against the JSON Schema meta-schema again.
 */
export function compileJudge(spec: OpenApiDocument, options: { readonly patchedCopy?: boolean } = {}): Judge {
  const match = compileRequestMatcher(spec);
  const trustDocument = options.patchedCopy === true;
  const bodies = createSchemaValidator(spec, "urn:conformance:bodies", { trustDocument });
  // Query and path parameters arrive as text: their types are coerced, as the sandbox does.
  const parameters = createSchemaValidator(spec, "urn:conformance:parameters", { coerceTypes: true, trustDocument });
  const parameterValidators = new Map<string, ValidateFunction>();
  const parameterValidator = (operation: OperationEntry): ValidateFunction => {
    let validate = parameterValidators.get(operation.operationId);
    if (!validate) {
      const declared = operation.parameters.filter((parameter) => parameter.in === "path" || parameter.in === "query");
      validate = parameters.compile({
        type: "object",
        properties: Object.fromEntries(declared.map((parameter) => [parameter.name, parameter.schema ?? {}])),
        required: declared.filter((parameter) => parameter.required).map((parameter) => parameter.name),
      });
      parameterValidators.set(operation.operationId, validate);
    }
    return validate;
  };
  /** Why the spec refuses the request, or undefined when it accepts it. */
  const requestRefusal = (operation: OperationEntry, values: Record<string, string>, bodyText: string): string | undefined => {
    const validateParameters = parameterValidator(operation);
    if (!validateParameters({ ...values })) return describe(validateParameters.errors ?? [], "parameter");
    const requestBody = operation.operation.requestBody;
    if (!requestBody) return undefined;
    const body = parseJson(bodyText);
    if (body.kind === "text") return "the body is not JSON";
    if (body.kind === "none") return dereference<{ required?: boolean }>(spec, requestBody).required ? "the body is missing" : undefined;
    const validateBody = bodies.at(`${operation.pointer}/requestBody/content/${escapePointerToken("application/json")}/schema`);
    return validateBody(body.value) ? undefined : describe(validateBody.errors ?? [], "field");
  };
  /** Why the response does not match the documented one (its status is documented), or undefined. */
  const responseProblem = (operation: OperationEntry, status: number, body: ParsedBody): string | undefined => {
    const response = dereference<ResponseObject>(spec, operation.operation.responses[String(status)]);
    const json = response.content?.["application/json"];
    if (!json) return body.kind === "none" ? undefined : "the response has a body but the spec documents none";
    if (body.kind === "none") return "the response has no body but the spec documents one";
    if (body.kind === "text") return "the body is not JSON";
    const validate = bodies.at(`${responsePointer(operation, String(status))}/content/${escapePointerToken("application/json")}/schema`);
    return validate(body.value) ? undefined : summarise(formatSchemaErrors(validate.errors ?? []));
  };
  return (exchange, rules = RULES) => {
    const { request, response } = exchange;
    const matched = match(request.method, request.path);
    const responseBody = parseJson(response.body);
    if (!matched) {
      // Neither the spec nor (with a 404) the server has this resource.
      const findings: Finding[] =
        response.status === 404
          ? []
          : [{ rule: "no-operation", message: `the spec has no operation for ${request.method} ${pathOf(request.path)}` }];
      return { findings };
    }
    const { operation } = matched;
    const operationId = operation.operationId;
    const findings: Finding[] = [];

    if (!(String(response.status) in operation.operation.responses)) {
      const documented = Object.keys(operation.operation.responses).join(", ");
      findings.push({
        rule: "status-undocumented",
        message: `status ${response.status} is not documented for ${operationId} (${documented})`,
      });
    } else if (rules.has("response-body")) {
      const mediaType = headerValue(response.headers, "content-type");
      if (responseBody.kind === "json" && !/\bjson\b/i.test(mediaType ?? ""))
        findings.push({ rule: "response-body", message: `a JSON body sent as Content-Type ${mediaType ?? "(none)"}` });
      const problem = responseProblem(operation, response.status, responseBody);
      if (problem) findings.push({ rule: "response-body", message: problem });
    }

    // The request is judged by what the server did with it: accepted (2xx) or refused as bad (400).
    const accepted = response.status >= 200 && response.status < 300;
    if ((accepted && rules.has("accepted-request-invalid")) || (response.status === 400 && rules.has("refused-request-valid"))) {
      const refusal = requestRefusal(operation, { ...matched.pathParameters, ...matched.query }, request.body);
      if (accepted && refusal)
        findings.push({ rule: "accepted-request-invalid", message: `the server accepted a request the spec refuses: ${refusal}` });
      if (!accepted && !refusal)
        findings.push({
          rule: "refused-request-valid",
          message: `the server refused a request the spec accepts${serverMessage(responseBody)}`,
        });
    }

    if (exchange.claim && rules.has("claim")) {
      const claim = CLAIMS[exchange.claim];
      const broken = claim
        ? claim.broken(exchange, responseBody.kind === "json" ? responseBody.value : undefined)
        : `the recording names claim "${exchange.claim}", which src/conformance/claims.ts does not define`;
      if (broken) findings.push({ rule: "claim", message: `${broken}; the spec: ${claim?.says ?? "?"}` });
    }
    return { operationId, findings };
  };
}

type ParsedBody = { kind: "none" } | { kind: "json"; value: unknown } | { kind: "text" };

function parseJson(text: string): ParsedBody {
  if (text === "") return { kind: "none" };
  try {
    return { kind: "json", value: JSON.parse(text) };
  } catch {
    return { kind: "text" };
  }
}

/** `: "<the server's message>"` from either fault shape, or "". */
function serverMessage(body: ParsedBody): string {
  if (body.kind !== "json" || typeof body.value !== "object" || body.value === null) return "";
  const value = body.value as Record<string, unknown>;
  const inner = Object.values(value)[0] as { message?: unknown } | undefined;
  const message = typeof value.message === "string" ? value.message : typeof inner?.message === "string" ? inner.message : undefined;
  return message ? `; the server said: ${JSON.stringify(message.replace(/<br \/>|\s+/g, " ").trim())}` : "";
}

/** ajv's errors, each distinct one once (a oneOf repeats them per branch), at most four. */
function summarise(errors: string): string {
  const distinct = [...new Set(errors.split("\n"))];
  return distinct.length <= 4 ? distinct.join("; ") : `${distinct.slice(0, 4).join("; ")}; (${distinct.length - 4} more)`;
}

function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

function pathOf(pathAndQuery: string): string {
  return pathAndQuery.split("?")[0]!;
}
