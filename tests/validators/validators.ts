// Independent OpenAPI 3.1 validators, each behind one function: the problems it reports for a document
// (empty when it accepts it). None of them shares code with Redocly, which the build lints with.
import { readFileSync } from "node:fs";
import type { RulesetDefinition } from "@stoplight/spectral-core";
import { parse } from "yaml";

export interface OpenApiValidator {
  /** The npm package, pinned in devDependencies. */
  readonly packageName: string;
  /** What it checks the document with. */
  readonly checks: string;
  /** The problems it reports for the YAML document `text` (read from `file`). */
  problems(text: string, file: string): Promise<string[]>;
}

export const VALIDATORS: readonly OpenApiValidator[] = [
  {
    packageName: "@seriousme/openapi-schema-validator",
    checks: "the OpenAPI 3.1 JSON Schema (ajv)",
    async problems(text) {
      const { Validator } = await import("@seriousme/openapi-schema-validator");
      const result = await new Validator().validate(parse(text));
      if (result.valid) return [];
      return typeof result.errors === "string"
        ? [result.errors]
        : (result.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? error.keyword}`);
    },
  },
  {
    packageName: "@scalar/openapi-parser",
    checks: "its OpenAPI 3.1 schema and reference resolution",
    async problems(text) {
      const { validate } = await import("@scalar/openapi-parser");
      const result = await validate(text);
      return result.valid ? [] : (result.errors ?? []).map((error) => `${error.path ?? ""} ${error.message}`);
    },
  },
  {
    packageName: "@stoplight/spectral-core",
    checks: "Spectral's `spectral:oas` ruleset (recommended rules, every severity)",
    async problems(text, file) {
      const { Document, Spectral } = await import("@stoplight/spectral-core");
      const { oas } = await import("@stoplight/spectral-rulesets");
      const { Yaml } = await import("@stoplight/spectral-parsers");
      const spectral = new Spectral();
      // The rulesets package types `oas` more loosely than spectral-core's RulesetDefinition; it is one.
      spectral.setRuleset({ extends: [[oas as RulesetDefinition, "recommended"]] });
      const results = await spectral.run(new Document(text, Yaml, file));
      return results.map((result) => `${result.path.join(".")} ${result.code}: ${result.message}`);
    },
  },
  {
    packageName: "@apidevtools/swagger-parser",
    checks: "its OpenAPI 3.1 schema and reference resolution (what orval, typed-openapi and oazapfts parse with)",
    async problems(text) {
      const { default: SwaggerParser } = await import("@apidevtools/swagger-parser");
      try {
        await SwaggerParser.validate(parse(text));
        return [];
      } catch (error) {
        return [String(error)];
      }
    },
  },
];

/** The installed (lockfile-pinned) version of a validator's package. */
export function validatorVersion(validator: OpenApiValidator): string {
  const manifest = new URL(`../../node_modules/${validator.packageName}/package.json`, import.meta.url);
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}
