import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { OpenApiDocument } from "./openapi-types.js";

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** OpenAPI 3.1 keywords that are not JSON Schema 2020-12 keywords, and the top-level fields of the document. */
const OPENAPI_KEYWORDS = [
  "example",
  "discriminator",
  "xml",
  "externalDocs",
  "openapi",
  "info",
  "jsonSchemaDialect",
  "servers",
  "paths",
  "webhooks",
  "components",
  "security",
  "tags",
  "x-tagGroups",
];

export interface SchemaValidatorOptions {
  /** Coerce strings to the schema's types (for query and path parameters, which arrive as text). */
  readonly coerceTypes?: boolean;
  /**
   * Do not check the document against the JSON Schema meta-schema when it is added. That check costs a
   * few hundred milliseconds; skip it only for a document already checked, such as a patched copy of one.
   */
  readonly trustDocument?: boolean;
  /**
   * Allow keywords without a `type` that makes them apply (ajv's strictTypes off): for a document whose
   * schemas are wrapped with `unevaluatedProperties`, which must wrap strings as well as objects.
   */
  readonly looseTypes?: boolean;
}

export interface SchemaValidator {
  /** A compiled validator for the schema at `pointer` (`#/components/schemas/Backup`, or any JSON pointer). */
  at(pointer: string): ValidateFunction;
  /** Validates `value` against the schema at `pointer`; returns the errors, or [] when valid. */
  errors(pointer: string, value: unknown): ErrorObject[];
  /** Compiles an ad-hoc schema whose `$ref`s may point into the document (`urn:…#/components/schemas/X`). */
  compile(schema: object): ValidateFunction;
  /** The id under which the document was added, to build `$ref`s for {@link compile}. */
  readonly id: string;
}

/**
 * JSON Schema 2020-12 validation (ajv, formats on) against the schemas of one bundled OpenAPI 3.1
 * document. The document is added to ajv whole, so local `$ref`s resolve, and each schema is compiled
 * once, on first use.
 */
export function createSchemaValidator(
  spec: OpenApiDocument,
  id = "urn:openapi:document",
  options: SchemaValidatorOptions = {},
): SchemaValidator {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictTypes: !options.looseTypes,
    strictRequired: false,
    validateFormats: true,
    coerceTypes: options.coerceTypes ?? false,
    validateSchema: !options.trustDocument,
  });
  addFormats(ajv);
  ajv.addVocabulary(OPENAPI_KEYWORDS);
  ajv.addSchema(spec as object, id);
  const compiled = new Map<string, ValidateFunction>();
  const at = (pointer: string): ValidateFunction => {
    const fragment = pointer.startsWith("#") ? pointer : `#${pointer}`;
    let validate = compiled.get(fragment);
    if (!validate) {
      validate = ajv.compile({ $ref: `${id}${encodeURI(fragment)}` });
      compiled.set(fragment, validate);
    }
    return validate;
  };
  return {
    id,
    at,
    compile: (schema) => ajv.compile(rebaseRefs(schema, id) as object),
    errors(pointer, value) {
      const validate = at(pointer);
      return validate(value) ? [] : [...(validate.errors ?? [])];
    },
  };
}

/** One line per ajv error: `/backups/0/status must be equal to one of the allowed values (NEW, …)`. */
export function formatSchemaErrors(errors: readonly ErrorObject[]): string {
  return errors
    .map((error) => {
      const where = error.instancePath === "" ? "(root)" : error.instancePath;
      const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
      return `${where} ${error.message ?? "is invalid"}${allowed ? ` (${allowed.join(", ")})` : ""}`;
    })
    .join("\n");
}

/** Turns local `#/…` refs of a schema taken from the document into refs to the document's id. */
function rebaseRefs(node: unknown, id: string): unknown {
  if (Array.isArray(node)) return node.map((item) => rebaseRefs(item, id));
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === "$ref" && typeof value === "string" && value.startsWith("#") ? `${id}${value}` : rebaseRefs(value, id),
    ]),
  );
}
