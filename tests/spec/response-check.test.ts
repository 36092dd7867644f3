import { describe, expect, it } from "vitest";
import { apiById } from "../../src/apis.js";
import { compileResponseChecker } from "../../src/sandbox/http/response-check.js";
import { loadBundle } from "../../src/spec/load-bundle.js";
import { listOperations } from "../../src/spec/operations.js";

const spec = loadBundle(apiById("cloud-databases"));
const check = compileResponseChecker(spec, listOperations(spec));
const fault = { itemNotFound: { code: 404, message: "The resource could not be found." } };

describe("the response checker the sandbox and the contract tests share", () => {
  it("accepts a documented status whose body matches its schema", () => {
    expect(check("showBackup", 404, fault)).toBeUndefined();
    expect(check("deleteBackup", 202, undefined)).toBeUndefined();
  });
  it("names an undocumented status", () => {
    expect(check("showBackup", 418, fault)?.problem).toBe("status 418 is not documented for showBackup");
  });
  it("names a body that does not match the status's schema", () => {
    expect(check("showBackup", 200, { backup: { id: "x" } })?.problem).toContain("must have required property");
  });
  it("refuses a body where the spec documents none", () => {
    expect(check("deleteBackup", 202, {})?.problem).toBe("the response has a body but the spec documents none");
  });
});
