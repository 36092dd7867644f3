import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APIS, bundlePath, typesPath } from "../../src/apis.js";
import { runBuild } from "../../src/build/run-build.js";

let outDir = "";

// The build itself, in-process (a spawned one would pay seconds of module loading), from the real
// openapi/ into a temporary folder; lint is the build tests' business.
beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "generated-"));
  await runBuild({ out: outDir, docsOut: "", docs: false, lint: false, log: () => undefined });
}, 60_000);
afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe("generated/ is exactly what the build makes from openapi/ (run `npm run build` and commit if this fails)", () => {
  for (const api of APIS) {
    for (const [what, pathOf] of [
      ["bundled spec", bundlePath],
      ["TypeScript types", typesPath],
    ] as const) {
      it(`${api.id} ${what} (${pathOf(api)}) is byte-identical to a fresh generation`, async () => {
        const committed = await readFile(pathOf(api), "utf8");
        const fresh = await readFile(pathOf(api, outDir), "utf8");
        expect(fresh, `${pathOf(api)} is stale`).toBe(committed);
      });
    }
  }
});
