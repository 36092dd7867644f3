import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APIS, bundlePath, typesPath } from "../../src/apis.js";

const run = promisify(execFile);
let outDir = "";

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "generated-"));
  await run(process.execPath, ["--import", "tsx", "scripts/build.ts", "--out", outDir, "--no-docs", "--no-lint"]);
}, 120_000);
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
