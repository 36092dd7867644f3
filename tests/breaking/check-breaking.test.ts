import { execFile } from "node:child_process";
import { cp, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { majorOf } from "../../src/breaking/check.js";
import { breakingChanges } from "../../src/breaking/classify.js";
import type { DiffReport } from "../../src/breaking/redocly-diff.js";
import { copyProject, type ProjectCopy } from "../support/project-copy.js";

const SCRIPT = resolve("scripts/check-breaking.ts");

interface Run {
  readonly code: number;
  readonly output: string;
}

/** `npm run check:breaking` in `cwd`: its exit code and everything it printed. */
async function checkBreaking(cwd: string): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", SCRIPT], { cwd });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

// biome-ignore lint/suspicious/noExplicitAny: a bundled spec edited by hand in the test.
type Spec = any;

async function editBundle(copy: ProjectCopy, api: string, edit: (spec: Spec) => void): Promise<void> {
  const file = join(copy.dir, "generated", api, "openapi.yaml");
  const spec = parse(await readFile(file, "utf8")) as Spec;
  edit(spec);
  await writeFile(file, stringify(spec));
}

describe("npm run check:breaking on the project", () => {
  it("passes: generated/ keeps every promise of the baseline in openapi/baseline/", async () => {
    const { code, output } = await checkBreaking(process.cwd());
    expect(output).toContain(
      "cloud-databases: generated/cloud-databases/openapi.yaml against openapi/baseline/cloud-databases/openapi.yaml",
    );
    expect(output).toContain("zcom-compute: generated/zcom-compute/openapi.yaml against openapi/baseline/zcom-compute/openapi.yaml");
    expect(output, output).toContain("check:breaking: passed");
    expect(code, output).toBe(0);
  });
});

describe("npm run check:breaking on a copy with breaking changes", () => {
  let copy: ProjectCopy;
  let broken: Run;
  let bumped: Run;

  beforeAll(async () => {
    copy = await copyProject();
    // The copy's baseline is its own unbroken bundle, released under the baseline's version, so that the
    // breaking changes counted are exactly the edits below, whatever the working spec changed since the
    // last release (and whatever MAJOR it has raised for that).
    for (const api of ["cloud-databases", "zcom-compute"]) {
      const baseline = join(copy.dir, "openapi", "baseline", api, "openapi.yaml");
      const released = (parse(await readFile(baseline, "utf8")) as Spec).info.version;
      await editBundle(copy, api, (spec) => {
        spec.info.version = released;
      });
      await cp(join(copy.dir, "generated", api, "openapi.yaml"), baseline);
    }
    await editBundle(copy, "cloud-databases", (spec) => {
      const schemas = spec.components.schemas;
      const backup = spec.paths["/{accountId}/backups/{backupId}"];
      // Breaking: eight changes.
      delete backup.delete;
      delete backup.get.responses["404"];
      schemas.InstanceBackupCreate.required.push("description");
      schemas.BackupStatus.enum = schemas.BackupStatus.enum.filter((value: string) => value !== "FAILED");
      schemas.HaBackupCreate.properties.instance.type = "string";
      schemas.BackupSourceType.enum = ["instance"];
      delete schemas.Backup.properties.volume_size;
      const list = spec.paths["/{accountId}/backups"].get;
      list.parameters = list.parameters.filter((parameter: { $ref: string }) => !parameter.$ref.endsWith("/Limit"));
      // Not breaking: an optional response property, a looser constraint on a request-only property, a new
      // optional query parameter.
      schemas.Backup.properties.region = { type: "string", description: "added in the test" };
      delete schemas.InstanceBackupCreate.properties.instance.minLength;
      list.parameters.push({ name: "sort", in: "query", required: false, description: "added in the test", schema: { type: "string" } });
    });
    await editBundle(copy, "zcom-compute", (spec) => {
      delete spec.paths[Object.keys(spec.paths).find((path) => spec.paths[path].get?.operationId === "showZcomBackup")!].get;
    });
    broken = await checkBreaking(copy.dir);
    // The same changes, released as a new MAJOR version of each API.
    await editBundle(copy, "cloud-databases", (spec) => {
      spec.info.version = "2.0.0";
    });
    await editBundle(copy, "zcom-compute", (spec) => {
      spec.info.version = "3.0.0";
    });
    bumped = await checkBreaking(copy.dir);
  }, 60_000);
  afterAll(async () => {
    await copy?.remove();
  });

  it("fails with exit code 1 and counts exactly the breaking changes of each API", () => {
    expect(broken.code, broken.output).toBe(1);
    expect(broken.output).toContain("✖ 8 breaking changes: raise the MAJOR of info.version in openapi/cloud-databases/openapi.yaml");
    expect(broken.output).toContain("✖ 1 breaking change: raise the MAJOR of info.version in openapi/zcom-compute/openapi.yaml");
    expect(broken.output).toContain("check:breaking: failed: 2 APIs have breaking changes without a MAJOR version bump");
  });

  it.each([
    [
      "a removed operation",
      "✖ DELETE /{accountId}/backups/{backupId} (deleteBackup)",
      "Operation `DELETE /{accountId}/backups/{backupId}` was removed.",
    ],
    ["a removed response code", "✖ GET /{accountId}/backups/{backupId} (showBackup) — response 404", "Response `404` was removed."],
    [
      "a request property made required",
      "✖ POST /{accountId}/backups (createBackup) — request body backup<oneOf 0>",
      "Properties of `InstanceBackupCreate` became required: `description`.",
    ],
    [
      "an enum value removed from a response",
      "✖ GET /{accountId}/backups (listBackups) — response 200 body backups[].status",
      "Enum of `status` lost values: 'FAILED'",
    ],
    [
      "a request type narrowed",
      "✖ POST /{accountId}/backups (createBackup) — request body backup<oneOf 1>.instance",
      "Type of `instance` narrowed from 'string | null' to 'string'.",
    ],
    ["a request enum narrowed", "defined at #/components/schemas/BackupSourceType/enum", "Enum of `type` lost values: 'ha'."],
    [
      "a removed response property",
      "✖ GET /{accountId}/backups (listBackups) — response 200 body backups[].volume_size",
      "Property `volume_size` of `Backup` was removed.",
    ],
    ["a removed parameter", "✖ GET /{accountId}/backups (listBackups) — query parameter limit", "`limit` query parameter was removed."],
  ])("names %s: operation, place and change", (_what, where, message) => {
    expect(broken.output).toContain(where);
    expect(broken.output).toContain(message);
  });

  it("names a removed Z.com operation", () => {
    expect(broken.output).toContain("✖ GET /{tenant_id}/backup/{backup_id} (showZcomBackup)");
  });

  it("passes once each API's info.version MAJOR is raised, still listing what breaks", () => {
    expect(bumped.code, bumped.output).toBe(0);
    expect(bumped.output).toContain("✔ 8 breaking changes, allowed: the MAJOR of info.version was raised (info.version 1.0.0 → 2.0.0).");
    expect(bumped.output).toContain("✔ 1 breaking change, allowed: the MAJOR of info.version was raised (info.version 2.0.0 → 3.0.0).");
    expect(bumped.output).toContain("• DELETE /{accountId}/backups/{backupId} (deleteBackup)");
    expect(bumped.output).toContain("check:breaking: passed");
  });
});

describe("breaking-change rules of this project", () => {
  const report = (changes: DiffReport["changes"]): DiffReport => ({
    reportVersion: "1",
    infoVersions: {},
    summary: { major: 0, minor: 0, patch: 0 },
    changes,
  });
  const enumChange = (path: string, before: unknown[], after: unknown[]) => ({
    path,
    typeName: "Schema",
    kind: "modified" as const,
    impact: "patch" as const,
    verdicts: [],
    property: "enum",
    base: { file: "base.yaml", pointer: "#/components/schemas/Status/enum", value: before },
    revision: { file: "revision.yaml", pointer: "#/components/schemas/Status/enum", value: after },
  });
  const responsePath = "#/paths/~1things/get/responses/200/content/application~1json/schema/properties/status";

  it("a response enum that loses a value breaks; one that only keeps or gains values does not", () => {
    expect(breakingChanges(report([enumChange(responsePath, ["A", "B"], ["A"])]), {}, {})).toEqual([
      {
        operation: "GET /things",
        where: "response 200 body status",
        message: "Enum of `status` lost values: 'B'; typed consumers that compare with them no longer compile.",
        rule: "response-enum-values-removed",
        definedAt: "#/components/schemas/Status/enum",
      },
    ]);
    expect(breakingChanges(report([enumChange(responsePath, ["A"], ["A", "B"])]), {}, {})).toEqual([]);
    expect(breakingChanges(report([enumChange(responsePath, ["A", "B"], ["B", "A"])]), {}, {})).toEqual([]);
  });

  it("only Redocly's major verdicts count among its own", () => {
    const minor = { ...enumChange(responsePath, [], []), property: undefined, kind: "added" as const, impact: "minor" as const };
    const verdict = { ruleId: "some-rule", impact: "minor" as const, message: "Added." };
    expect(breakingChanges(report([{ ...minor, verdicts: [verdict] }]), {}, {})).toEqual([]);
  });

  it("reads the MAJOR of info.version", () => {
    expect(majorOf("1.0.0")).toBe(1);
    expect(majorOf("v2.1")).toBe(2);
    expect(majorOf("10")).toBe(10);
    expect(majorOf("beta")).toBeUndefined();
    expect(majorOf(undefined)).toBeUndefined();
  });
});
