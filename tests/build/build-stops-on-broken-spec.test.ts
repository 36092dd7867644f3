import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyProject, type ProjectCopy } from "../support/project-copy.js";

const run = promisify(execFile);
const BUILD = resolve("scripts/build.ts");
let copy: ProjectCopy;

beforeEach(async () => {
  copy = await copyProject();
});
afterEach(async () => {
  await copy.remove();
});

async function build(): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", BUILD, "--out", "out", "--no-docs"], {
      cwd: copy.dir,
      env: { ...process.env, NO_COLOR: "1" },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, output: failure.stdout + failure.stderr };
  }
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const path = join(copy.dir, file);
  const before = await readFile(path, "utf8");
  const after = change(before);
  expect(after, `the edit of ${file} changed nothing`).not.toBe(before);
  await writeFile(path, after);
}

describe("npm run build on a broken spec", () => {
  it("stops with exit 1, naming file, line and rule, when an example does not match its schema", async () => {
    const file = "openapi/cloud-databases/examples/createBackup.ha.202.yaml";
    await edit(file, (text) => text.replace('status: "NEW"', 'status: "DONE"'));
    const { code, output } = await build();
    expect(code).toBe(1);
    expect(output).toMatch(/openapi\/cloud-databases\/examples\/createBackup\.ha\.202\.yaml:8:\d+/);
    expect(output).toContain("no-invalid-media-type-examples");
    expect(output).toContain("nothing was generated");
  });

  it("stops with exit 1, naming file and line, on a YAML syntax error", async () => {
    const file = "openapi/cloud-databases/components/schemas/Backup.yaml";
    await edit(file, (text) => text.replace("  id:\n", "  id: [\n"));
    const { code, output } = await build();
    expect(code).toBe(1);
    expect(output).toMatch(/Backup\.yaml:\d+:\d+/);
  });

  it("stops with exit 1 when an operation loses its 4xx responses", async () => {
    await edit("openapi/zcom-compute/paths/backup.yaml", (text) => text.replace(/ {4}"4\d\d":\n {6}\$ref: [^\n]+\n/g, ""));
    const { code, output } = await build();
    expect(code).toBe(1);
    expect(output).toContain("operation-4xx-response");
    expect(output).toMatch(/openapi\/zcom-compute\/paths\/backup\.yaml:\d+:\d+/);
  });

  it("succeeds on the unbroken copy (the failures above are the edits', not the copy's)", async () => {
    const { code, output } = await build();
    expect(output).toContain("lint: 0 errors, 0 warnings");
    expect(code).toBe(0);
  });
});
