import { readFileSync } from "node:fs";
import { parse as parseWithPrismsParser } from "@stoplight/yaml";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { APIS, bundlePath } from "../../src/apis.js";

// Prism reads specs with @stoplight/yaml, which drops a trailing line break of keep-chomped block
// scalars (`|+`); a bundle it reads differently would make the mock serve examples that are not the spec's.
describe.each(APIS)("$id bundle", (api) => {
  it("reads the same with Prism's YAML parser as with the yaml package", () => {
    const text = readFileSync(bundlePath(api), "utf8");
    expect(parseWithPrismsParser(text)).toEqual(parse(text));
  });
});
