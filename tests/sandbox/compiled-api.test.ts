// The sandbox's per-process cache of parsed bundles and compiled validators (src/sandbox/compiled-api.ts):
// a second sandbox on the same bundle reuses them; a bundle whose bytes changed (npm run dev after an edit)
// is read and compiled anew, and its validators follow the new spec.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiById } from "../../src/apis.js";
import { compiledApi } from "../../src/sandbox/compiled-api.js";

const api = apiById("cloud-databases");
const options = { rejectUnknownFields: false, validateResponses: false };
let outDir = "";

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "compiled-api-"));
  await cp(join("generated", api.id), join(outDir, api.id), { recursive: true });
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe("compiledApi", () => {
  it("gives a second sandbox the same parsed spec and validators while the bundle's bytes stay the same", () => {
    const first = compiledApi(api, options, outDir);
    const second = compiledApi(api, options, outDir);
    expect(second.spec).toBe(first.spec);
    expect(second.validators).toBe(first.validators);
    expect(second.checkResponse).toBeUndefined();
  });

  it("compiles what an option asks for without rebuilding the rest", () => {
    const plain = compiledApi(api, options, outDir);
    const strict = compiledApi(api, { rejectUnknownFields: true, validateResponses: true }, outDir);
    expect(strict.spec).toBe(plain.spec);
    expect(strict.validators).not.toBe(plain.validators);
    expect(strict.checkResponse).toBeTypeOf("function");
  });

  it("reads a bundle whose bytes changed anew, and validates by the new spec", async () => {
    const before = compiledApi(api, options, outDir);
    const create = before.validators.get("createBackup")!;
    const body = { backup: { name: "n", instance: "d4603f69-ec7e-4e9b-803f-600b9205576f" } };
    expect(() => create.body(body)).not.toThrow();

    // The same edit a spec author could make: the backup's name now needs 40 characters at least.
    const file = join(outDir, api.id, "openapi.yaml");
    const text = await readFile(file, "utf8");
    const edited = text.replace(
      /(\n {4}InstanceBackupCreate:[\s\S]*?\n {8}name:\n)/,
      "$1          type: string\n          minLength: 40\n",
    );
    expect(edited).not.toBe(text);
    await writeFile(file, edited);

    const after = compiledApi(api, options, outDir);
    expect(after.spec).not.toBe(before.spec);
    expect(() => after.validators.get("createBackup")!.body(body)).toThrow(/name/);
    // The old sandbox's validators are untouched by the new bundle.
    expect(() => create.body(body)).not.toThrow();
  });
});
