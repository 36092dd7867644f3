import { describe, expect, it } from "vitest";
import { APIS } from "../../src/apis.js";
import { loadBundle } from "../../src/spec/load-bundle.js";
import { listMediaExamples } from "../../src/spec/operations.js";
import { createSchemaValidator, formatSchemaErrors } from "../../src/spec/schema-validator.js";

for (const api of APIS) {
  const spec = loadBundle(api);
  const validator = createSchemaValidator(spec);
  const examples = listMediaExamples(spec);

  describe(`${api.id}: every example validates against its schema (ajv, JSON Schema 2020-12, formats on)`, () => {
    it("has examples to check", () => {
      expect(examples.length).toBeGreaterThan(0);
    });
    for (const example of examples) {
      const where = example.kind === "request" ? "request" : `${example.status} response`;
      it(`${example.operation.operationId} ${where} example "${example.name}"`, () => {
        const errors = validator.errors(example.schemaPointer, example.example.value);
        expect(errors, formatSchemaErrors(errors)).toEqual([]);
      });
    }
  });
}

describe("the validator rejects what the schemas forbid", () => {
  const spec = loadBundle(APIS[0]!);
  const validator = createSchemaValidator(spec);
  const createSchema = "#/components/schemas/CreateBackupRequest";
  it("refuses a backup name of 65 characters", () => {
    const body = { backup: { name: "x".repeat(65), instance: "d4603f69-ec7e-4e9b-803f-600b9205576f" } };
    expect(validator.errors(createSchema, body).some((error) => error.keyword === "maxLength")).toBe(true);
  });
  it("accepts a backup name of exactly 64 characters", () => {
    const body = { backup: { name: "x".repeat(64), instance: "d4603f69-ec7e-4e9b-803f-600b9205576f" } };
    expect(validator.errors(createSchema, body)).toEqual([]);
  });
  it("refuses an HA backup that also names an instance", () => {
    const body = { backup: { name: "b", instance: "abc", source: { type: "ha", id: "130922a2-b9ab-4e95-86be-9c5d79171b5e" } } };
    expect(validator.errors(createSchema, body)).not.toEqual([]);
  });
  it("refuses an HA backup without its source", () => {
    expect(validator.errors(createSchema, { backup: { name: "b", instance: null } })).not.toEqual([]);
  });
  it("accepts fields it does not know, as the server does, and python-troveclient's incremental flag", () => {
    const base = { name: "b", instance: "d4603f69-ec7e-4e9b-803f-600b9205576f" };
    expect(validator.errors(createSchema, { backup: { ...base, descripton: "typo" } })).toEqual([]);
    expect(validator.errors(createSchema, { backup: { ...base, incremental: 1 } })).toEqual([]);
  });
  // What upstream Trove 18 refuses with 400 (trove/common/apischema.py: `non_empty_string`, `uuid`,
  // `boolean_string`), and the spec must refuse too.
  it.each([
    ["an empty name", { name: "" }],
    ["a name without a letter or digit", { name: "--" }],
    ["a null description", { description: null }],
    ["an empty description", { description: "" }],
    ["a description without a letter or digit", { description: "..." }],
    ["a null parent_id", { parent_id: null }],
    ["a parent_id that is not a UUID", { parent_id: "parent" }],
    ["incremental true", { incremental: true }],
    ["incremental 2", { incremental: 2 }],
    ["an instance that is not a UUID", { instance: "my-instance" }],
  ])("refuses %s in a create body", (_what, change) => {
    const body = { backup: { name: "b", instance: "d4603f69-ec7e-4e9b-803f-600b9205576f", ...change } };
    expect(validator.errors(createSchema, body)).not.toEqual([]);
  });
  it("refuses a restore whose backupRef is not a UUID", () => {
    const instance = { name: "r", flavorRef: 1, volume: { size: 2 }, restorePoint: { backupRef: "latest" } };
    expect(validator.errors("#/components/schemas/RestoreBackupRequest", { instance })).not.toEqual([]);
    const good = { ...instance, restorePoint: { backupRef: "61f12fef-edb1-4561-8122-e7c00ef26a82" } };
    expect(validator.errors("#/components/schemas/RestoreBackupRequest", { instance: good })).toEqual([]);
  });
  it("refuses a schedule that names neither instance_id nor source_id", () => {
    const schedule = { action: "backup", day_of_week: 0, hour: 14, minute: 30 };
    expect(validator.errors("#/components/schemas/CreateScheduleRequest", { schedule })).not.toEqual([]);
    expect(
      validator.errors("#/components/schemas/CreateScheduleRequest", { schedule: { ...schedule, source_id: "h", source_type: "ha" } }),
    ).toEqual([]);
  });
  it("refuses a schedule hour of 24 and a day_of_week of 8", () => {
    const schedule = { action: "backup", day_of_week: 0, hour: 14, minute: 30, instance_id: "i" };
    expect(validator.errors("#/components/schemas/CreateScheduleRequest", { schedule: { ...schedule, hour: 24 } })).not.toEqual([]);
    expect(validator.errors("#/components/schemas/CreateScheduleRequest", { schedule: { ...schedule, day_of_week: 8 } })).not.toEqual([]);
  });
  it("refuses a restore without restorePoint.backupRef", () => {
    const instance = { flavorRef: 1, volume: { size: 2 }, restorePoint: {} };
    expect(validator.errors("#/components/schemas/RestoreBackupRequest", { instance })).not.toEqual([]);
  });
  it("accepts an unknown field inside the create request's source, and in a response's source", () => {
    const source = { type: "ha", id: "130922a2-b9ab-4e95-86be-9c5d79171b5e" };
    expect(validator.errors(createSchema, { backup: { name: "b", instance: null, source } })).toEqual([]);
    expect(validator.errors(createSchema, { backup: { name: "b", instance: null, source: { ...source, region: "dfw" } } })).toEqual([]);
    expect(validator.errors("#/components/schemas/BackupSource", { ...source, region: "dfw" })).toEqual([]);
  });
  it("refuses a backup status no state machine has", () => {
    expect(validator.errors("#/components/schemas/BackupStatus", "DONE")).not.toEqual([]);
  });
  it("accepts a backup with fields the pages do not show (responses stay open)", () => {
    const backup = {
      id: "0c1b5616-fdc5-45ae-b2dc-6f1440d55d0e",
      name: "n",
      description: null,
      status: "NEW",
      created: "2015-08-31T22:16:25Z",
      updated: "2015-08-31T22:16:25Z",
      size: null,
      instance_id: null,
      parent_id: null,
      locationRef: null,
      project_id: "1234",
    };
    expect(validator.errors("#/components/schemas/Backup", backup)).toEqual([]);
  });
});
