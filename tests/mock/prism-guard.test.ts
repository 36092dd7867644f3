// Requests that used to end a Prism mock (an uncaught URIError or TypeError inside Prism) or make it answer
// 500: each now gets the API's documented 400 fault body, and the mock answers the next request.
import { describe, expect, inject, it } from "vitest";
import { APIS } from "../../src/apis.js";
import { loadBundle } from "../../src/spec/load-bundle.js";
import { createSchemaValidator, formatSchemaErrors } from "../../src/spec/schema-validator.js";
import { examplePaths } from "../reliability/mock-paths.js";
import { type RawAnswer, type RawRequestOptions, sendRaw } from "../reliability/raw-http.js";

const prismUrls = inject("prismUrls");
const TOKEN: [string, string] = ["X-Auth-Token", "87c6033c-9ff6-405f-943e-2deb73f278b7"];
const FAULT_SCHEMA = "#/components/responses/BadRequest/content/application~1json/schema";

for (const api of APIS) {
  const spec = loadBundle(api);
  const validator = createSchemaValidator(spec);
  const origin = prismUrls[api.id]!;
  const [collection] = examplePaths(spec);

  const expectDocumentedBadRequest = (answer: RawAnswer, what: string) => {
    expect(answer.status, `${what}: ${answer.error ?? answer.body}`).toBe(400);
    expect(answer.headers["content-type"], what).toMatch(/^application\/json/);
    const body = JSON.parse(answer.body) as { badRequest?: { code?: number; message?: string } };
    const errors = validator.errors(FAULT_SCHEMA, body);
    expect(errors, `${what}: ${formatSchemaErrors(errors)}`).toEqual([]);
    expect(body.badRequest?.code, what).toBe(400);
    expect(body.badRequest?.message, what).toMatch(/\w/);
  };

  const expectStillServing = async () => {
    const answer = await sendRaw(origin, { target: collection!, headers: [TOKEN] });
    expect(answer.status, `the mock stopped answering: ${answer.error ?? answer.body}`).toBe(200);
  };

  describe(`${api.id} mock (${collection})`, () => {
    const cases: [string, RawRequestOptions][] = [
      ...["%", "%zz", "%c0%ae", "%ff", "a%"].map((segment): [string, RawRequestOptions] => [
        `a path segment "${segment}" that does not decode`,
        { target: `${collection}/${segment}`, headers: [TOKEN] },
      ]),
      ["a request target starting with //", { target: `/${collection}`, headers: [TOKEN] }],
      ...[";;;/", "*/*;q=abc", "text/", "application/json;q=2"].map((accept): [string, RawRequestOptions] => [
        `Accept: ${accept}`,
        { target: collection!, headers: [TOKEN, ["Accept", accept]] },
      ]),
      ...["a/b;c", ";;;/", 'application/json; charset="'].map((type): [string, RawRequestOptions] => [
        `Content-Type: ${type}`,
        { method: "POST", target: collection!, headers: [TOKEN, ["Content-Type", type]], body: "{}" },
      ]),
    ];
    for (const [what, request] of cases) {
      it(`answers ${what} with the documented 400 fault body, and keeps serving`, async () => {
        expectDocumentedBadRequest(await sendRaw(origin, request), what);
        await expectStillServing();
      });
    }

    // RFC 9110: empty list members are ignored (§5.6.1), and a server may disregard Accept (§12.5.1).
    for (const accept of ["application/json, ", ",,,", "*/*;q=0", "application/json;q=0, */*;q=0"]) {
      it(`answers a well-formed Accept: ${accept} as if it asked for nothing in particular (200)`, async () => {
        const answer = await sendRaw(origin, { target: collection!, headers: [TOKEN, ["Accept", accept]] });
        expect(answer.status, answer.body).toBe(200);
        expect(answer.headers["content-type"]).toMatch(/^application\/json/);
      });
    }
  });
}
