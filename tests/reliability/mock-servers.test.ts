// The Prism mocks (`npm run mock`, `npm start`, and the ones every test run starts) under hostile requests:
// no crash, no 5xx, and a documented request still answered afterwards.
import { describe, expect, inject, it } from "vitest";
import { APIS } from "../../src/apis.js";
import { loadBundle } from "../../src/spec/load-bundle.js";
import { hostileRequests, junkRequests } from "./hostile-requests.js";
import { examplePaths } from "./mock-paths.js";
import { describeExchange, type RawRequestOptions, sendAll, sendRaw } from "./raw-http.js";

const prismUrls = inject("prismUrls");
const TOKEN: [string, string] = ["X-Auth-Token", "87c6033c-9ff6-405f-943e-2deb73f278b7"];

for (const [index, api] of APIS.entries()) {
  const origin = prismUrls[api.id]!;
  const paths = examplePaths(loadBundle(api));
  // With a token, so that a request gets past authentication to the parts that broke.
  const withToken = (request: RawRequestOptions): RawRequestOptions =>
    request.raw === undefined ? { ...request, headers: [TOKEN, ...(request.headers ?? [])] } : request;
  const requests = [...hostileRequests(paths.slice(0, 2)), ...junkRequests(paths, 100, 20_250_602 + index)].map(withToken);

  describe(`${api.id} mock`, () => {
    it(`survives ${requests.length} hostile requests: no crash, no 5xx, and still answers a documented request`, async () => {
      const answers = await sendAll(origin, requests, 4);
      const failures = requests
        .map((request, position) => ({ request, answer: answers[position]! }))
        .filter(({ answer }) => answer.status === undefined || answer.status >= 500)
        .map(({ request, answer }) => describeExchange(request, answer));
      expect(failures).toEqual([]);
      const good = await sendRaw(origin, { target: paths[0]!, headers: [TOKEN] });
      expect(good.status, good.error ?? good.body).toBe(200);
    }, 60_000);
  });
}
