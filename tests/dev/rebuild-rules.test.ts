import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { classifyChanges } from "../../src/dev/changes.js";
import { checkErrata } from "../../src/dev/errata-check.js";
import { injectReloadScript, RELOAD_SCRIPT } from "../../src/dev/live-reload.js";
import { typesInputOf } from "../../src/dev/types-input.js";

describe("what an edit makes npm run dev rebuild", () => {
  it("rebuilds the API whose folder changed, checks errata and workflows, and names what nothing is built from", () => {
    const changes = classifyChanges([
      "openapi/zcom-compute/examples/listZcomBackups.200.yaml",
      "openapi/errata.yaml",
      "openapi/workflows/zcom-compute.arazzo.yaml",
      "openapi/sources/README.md",
    ]);
    expect([...changes.apis]).toEqual(["zcom-compute"]);
    expect(changes.errata).toBe(true);
    expect(changes.workflows).toBe(true);
    expect(changes.ignored).toEqual(["openapi/sources/README.md"]);
  });

  it("rebuilds every API when the lint configuration changes", () => {
    expect([...classifyChanges([".redocly.lint-ignore.yaml"]).apis].sort()).toEqual(["cloud-databases", "zcom-compute"]);
  });

  it("skips the types for an example or code-sample edit, not for a schema edit", async () => {
    const bundle = parse(await readFile("generated/cloud-databases/openapi.yaml", "utf8"));
    // biome-ignore lint/suspicious/noExplicitAny: a bundle edited by hand.
    const edit = (change: (spec: any) => void) => {
      const spec = structuredClone(bundle);
      change(spec);
      return typesInputOf(spec);
    };
    const before = typesInputOf(bundle);
    expect(edit((spec) => (spec.components.examples["listBackups.200"].value.backups[0].name = "renamed"))).toBe(before);
    expect(edit((spec) => (spec.paths["/{accountId}/backups"].get["x-codeSamples"][0].source = "// edited"))).toBe(before);
    expect(edit((spec) => (spec.components.schemas.BackupStatus.enum = ["NEW"]))).not.toBe(before);
    expect(edit((spec) => (spec.components.schemas.Backup.description = "edited"))).not.toBe(before);
  });
});

describe("the page script of npm run dev", () => {
  it("goes right before the closing body tag, or at the end of a page without one", () => {
    expect(injectReloadScript("<html><body><p>x</p></body></html>")).toBe(`<html><body><p>x</p>${RELOAD_SCRIPT}</body></html>`);
    expect(injectReloadScript("<p>x</p>")).toBe(`<p>x</p>${RELOAD_SCRIPT}`);
  });
});

describe("an errata edit, checked by npm run dev", () => {
  let dir: string;
  let text: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "dev-errata-"));
    text = await readFile("openapi/errata.yaml", "utf8");
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const check = async (content: string) => {
    const file = join(dir, "errata.yaml");
    await writeFile(file, content);
    return { file, problems: await checkErrata(file) };
  };

  it("passes the project's register", async () => {
    expect(await checkErrata()).toEqual([]);
  });

  it("names file and line of a YAML syntax error", async () => {
    const line = text.split("\n").findIndex((candidate) => candidate.includes("page_says:")) + 1;
    const { file, problems } = await check(text.replace("page_says:", "page_says: [\n"));
    expect(problems[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:${line + 1}:\\d+ error yaml: `));
  });

  it("names file, line and field of an entry that does not match errata.schema.json", async () => {
    const first = text.split("\n").findIndex((candidate) => /^ {2}- id: /.test(candidate)) + 1;
    const { file, problems } = await check(text.replace("page_says:", "page_sayz:"));
    expect(problems).toContain(`${file}:${first}:5 error errata.schema.json: /errata/0 must have required property 'page_says'`);
  });
});
