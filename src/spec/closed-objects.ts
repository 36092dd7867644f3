/**
 * A copy of a bundled spec in which every object a request may send is closed: each schema that sits at an
 * instance location (a request body's root, a property's value, an array's items) is wrapped as
 * `{ allOf: [schema], unevaluatedProperties: false }`. The wrapper sees the properties every applicator
 * inside it evaluated (`allOf` parts, the `oneOf` branch that matched, `$ref`s), so composed objects stay
 * whole, where adding `additionalProperties: false` to each part would refuse the other parts' fields.
 *
 * The spec's own request objects are open because the servers ignore unknown fields; the sandbox uses this
 * copy only when asked to refuse them (`--reject-unknown-fields`).
 */
import type { OpenApiDocument } from "./openapi-types.js";

type Schema = Record<string, unknown>;

const isObject = (value: unknown): value is Schema => typeof value === "object" && value !== null && !Array.isArray(value);

/** Keywords whose schemas describe the same instance location (their own positions inside are wrapped). */
const SAME_LOCATION = ["allOf", "anyOf", "oneOf"] as const;
const SAME_LOCATION_SINGLE = ["not", "if", "then", "else"] as const;
/** Keywords whose schemas describe other instance locations: a property's value, an item. */
const MAP_POSITIONS = ["properties", "patternProperties", "$defs"] as const;
const SINGLE_POSITIONS = ["items", "additionalProperties", "contains", "unevaluatedItems"] as const;

export function closeRequestObjects(spec: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(spec) as OpenApiDocument & {
    components?: { schemas?: Record<string, unknown> };
    paths?: Record<string, Record<string, unknown>>;
  };
  const schemas = copy.components?.schemas ?? {};
  for (const [name, schema] of Object.entries(schemas)) schemas[name] = closeInside(schema);
  for (const pathItem of Object.values(copy.paths ?? {})) {
    for (const operation of Object.values(pathItem)) {
      const media = (operation as { requestBody?: { content?: Record<string, { schema?: unknown }> } }).requestBody?.content;
      for (const type of Object.values(media ?? {})) if (type.schema !== undefined) type.schema = atPosition(type.schema);
    }
  }
  return copy;
}

/** A schema at an instance location: closed there, and inside. */
function atPosition(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  return { allOf: [closeInside(schema)], unevaluatedProperties: false };
}

/** The schema with every nested position closed; the schema itself is left as it is. */
function closeInside(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  const out: Schema = { ...schema };
  for (const keyword of SAME_LOCATION) {
    if (Array.isArray(out[keyword])) out[keyword] = (out[keyword] as unknown[]).map(closeInside);
  }
  for (const keyword of SAME_LOCATION_SINGLE) if (keyword in out) out[keyword] = closeInside(out[keyword]);
  for (const keyword of MAP_POSITIONS) {
    if (isObject(out[keyword]))
      out[keyword] = Object.fromEntries(Object.entries(out[keyword]).map(([key, value]) => [key, atPosition(value)]));
  }
  for (const keyword of SINGLE_POSITIONS) if (isObject(out[keyword])) out[keyword] = atPosition(out[keyword]);
  if (Array.isArray(out.prefixItems)) out.prefixItems = (out.prefixItems as unknown[]).map(atPosition);
  return out;
}
