// fast-check arbitraries for values of a JSON Schema taken from a bundled OpenAPI 3.1 document: enough of
// 2020-12 for the request schemas of this project (type, const, enum, properties, required,
// additionalProperties, oneOf/anyOf/allOf, $ref with siblings, minLength/maxLength, pattern, minimum/maximum,
// items/uniqueItems, minProperties, examples). Values are meant to be valid; the tests still check every
// body with ajv, so a value the generator gets wrong is classified, not trusted.
import fc from "fast-check";
import { resolvePointer } from "../../src/spec/json-pointer.js";
import type { OpenApiDocument } from "../../src/spec/openapi-types.js";

export type JsonSchema = Readonly<Record<string, unknown>>;

/**
 * Replaces the generator at one place of the value: `path` is the property names from the root
 * (`["backup", "parent_id"]`); `fallback` is the schema's own generator there. Return undefined to keep it.
 */
export type SchemaOverride = (
  path: readonly string[],
  schema: JsonSchema,
  fallback: () => fc.Arbitrary<unknown>,
) => fc.Arbitrary<unknown> | undefined;

export interface SchemaArbitraryOptions {
  readonly override?: SchemaOverride;
  /** Longest string drawn for a string without maxLength (default 24). */
  readonly maxStringLength?: number;
}

/** An arbitrary of values of `schema` (a schema object or `{ $ref: "#/…" }` into `spec`). */
export function schemaArbitrary(
  spec: OpenApiDocument,
  schema: unknown,
  options: SchemaArbitraryOptions = {},
  path: readonly string[] = [],
): fc.Arbitrary<unknown> {
  const resolved = flatten(spec, schema);
  const overridden = options.override?.(path, resolved, () => ownArbitrary(spec, resolved, options, path));
  return overridden ?? ownArbitrary(spec, resolved, options, path);
}

function ownArbitrary(spec: OpenApiDocument, resolved: JsonSchema, options: SchemaArbitraryOptions, path: readonly string[]) {
  if ("const" in resolved) return fc.constant(resolved.const);
  if (Array.isArray(resolved.enum)) return fc.constantFrom(...(resolved.enum as unknown[]));
  const { oneOf, anyOf, ...rest } = resolved;
  const choices = (oneOf ?? (isRequiredOnly(anyOf) ? undefined : anyOf)) as unknown[] | undefined;
  if (choices) return fc.oneof(...choices.map((choice) => schemaArbitrary(spec, merge(rest, flatten(spec, choice)), options, path)));
  const types = typesOf(resolved);
  if (types.length > 1) return fc.oneof(...types.map((type) => forType(spec, { ...resolved, type }, type, options, path)));
  return forType(spec, resolved, types[0] ?? "any", options, path);
}

function forType(spec: OpenApiDocument, schema: JsonSchema, type: string, options: SchemaArbitraryOptions, path: readonly string[]) {
  const examples = Array.isArray(schema.examples) ? (schema.examples as unknown[]).filter((value) => matchesType(value, type)) : [];
  const withExamples = (arbitrary: fc.Arbitrary<unknown>) =>
    examples.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...examples), weight: 1 }, { arbitrary, weight: 2 }) : arbitrary;
  switch (type) {
    case "object":
      return objectArbitrary(spec, schema, options, path);
    case "array": {
      const items = schemaArbitrary(spec, schema.items ?? {}, options, [...path, "[]"]);
      const constraints = { minLength: Number(schema.minItems ?? 0), maxLength: Math.min(Number(schema.maxItems ?? 4), 4) };
      return schema.uniqueItems
        ? fc.uniqueArray(items, { ...constraints, selector: (value) => JSON.stringify(value) })
        : fc.array(items, constraints);
    }
    case "string":
      return withExamples(stringArbitrary(schema, options));
    case "integer":
      return withExamples(
        fc.integer({ min: Number(schema.minimum ?? -1_000), max: Number(schema.maximum ?? Math.max(1_000, Number(schema.minimum ?? 0))) }),
      );
    case "number":
      return withExamples(
        fc.double({ min: Number(schema.minimum ?? -1_000), max: Number(schema.maximum ?? 1_000), noNaN: true, noDefaultInfinity: true }),
      );
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    default:
      return fc.constantFrom<unknown>(null, 0, "x", true, {}, []);
  }
}

function objectArbitrary(spec: OpenApiDocument, schema: JsonSchema, options: SchemaArbitraryOptions, path: readonly string[]) {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const required = new Set((schema.required ?? []) as string[]);
  // `anyOf: [{required: [a]}, {required: [b]}]` (at least one of a, b): one record per branch, its keys required.
  const alternatives = isRequiredOnly(schema.anyOf) ? (schema.anyOf as { required: string[] }[]).map((branch) => branch.required) : [[]];
  const minProperties = Number(schema.minProperties ?? 0);
  // Built once: some arbitraries (stringMatching) are costly to build, cheap to draw from.
  const byKey = Object.fromEntries(
    Object.entries(properties).map(([key, value]) => [key, schemaArbitrary(spec, value, options, [...path, key])]),
  );
  const records = alternatives.map((extra) => {
    const requiredKeys = [...new Set([...required, ...extra])].filter((key) => key in properties);
    const record = fc.record(byKey, { requiredKeys });
    return minProperties > 0 ? record.filter((value) => Object.keys(value).length >= minProperties) : record;
  });
  return records.length === 1 ? records[0]! : fc.oneof(...records);
}

function stringArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions): fc.Arbitrary<unknown> {
  if (typeof schema.pattern === "string") return fc.stringMatching(new RegExp(schema.pattern));
  if (schema.format === "uuid") return fc.uuid();
  const minLength = Number(schema.minLength ?? 0);
  const maxLength = Math.max(minLength, Math.min(Number(schema.maxLength ?? Number.POSITIVE_INFINITY), options.maxStringLength ?? 24));
  // Mostly ASCII, sometimes any Unicode grapheme (a grapheme is at most a few code points; lengths stay far below limits).
  return fc.oneof(
    { arbitrary: fc.string({ unit: "grapheme-ascii", minLength, maxLength }), weight: 3 },
    { arbitrary: fc.string({ unit: "grapheme", minLength, maxLength: Math.max(minLength, Math.floor(maxLength / 4)) }), weight: 1 },
  );
}

/** The schema with `$ref` (and its siblings) and `allOf` folded into one object. */
function flatten(spec: OpenApiDocument, schema: unknown): JsonSchema {
  if (schema === true || schema === undefined) return {};
  let node = schema as JsonSchema;
  for (let hops = 0; typeof node.$ref === "string"; hops++) {
    if (hops > 32) throw new Error(`$ref cycle at ${String(node.$ref)}`);
    const { $ref, ...siblings } = node;
    node = merge(resolvePointer(spec, $ref as string) as JsonSchema, siblings);
  }
  if (Array.isArray(node.allOf)) {
    const { allOf, ...rest } = node;
    node = (allOf as unknown[]).reduce<JsonSchema>((merged, part) => merge(merged, flatten(spec, part)), flatten(spec, rest));
  }
  return node;
}

/** Both schemas at once, as far as generation needs: properties meet, required keys add up. */
function merge(a: JsonSchema, b: JsonSchema): JsonSchema {
  const out: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (key === "properties") {
      const mine = (a.properties ?? {}) as Record<string, unknown>;
      const theirs = value as Record<string, unknown>;
      out.properties = Object.fromEntries(
        [...new Set([...Object.keys(mine), ...Object.keys(theirs)])].map((name) => [
          name,
          name in mine && name in theirs ? { allOf: [mine[name], theirs[name]] } : (mine[name] ?? theirs[name]),
        ]),
      );
    } else if (key === "required") {
      out.required = [...new Set([...((a.required ?? []) as string[]), ...(value as string[])])];
    } else if (key === "additionalProperties") {
      out.additionalProperties = a.additionalProperties === false ? false : value;
    } else {
      out[key] = value;
    }
  }
  // A const narrows an enum of the other schema (allOf of `BackupSourceType` and `{const: "ha"}`).
  if ("const" in out) delete out.enum;
  return out;
}

const isRequiredOnly = (anyOf: unknown): boolean =>
  Array.isArray(anyOf) &&
  anyOf.every((branch) => typeof branch === "object" && branch !== null && Object.keys(branch).join() === "required");

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type as string[];
  if (typeof schema.type === "string") return [schema.type];
  if (schema.properties) return ["object"];
  return [];
}

function matchesType(value: unknown, type: string): boolean {
  if (type === "integer") return Number.isInteger(value);
  if (type === "null") return value === null;
  if (type === "array") return Array.isArray(value);
  if (type === "object") return typeof value === "object" && value !== null && !Array.isArray(value);
  return typeof value === type;
}
