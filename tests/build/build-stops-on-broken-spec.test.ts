import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { APIS } from "../../src/apis.js";
import { type LintResult, lintApi } from "../../src/build/lint.js";
import { copyProject, type ProjectCopy } from "../support/project-copy.js";
import { runBuildIn, runIn } from "./run-in.js";

// One copy of the project for the whole file; each test breaks one file in it and the edit is undone
// after the test. The build runs in-process (see run-in.ts) and stops at lint, as `npm run build` does.
let copy: ProjectCopy;
const originals = new Map<string, string>();

beforeAll(async () => {
  copy = await copyProject();
});
afterEach(async () => {
  for (const [path, text] of originals) await writeFile(path, text);
  originals.clear();
});
afterAll(async () => {
  await copy?.remove();
});

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const path = join(copy.dir, file);
  const before = await readFile(path, "utf8");
  const after = change(before);
  expect(after, `the edit of ${file} changed nothing`).not.toBe(before);
  if (!originals.has(path)) originals.set(path, before);
  await writeFile(path, after);
}

describe("npm run build on a broken spec", () => {
  it("stops, naming file, line and rule, when an example does not match its schema", async () => {
    const file = "openapi/cloud-databases/examples/createBackup.ha.202.yaml";
    await edit(file, (text) => text.replace('status: "NEW"', 'status: "DONE"'));
    const { ok, output } = await runBuildIn(copy.dir);
    expect(ok).toBe(false);
    expect(output).toMatch(/openapi\/cloud-databases\/examples\/createBackup\.ha\.202\.yaml:8:\d+/);
    expect(output).toContain("no-invalid-media-type-examples");
    expect(output).toContain("nothing was generated");
  });

  it("stops, naming file and line, on a YAML syntax error", async () => {
    const file = "openapi/cloud-databases/components/schemas/Backup.yaml";
    await edit(file, (text) => text.replace("  id:\n", "  id: [\n"));
    const { ok, output } = await runBuildIn(copy.dir);
    expect(ok).toBe(false);
    expect(output).toMatch(/Backup\.yaml:\d+:\d+/);
  });

  it("stops when an operation loses its 4xx responses", async () => {
    await edit("openapi/zcom-compute/paths/backup.yaml", (text) => text.replace(/ {4}"4\d\d":\n {6}\$ref: [^\n]+\n/g, ""));
    const { ok, output } = await runBuildIn(copy.dir);
    expect(ok).toBe(false);
    expect(output).toContain("operation-4xx-response");
    expect(output).toMatch(/openapi\/zcom-compute\/paths\/backup\.yaml:\d+:\d+/);
  });

  it("lints the unbroken copy clean (the failures above are the edits', not the copy's)", async () => {
    // Lint is what the tests above exercise: the build stops right after it.
    const totals: LintResult[] = [];
    const { ok, output } = await runIn(copy.dir, async () => {
      for (const api of APIS) totals.push(await lintApi(api));
    });
    expect(ok, output).toBe(true);
    expect(totals.map(({ errors, warnings }) => ({ errors, warnings }))).toEqual(APIS.map(() => ({ errors: 0, warnings: 0 })));
  });
});
