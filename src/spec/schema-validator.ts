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

export interface SchemaValidator {
  /** A compiled validator for the schema at `pointer` (`#/components/schemas/Backup`, or any JSON pointer). */
  at(pointer: string): ValidateFunction;
  /** Validates `value` against the schema at `pointer`; returns the errors, or [] when valid. */
  errors(pointer: string, value: unknown): ErrorObject[];
}

/**
 * JSON Schema 2020-12 validation (ajv, formats on) against the schemas of one bundled OpenAPI 3.1
 * document. The document is added to ajv whole, so local `$ref`s resolve, and each schema is compiled
 * once, on first use.
 */
export function createSchemaValidator(spec: OpenApiDocument, id = "urn:openapi:document"): SchemaValidator {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, validateFormats: true });
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
    at,
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
