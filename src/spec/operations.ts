import { dereference, escapePointerToken, pointerOf } from "./json-pointer.js";
import {
  type ExampleObject,
  HTTP_METHODS,
  type HttpMethod,
  type MediaTypeObject,
  type OpenApiDocument,
  type OperationObject,
  type ParameterObject,
  type ResponseObject,
} from "./openapi-types.js";

export interface OperationEntry {
  readonly path: string;
  readonly method: HttpMethod;
  readonly operationId: string;
  readonly operation: OperationObject;
  /** Path-item and operation parameters, dereferenced, operation ones winning. */
  readonly parameters: readonly ParameterObject[];
  /** JSON pointer of the operation in the document. */
  readonly pointer: string;
}

export function listOperations(spec: OpenApiDocument): OperationEntry[] {
  const entries: OperationEntry[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const byKey = new Map<string, ParameterObject>();
      for (const parameter of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
        const resolved = dereference<ParameterObject>(spec, parameter);
        byKey.set(`${resolved.in}:${resolved.name}`, resolved);
      }
      entries.push({
        path,
        method,
        operationId: operation.operationId,
        operation,
        parameters: [...byKey.values()],
        pointer: pointerOf("paths", path, method),
      });
    }
  }
  return entries;
}

export interface MediaExample {
  readonly operation: OperationEntry;
  /** "request", or the response status code. */
  readonly kind: "request" | "response";
  readonly status?: string;
  readonly mediaType: string;
  /** The key in the media type's `examples` map (what Prism's `Prefer: example=` takes). */
  readonly name: string;
  readonly example: ExampleObject;
  /** JSON pointer of the media type's schema. */
  readonly schemaPointer: string;
}

/** Every named example of every request body and response of every operation. */
export function listMediaExamples(spec: OpenApiDocument): MediaExample[] {
  const found: MediaExample[] = [];
  for (const operation of listOperations(spec)) {
    const requestBody = operation.operation.requestBody;
    const bodyContent = requestBody ? dereference<{ content: Record<string, MediaTypeObject> }>(spec, requestBody).content : {};
    for (const [mediaType, media] of Object.entries(bodyContent)) {
      for (const [name, example] of Object.entries(media.examples ?? {})) {
        found.push({
          operation,
          kind: "request",
          mediaType,
          name,
          example: dereference<ExampleObject>(spec, example),
          schemaPointer: `${operation.pointer}/requestBody/content/${escapePointerToken(mediaType)}/schema`,
        });
      }
    }
    for (const [status, responseOrRef] of Object.entries(operation.operation.responses)) {
      const response = dereference<ResponseObject>(spec, responseOrRef);
      const pointer = responsePointer(operation, status);
      for (const [mediaType, media] of Object.entries(response.content ?? {})) {
        for (const [name, example] of Object.entries(media.examples ?? {})) {
          found.push({
            operation,
            kind: "response",
            status,
            mediaType,
            name,
            example: dereference<ExampleObject>(spec, example),
            schemaPointer: `${pointer}/content/${escapePointerToken(mediaType)}/schema`,
          });
        }
      }
    }
  }
  return found;
}

/** JSON pointer of the operation's response for `status`: the component it references, or its place in the operation. */
export function responsePointer(operation: OperationEntry, status: string): string {
  const node = operation.operation.responses[status];
  return isRefObject(node) ? node.$ref.slice(1) : `${operation.pointer}/responses/${status}`;
}

const isRefObject = (node: unknown): node is { $ref: string } => typeof node === "object" && node !== null && "$ref" in node;
