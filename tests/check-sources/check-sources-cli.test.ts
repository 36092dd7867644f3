import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { resolvePointer } from "../../src/spec/json-pointer.js";
import type { ExampleObject, OpenApiDocument } from "../../src/spec/openapi-types.js";
import { copyProject } from "../support/project-copy.js";

const run = promisify(execFile);
const CHECKER = resolve("scripts/check-sources.ts");
const CLOUD_DATABASES = "generated/cloud-databases/openapi.yaml";

async function check(cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", CHECKER], { cwd, env: { ...process.env, ...env } });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, output: failure.stdout + failure.stderr };
  }
}

/** Runs the checker on a copy of the project after `mutate` has changed it; removes the copy after. */
async function checkMutated(mutate: (dir: string) => Promise<void>): Promise<{ code: number; output: string }> {
  const copy = await copyProject();
  try {
    await mutate(copy.dir);
    return await check(copy.dir);
  } finally {
    await copy.remove();
  }
}

/** Parses a YAML file of the copy, lets `change` edit it in place, writes it back. */
async function editYaml<T>(dir: string, file: string, change: (document: T) => void): Promise<void> {
  const path = join(dir, file);
  const document = parse(await readFile(path, "utf8")) as T;
  change(document);
  await writeFile(path, stringify(document));
}

/** The example object a response's `examples` entry refers to (following a component $ref). */
function responseExample(spec: OpenApiDocument, path: string, method: "get", status: string, name: string): ExampleObject {
  const response = spec.paths[path]![method]!.responses[status]! as { content: Record<string, { examples: Record<string, unknown> }> };
  const entry = response.content["application/json"]!.examples[name] as { $ref?: string } & ExampleObject;
  return entry.$ref ? (resolvePointer(spec, entry.$ref) as ExampleObject) : entry;
}

describe.concurrent("npm run check:sources", () => {
  it("passes on the real pages and specs: exit 0 and a one-line summary", async () => {
    const { code, output } = await check(process.cwd());
    expect(code, output).toBe(0);
    expect(output).toMatch(/^check:sources: no differences — 5 pages checked against generated\/ \(5 operations, /m);
    expect(output).not.toContain("›");
  });

  it("lists spec operations that no page documents as info, not as differences", async () => {
    const { code, output } = await checkMutated((dir) =>
      editYaml<OpenApiDocument>(dir, CLOUD_DATABASES, (spec) => {
        spec.paths["/{accountId}/extra"] = {
          get: { operationId: "listExtras", responses: { "200": { description: "OK" } } },
        };
      }),
    );
    expect(code, output).toBe(0);
    expect(output).toContain(
      "info: cloud-databases GET /{version}/{accountId}/extra (listExtras): not on the source pages (from upstream sources)",
    );
  });

  it("fails naming page, table and row when a documented response code is dropped", async () => {
    const { code, output } = await checkMutated((dir) =>
      editYaml<OpenApiDocument>(dir, CLOUD_DATABASES, (spec) => {
        delete spec.paths["/{accountId}/backups"]!.get!.responses["413"];
      }),
    );
    expect(code, output).toBe(1);
    expect(output).toContain('002_dc759b80c62f7310.txt › response codes › row 413 "Over Limit": missing in spec listBackups');
    expect(output).toMatch(/^check:sources: 1 difference — /m);
  });

  it("fails when a response's name differs from the page's", async () => {
    const { code, output } = await checkMutated((dir) =>
      editYaml<OpenApiDocument>(dir, CLOUD_DATABASES, (spec) => {
        const overLimit = spec.components!.responses!.OverLimit as { description: string };
        overLimit.description = overLimit.description.replace(/^Over Limit:/, "Too Many Requests:");
      }),
    );
    expect(code, output).toBe(1);
    expect(output).toContain(
      '003_f4e7186ad758f2d8.txt › response codes › row 413 "Over Limit": spec createBackup names response 413 "Too Many Requests"',
    );
  });

  it("fails naming every page whose URI parameter the spec renames", async () => {
    const { code, output } = await checkMutated((dir) =>
      editYaml<OpenApiDocument>(dir, CLOUD_DATABASES, (spec) => {
        (spec.components!.parameters!.AccountId as { name: string }).name = "account_id";
      }),
    );
    expect(code, output).toBe(1);
    expect(output).toContain(
      '000_4299ba6793f28358.txt › URI parameters › row {accountId}: no path parameter "accountId" in spec listHaInstanceBackups',
    );
    expect(output).toContain(
      '002_dc759b80c62f7310.txt › URI parameters › row {accountId}: no path parameter "accountId" in spec listBackups',
    );
    expect(output).toContain("spec listBackups's path parameters: account_id");
  });

  it("fails when a query parameter disappears, for its table row and for the example request that uses it", async () => {
    const { code, output } = await checkMutated((dir) =>
      editYaml<OpenApiDocument>(dir, CLOUD_DATABASES, (spec) => {
        delete spec.paths["/{accountId}/backups"]!.get!.parameters;
      }),
    );
    expect(code, output).toBe(1);
    expect(output).toContain(
      '002_dc759b80c62f7310.txt › query parameters › row datastore: no query parameter "datastore" in spec listBackups',
    );
    expect(output).toContain(
      '002_dc759b80c62f7310.txt › example "Example List backups query request: JSON" (line 122) › request GET /v1.0/1234/backups?datastore=mysql: query parameter "datastore" is not declared by spec listBackups',
    );
  });

  it("fails when a query parameter's required flag differs from the page's (Optional)", async () => {
    const { code, output } = await checkMutated((dir) =>
      editYaml<OpenApiDocument>(dir, CLOUD_DATABASES, (spec) => {
        (spec.components!.parameters!.DatastoreFilter as { required: boolean }).required = true;
      }),
    );
    expect(code, output).toBe(1);
    expect(output).toContain(
      "002_dc759b80c62f7310.txt › query parameters › row datastore: required is true in spec listBackups, the page makes it optional",
    );
  });

  it("fails showing the differing value when a spec example no longer equals its page example", async () => {
    const { code, output } = await checkMutated((dir) =>
      editYaml<OpenApiDocument>(dir, CLOUD_DATABASES, (spec) => {
        const example = responseExample(spec, "/{accountId}/backups", "get", "200", "listBackups.200");
        (example.value as { backups: { size: number }[] }).backups[0]!.size = 0.5;
      }),
    );
    expect(code, output).toBe(1);
    expect(output).toContain(
      '002_dc759b80c62f7310.txt › example "Example List backups: JSON response" (line 147) › spec listBackups.200: differs from the page example and no erratum in openapi/errata.yaml explains this',
    );
    expect(output).toContain("/backups/0/size: page 0.141026, spec 0.5");
  });

  it("fails when an erratum is removed but the spec still deviates from the page", async () => {
    const { code, output } = await checkMutated((dir) =>
      editYaml<{ errata: { id: string }[] }>(dir, "openapi/errata.yaml", (register) => {
        register.errata = register.errata.filter((entry) => entry.id !== "CDB-001-SINGLE-OBJECT");
      }),
    );
    expect(code, output).toBe(1);
    expect(output).toContain(
      '001_4ac86198ad1e3b20.txt › example "Example List backups for instance: JSON response" (line 99) › spec listInstanceBackups.200: differs from the page example and no erratum in openapi/errata.yaml explains this',
    );
    expect(output).toContain("/backup: page {");
  });

  it("fails when an erratum is no longer needed because the spec example is the page's own", async () => {
    const { code, output } = await checkMutated((dir) =>
      editYaml<OpenApiDocument>(dir, CLOUD_DATABASES, (spec) => {
        const example = responseExample(spec, "/{accountId}/instances/{instanceId}/backups", "get", "200", "listInstanceBackups.200");
        const [backup] = (example.value as { backups: unknown[] }).backups;
        example.value = { backup };
      }),
    );
    expect(code, output).toBe(1);
    expect(output).toContain(
      "001_4ac86198ad1e3b20.txt › erratum CDB-001-SINGLE-OBJECT: the page example already equals spec example listInstanceBackups.200 without the correction: the erratum is no longer needed",
    );
  });

  it("fails when maxLength of the backup name differs from the page's length table", async () => {
    const { code, output } = await checkMutated((dir) =>
      editYaml<OpenApiDocument>(dir, CLOUD_DATABASES, (spec) => {
        (spec.components!.schemas!.BackupName as { maxLength: number }).maxLength = 65;
      }),
    );
    expect(code, output).toBe(1);
    expect(output).toContain(
      '003_f4e7186ad758f2d8.txt › length restrictions › row "name maximum length": name has maxLength 65 in InstanceBackupCreate, maxLength 65 in HaBackupCreate in spec createBackup, the page says 64',
    );
  });

  it("fails when a request attribute's required flag differs from the page's", async () => {
    const { code, output } = await checkMutated((dir) =>
      editYaml<OpenApiDocument>(dir, CLOUD_DATABASES, (spec) => {
        const ha = spec.components!.schemas!.HaBackupCreate as { required: string[] };
        ha.required = ha.required.filter((name) => name !== "name");
        const instance = spec.components!.schemas!.InstanceBackupCreate as { required: string[] };
        instance.required = [...instance.required, "source"];
      }),
    );
    expect(code, output).toBe(1);
    expect(output).toContain(
      '003_f4e7186ad758f2d8.txt › request attributes › row name: the page says required "Yes", but spec createBackup does not require it in HaBackupCreate',
    );
    expect(output).toContain(
      '003_f4e7186ad758f2d8.txt › request attributes › row source: the page says required "Yes (to create HA group backups)" (only in some cases), but spec createBackup requires it in every branch (InstanceBackupCreate, HaBackupCreate)',
    );
  });

  it("fails when the page's operation is not in the spec, even through its path erratum", async () => {
    const { code, output } = await checkMutated((dir) =>
      editYaml<OpenApiDocument>(dir, "generated/zcom-compute/openapi.yaml", (spec) => {
        spec.servers = [{ url: "https://compute.tyo1.cloud.z.com/v3" }];
      }),
    );
    expect(code, output).toBe(1);
    expect(output).toContain(
      "004_cb504e2c3e81a721.txt › operation GET /v1/{tenant_id}/backup: missing in the specs (errata ZCOM-004-PATH-VERSION maps it to GET /v2/{tenant_id}/backup)",
    );
  });

  it("exits 2 telling how to install docutils when no python has it", async () => {
    const { code, output } = await check(process.cwd(), { DOCUTILS_PYTHON: "/nonexistent/python3" });
    expect(code, output).toBe(2);
    expect(output).toContain("apt-get install python3-docutils");
  });
});
