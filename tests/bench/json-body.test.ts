// The sandbox's fast JSON bodies (a performance change found with `npm run bench -- --profile`) must be
// byte for byte what Fastify's JSON.stringify made before.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frozenJson, isJsonContainer, jsonBuffer } from "../../src/sandbox/http/json-body.js";

const stringify = (value: object) => Buffer.from(JSON.stringify(value)).toString("hex");
const fast = (value: object) => jsonBuffer(value).toString("hex");

/** JSON values, with the values JSON.stringify drops or nulls mixed in. */
const loose = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.jsonValue({ maxDepth: 2 }),
    fc.constant(undefined),
    fc.constant(() => 1),
    fc.constant(Symbol("s")),
    fc.date({ noInvalidDate: true }),
    fc.double(),
    fc.string({ unit: "binary" }),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: "binary", maxLength: 4 }), tie("value"), { maxKeys: 4 }),
  ),
})).value;

describe("jsonBuffer: the sandbox's JSON bodies", () => {
  it("equals Buffer.from(JSON.stringify(value)) for any object or array", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.array(loose, { maxLength: 5 }), fc.dictionary(fc.string({ maxLength: 6 }), loose, { maxKeys: 6 })),
        (value) => {
          expect(fast(value)).toBe(stringify(value));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("equals it with frozen parts reused, wherever they sit", () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 1, maxLength: 4 }), fc.string(), (parts, key) => {
        const frozen = parts.map((part) => (isJsonContainer(part) ? frozenJson(structuredClone(part)) : part));
        const body = { [key]: frozen, links: [{ href: "http://127.0.0.1/x?marker=20", rel: "next" }], first: frozen[0] };
        // Twice: the second time the whole body comes from the cache of bodies.
        for (let time = 0; time < 2; time++) {
          expect(fast(body)).toBe(stringify(body));
          expect(fast(frozen)).toBe(stringify(frozen));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("freezes what it caches, so the cached bytes cannot go stale", () => {
    const view = frozenJson({ status: "COMPLETED", datastore: { type: "mysql" }, links: [{ rel: "self" }] });
    expect(Object.isFrozen(view) && Object.isFrozen(view.datastore) && Object.isFrozen(view.links[0])).toBe(true);
  });

  it("leaves toJSON, class instances and boxed values to JSON.stringify", () => {
    class Point {
      constructor(readonly x: number) {}
    }
    const body = { when: new Date(0), point: new Point(1), boxed: new String("s"), custom: { toJSON: () => undefined }, n: -0 };
    expect(fast(body)).toBe(stringify(body));
    expect(fast([{ toJSON: () => undefined }, Number.NaN])).toBe(stringify([{ toJSON: () => undefined }, Number.NaN]));
  });
});
