import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { majorOf } from "../../src/breaking/check.js";
import { breakingChanges } from "../../src/breaking/classify.js";
import { ComponentUses } from "../../src/breaking/reach.js";
import type { DiffReport } from "../../src/breaking/redocly-diff.js";
import { runScript } from "../support/run-script.js";

const SCRIPT = resolve("scripts/check-breaking.ts");

interface Run {
  readonly code: number | null;
  readonly output: string;
}

/** `npm run check:breaking -- <args>` in the project: its exit code and everything it printed. */
async function checkBreaking(args: readonly string[] = []): Promise<Run> {
  const { code, stdout, stderr } = await runScript(SCRIPT, args);
  return { code, output: stdout + stderr };
}

// biome-ignore lint/suspicious/noExplicitAny: a bundled spec edited by hand in the test.
type Spec = any;

/** Writes `<dir>/<api>/openapi.yaml`: the project's bundle of `api` after `edit`. */
async function writeEditedBundle(dir: string, api: string, edit: (spec: Spec) => void): Promise<void> {
  const spec = parse(await readFile(join("generated", api, "openapi.yaml"), "utf8")) as Spec;
  edit(spec);
  await mkdir(join(dir, api), { recursive: true });
  await writeFile(join(dir, api, "openapi.yaml"), stringify(spec));
}

function breakCloudDatabases(spec: Spec): void {
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
}

/** The lines the report gives one change: from the line with `message` to the next change. */
function changeBlock(output: string, message: string): string {
  const lines = output.split("\n");
  const start = lines.findIndex((line) => line.includes(message));
  expect(start, `no change "${message}" in:\n${output}`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((line, index) => index > start && /^\s+[✖•✔] /.test(line));
  return lines.slice(start, end < 0 ? undefined : end).join("\n");
}

describe("npm run check:breaking", () => {
  let dir: string;
  let project: Run;
  /** Both APIs broken; Z.com released as a new MAJOR, Cloud Databases not. */
  let broken: Run;
  let zcomVersions: { released: string; raised: string };

  // Both checks run at once: each spends its time in `redocly diff` child processes.
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "check-breaking-"));
    // The broken bundles are measured against the project's bundles as they are, released, so that the
    // breaking changes counted are exactly the edits here, whatever the spec changed since its last release.
    for (const api of ["cloud-databases", "zcom-compute"]) await writeEditedBundle(join(dir, "released"), api, () => undefined);
    await writeEditedBundle(join(dir, "broken"), "cloud-databases", breakCloudDatabases);
    await writeEditedBundle(join(dir, "broken"), "zcom-compute", (spec) => {
      delete spec.paths[Object.keys(spec.paths).find((path) => spec.paths[path].get?.operationId === "showZcomBackup")!].get;
      zcomVersions = { released: spec.info.version, raised: `${(majorOf(spec.info.version) ?? 0) + 1}.0.0` };
      spec.info.version = zcomVersions.raised;
    });
    [project, broken] = await Promise.all([
      checkBreaking(),
      checkBreaking(["--baseline-dir", join(dir, "released"), "--revision-dir", join(dir, "broken")]),
    ]);
  }, 60_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("passes on the project: generated/ keeps every promise of the baseline in openapi/baseline/", () => {
    const { code, output } = project;
    expect(output).toContain(
      "cloud-databases: generated/cloud-databases/openapi.yaml against openapi/baseline/cloud-databases/openapi.yaml",
    );
    expect(output).toContain("zcom-compute: generated/zcom-compute/openapi.yaml against openapi/baseline/zcom-compute/openapi.yaml");
    expect(output, output).toContain("check:breaking: passed");
    expect(code, output).toBe(0);
  });

  it("fails with exit code 1 and counts exactly the breaking changes of each API", () => {
    expect(broken.code, broken.output).toBe(1);
    expect(broken.output).toContain("✖ 8 breaking changes: raise the MAJOR of info.version in openapi/cloud-databases/openapi.yaml");
    expect(broken.output).toContain("check:breaking: failed: 1 API has breaking changes without a MAJOR version bump");
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

  it("names every operation that a changed shared schema reaches, not only the first one Redocly met", () => {
    // Backup.status is a BackupStatus, and these operations answer with a Backup (BackupList or
    // BackupResponse); deleteBackup, restoreBackup, the schedules and showHaInstance answer with none.
    const status = changeBlock(broken.output, "Enum of `status` lost values: 'FAILED'");
    expect(status).toContain("defined at #/components/schemas/BackupStatus/enum, used by 5 operations:");
    for (const use of [
      "GET /{accountId}/backups (listBackups) — response 200",
      "POST /{accountId}/backups (createBackup) — response 202",
      "GET /{accountId}/backups/{backupId} (showBackup) — response 200",
      "GET /{accountId}/instances/{instanceId}/backups (listInstanceBackups) — response 200",
      "GET /{accountId}/ha/{haId}/backups (listHaInstanceBackups) — response 200",
    ]) {
      expect(status).toContain(use);
    }
    for (const unaffected of ["deleteBackup", "restoreBackup", "Schedule", "showHaInstance"]) expect(status).not.toContain(unaffected);
    // BackupSourceType is the `type` of a backup's and a schedule's source, in the create requests too.
    const sourceType = changeBlock(broken.output, "Enum of `type` lost values: 'ha'.");
    expect(sourceType).toContain("POST /{accountId}/backups (createBackup) — request body, response 202");
    expect(sourceType).toMatch(/POST \/\{accountId\}\/schedules? \(createSchedule\) — request body/);
    expect(sourceType).toContain("(listSchedules) — response 200");
  });

  it("passes an API whose MAJOR was raised, still listing what breaks: Z.com, whose only change is a removed operation", () => {
    expect(broken.output).toContain("• GET /{tenant_id}/backup/{backup_id} (showZcomBackup)");
    expect(broken.output).toContain(
      `✔ 1 breaking change, allowed: the MAJOR of info.version was raised (info.version ${zcomVersions.released} → ${zcomVersions.raised}).`,
    );
    // The failure counts Cloud Databases only.
    expect(broken.output).toContain("check:breaking: failed: 1 API has breaking changes without a MAJOR version bump");
  });
});

describe("which operations use a component", () => {
  const document = {
    paths: {
      "/things/{id}": {
        parameters: [{ $ref: "#/components/parameters/Id" }],
        get: {
          operationId: "showThing",
          responses: { "200": { $ref: "#/components/responses/Thing" }, "404": { $ref: "#/components/responses/Error" } },
        },
        put: {
          operationId: "replaceThing",
          requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } },
          responses: { "204": { description: "replaced" } },
        },
      },
      "/errors": { get: { responses: { "200": { $ref: "#/components/responses/Error" } } } },
    },
    components: {
      parameters: { Id: { name: "id", in: "path", required: true, schema: { $ref: "#/components/schemas/Id" } } },
      responses: {
        Thing: { description: "a thing", content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } },
        Error: { description: "an error", content: { "application/json": { schema: { type: "string" } } } },
      },
      schemas: {
        Id: { type: "string" },
        // A tree: a thing's parts are things (a cycle), with a status.
        Thing: {
          type: "object",
          properties: {
            parts: { type: "array", items: { $ref: "#/components/schemas/Thing" } },
            status: { $ref: "#/components/schemas/Status" },
          },
        },
        Status: { enum: ["on", "off"] },
      },
    },
  };
  const uses = new ComponentUses(document);

  it("follows $refs through response components and cycles, to each part of each operation", () => {
    expect(uses.operationsUsing("#/components/schemas/Status/enum")).toEqual([
      { operation: "GET /things/{id} (showThing)", parts: ["response 200"] },
      { operation: "PUT /things/{id} (replaceThing)", parts: ["request body"] },
    ]);
  });

  it("counts path-level parameters for every operation of the path, named by place and name", () => {
    expect(uses.operationsUsing("#/components/schemas/Id")).toEqual([
      { operation: "GET /things/{id} (showThing)", parts: ["path parameter id"] },
      { operation: "PUT /things/{id} (replaceThing)", parts: ["path parameter id"] },
    ]);
    expect(uses.operationsUsing("#/components/responses/Error").map((use) => use.operation)).toEqual([
      "GET /things/{id} (showThing)",
      "GET /errors",
    ]);
  });

  it("finds nothing for a pointer outside components", () => {
    expect(uses.operationsUsing("#/paths/~1errors/get")).toEqual([]);
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
