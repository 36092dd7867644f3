import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { apiById } from "../../src/apis.js";
import { CLAIMS } from "../../src/conformance/claims.js";
import { patchedSpec } from "../../src/conformance/excuses.js";
import { loadRecording } from "../../src/conformance/recording.js";
import {
  type ConformanceVerification,
  correctedExampleValue,
  type Erratum,
  exampleErratum,
  loadErrata,
} from "../../src/errata/register.js";
import { pageExample, SOURCES_DIR } from "../../src/sources/page-examples.js";
import { exampleSources } from "../../src/spec/example-sources.js";
import { fullOperationPaths } from "../../src/spec/full-paths.js";
import { dereference, resolvePointer } from "../../src/spec/json-pointer.js";
import { loadBundle } from "../../src/spec/load-bundle.js";
import type { ExampleObject } from "../../src/spec/openapi-types.js";
import { listMediaExamples, listOperations } from "../../src/spec/operations.js";
import { createSchemaValidator, formatSchemaErrors } from "../../src/spec/schema-validator.js";

const errata = loadErrata();
const bundles = { "cloud-databases": loadBundle(apiById("cloud-databases")), "zcom-compute": loadBundle(apiById("zcom-compute")) };
const troveRecording = loadRecording("tests/conformance/fixtures/trove-18.exchanges.json");
const validators = {
  "cloud-databases": createSchemaValidator(bundles["cloud-databases"]),
  "zcom-compute": createSchemaValidator(bundles["zcom-compute"]),
};

describe("the errata register is well-formed", () => {
  it("matches openapi/errata.schema.json", () => {
    const ajv = new Ajv2020({ allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync("openapi/errata.schema.json", "utf8")));
    const register = { errata };
    expect(validate(register), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });
  it("has unique ids", () => {
    const ids = errata.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
  it("names only pages that exist in openapi/sources/ (or upstream pages, marked upstream:)", () => {
    for (const entry of errata.filter((candidate) => !candidate.page.startsWith("upstream:"))) {
      expect(existsSync(join(SOURCES_DIR, entry.page)), entry.page).toBe(true);
    }
  });
  it("is cited by id wherever the spec mentions an erratum", () => {
    const ids = new Set(errata.map((entry) => entry.id));
    const cited = new Set(
      Object.values(bundles).flatMap((bundle) =>
        [...JSON.stringify(bundle).matchAll(/errata ((?:CDB|ZCOM)-[A-Z0-9-]+)/g)].map((match) => match[1]!),
      ),
    );
    expect([...cited].filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe("every erratum's correction really is in the bundled spec", () => {
  for (const entry of errata) {
    it(`${entry.id}: ${entry.spec_says.slice(0, 90)}`, () => verify(entry));
  }
});

function verify(entry: Erratum): void {
  const bundle = bundles[entry.api];
  const { verify: check } = entry;
  if (check.example) {
    const { operationId, name, correction } = check.example;
    const raw = pageExample(entry.page, entry.location).body;
    const specExample = listMediaExamples(bundle).find((example) => example.operation.operationId === operationId && example.name === name);
    expect(specExample, `${operationId} has no example ${name}`).toBeDefined();
    expect(exampleSources(specExample!.example)).toContainEqual({ page: entry.page, example: entry.location });
    expect(correctedExampleValue(raw, correction)).toEqual(specExample!.example.value);
    // The correction is needed: the page's own text is not JSON, or not this value.
    let uncorrected: unknown;
    try {
      uncorrected = correctedExampleValue(raw, undefined);
    } catch {
      return;
    }
    expect(uncorrected).not.toEqual(specExample!.example.value);
  } else if (check.path) {
    const served = fullOperationPaths(bundle, true);
    expect([...served.keys()]).toContain(check.path.spec);
    expect([...served.keys()]).not.toContain(check.path.page);
  } else if (check.response_code) {
    const operation = listOperations(bundle).find((candidate) => candidate.operationId === check.response_code.operationId);
    expect(operation, check.response_code.operationId).toBeDefined();
    expect(Object.keys(operation!.operation.responses)).toContain(check.response_code.spec);
    expect(Object.keys(operation!.operation.responses)).not.toContain(check.response_code.page);
  } else if (check.pointer) {
    const node = resolvePointer(bundle, check.pointer.path);
    if ("equals" in check.pointer) expect(node).toEqual(check.pointer.equals);
    for (const key of check.pointer.has_keys ?? []) expect(Object.keys(node as object)).toContain(key);
    for (const key of check.pointer.lacks_keys ?? []) expect(Object.keys(node as object)).not.toContain(key);
  } else if (check.conformance) {
    verifyConformance(entry, check.conformance);
  } else {
    for (const value of check.accepts!.values) {
      const errors = validators[entry.api].errors(`#/components/schemas/${check.accepts.schema}`, value);
      expect(errors, `${JSON.stringify(value)}: ${formatSchemaErrors(errors)}`).toEqual([]);
    }
  }
}

/**
 * A conformance erratum: its patch's `test` operations hold on the bundled spec (the spec still says what
 * `spec_says` says), or its claim is one the checker knows and the recorded run of the real server holds
 * an exchange with it. That the erratum excuses a recorded exchange is checked by tests/conformance/,
 * which judges the whole recording.
 */
function verifyConformance(entry: Erratum, check: ConformanceVerification): void {
  expect(check.server).toBe("trove-18");
  if (check.patch) {
    expect(check.patch[0]?.op, "a patch starts by testing what the spec says").toBe("test");
    expect(() => patchedSpec(bundles[entry.api], { id: entry.id, patch: check.patch })).not.toThrow();
  } else {
    expect(Object.keys(CLAIMS)).toContain(check.claim);
    expect(troveRecording.exchanges.some((exchange) => exchange.claim === check.claim)).toBe(true);
  }
}

describe("every spec example taken from a page equals the page's example, corrected only by its erratum", () => {
  for (const [apiId, bundle] of Object.entries(bundles)) {
    const fromPages = Object.entries(bundle.components?.examples ?? {})
      .map(([key, example]) => [key, dereference<ExampleObject>(bundle, example)] as const)
      .filter(([, example]) => exampleSources(example).length > 0);
    it(`${apiId} has examples taken from pages`, () => expect(fromPages.length).toBeGreaterThan(0));
    for (const [key, example] of fromPages) {
      for (const { page, example: title } of exampleSources(example)) {
        it(`${apiId} example ${key} = ${page} "${title}"`, () => {
          const erratum = exampleErratum(errata, page, title);
          const correction = erratum?.verify.example?.correction;
          expect(correctedExampleValue(pageExample(page, title).body, correction)).toEqual(example.value);
        });
      }
    }
  }
});
