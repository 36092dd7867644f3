// The parts of an OpenAPI 3.1 document this project's tools read. Loose on purpose: the documents are
// validated by Redocly lint before anything reads them.

export type HttpMethod = "get" | "put" | "post" | "delete" | "patch" | "head" | "options" | "trace";
export const HTTP_METHODS: readonly HttpMethod[] = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

export interface Reference {
  $ref: string;
}
/** A source page's example: the file in openapi/sources/ and the example's title there. */
export interface ExampleSource {
  page: string;
  example: string;
}
export interface ExampleObject {
  summary?: string;
  description?: string;
  value?: unknown;
  /** The page example(s) this example is taken from (see src/spec/example-sources.ts). */
  "x-source"?: ExampleSource | ExampleSource[];
}
export interface MediaTypeObject {
  schema?: unknown;
  examples?: Record<string, ExampleObject | Reference>;
}
export interface ParameterObject {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  description?: string;
  schema?: Record<string, unknown>;
  example?: unknown;
}
export interface ResponseObject {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, MediaTypeObject>;
}
export interface OperationObject {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: (ParameterObject | Reference)[];
  requestBody?: { required?: boolean; content: Record<string, MediaTypeObject> } | Reference;
  responses: Record<string, ResponseObject | Reference>;
  security?: Record<string, string[]>[];
  [extension: `x-${string}`]: unknown;
}
export type PathItemObject = { parameters?: (ParameterObject | Reference)[] } & Partial<Record<HttpMethod, OperationObject>>;
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  servers?: { url: string; variables?: Record<string, { default: string; enum?: string[] }> }[];
  paths: Record<string, PathItemObject>;
  components?: Record<string, Record<string, unknown>>;
  security?: Record<string, string[]>[];
  [key: string]: unknown;
}
