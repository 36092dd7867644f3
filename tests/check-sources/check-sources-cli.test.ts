import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkSources } from "../../src/check-sources/check.js";
import { runCheckSources } from "../../src/check-sources/cli.js";
import { apiSpec, type CheckContext, loadContext } from "../../src/check-sources/context.js";
import { formatReport } from "../../src/check-sources/report.js";
import type { Erratum } from "../../src/errata/register.js";
import { CACHE_VARIABLE } from "../../src/sources/parse-cache.js";
import type { SourcePage } from "../../src/sources/source-page.js";
import { resolvePointer } from "../../src/spec/json-pointer.js";
import type { ExampleObject, OpenApiDocument } from "../../src/spec/openapi-types.js";
import { runScript } from "../support/run-script.js";

const CHECKER = resolve("scripts/check-sources.ts");

/** The pages, errata and specs of the project, read once: each test below checks a changed copy of them. */
const base = loadContext();

interface Change {
  readonly api?: "cloud-databases" | "zcom-compute";
  readonly spec?: (spec: OpenApiDocument) => void;
  readonly errata?: (errata: Erratum[]) => Erratum[];
  readonly pages?: (pages: SourcePage[]) => SourcePage[];
}

/** Runs the checker in-process on the project with one spec, the register or the parsed pages changed in memory. */
function checkChanged({ api = "cloud-databases", spec, errata, pages }: Change): { differences: number; output: string } {
  const context: CheckContext = {
    pages: pages ? pages(structuredClone([...base.pages])) : base.pages,
    errata: errata ? errata(structuredClone([...base.errata])) : base.errata,
    apis: base.apis.map((entry) => {
      if (!spec || entry.api.id !== api) return entry;
      const copy = structuredClone(entry.spec);
      spec(copy);
      return apiSpec(entry.api, copy);
    }),
  };
  const findings = checkSources(context);
  return { differences: findings.differences.length, output: formatReport(findings, context.pages.length) };
}

/** The example object a response's `examples` entry refers to (following a component $ref). */
function responseExample(spec: OpenApiDocument, path: string, method: "get", status: string, name: string): ExampleObject {
  const response = spec.paths[path]![method]!.responses[status]! as { content: Record<string, { examples: Record<string, unknown> }> };
  const entry = response.content["application/json"]!.examples[name] as { $ref?: string } & ExampleObject;
  return entry.$ref ? (resolvePointer(spec, entry.$ref) as ExampleObject) : entry;
}

describe("the source-parity checker", () => {
  it("finds no difference between the real pages and specs", () => {
    const { differences, output } = checkChanged({});
    expect(differences, output).toBe(0);
  });

  it("lists spec operations that no page documents as info, not as differences", () => {
    const { differences, output } = checkChanged({
      spec: (spec) => {
        spec.paths["/{accountId}/extra"] = { get: { operationId: "listExtras", responses: { "200": { description: "OK" } } } };
      },
    });
    expect(differences, output).toBe(0);
    expect(output).toContain(
      "info: cloud-databases GET /{version}/{accountId}/extra (listExtras): not on the source pages (from upstream sources)",
    );
  });

  it("fails naming page, table and row when a documented response code is dropped", () => {
    const { differences, output } = checkChanged({
      spec: (spec) => {
        delete spec.paths["/{accountId}/backups"]!.get!.responses["413"];
      },
    });
    // Both versions of the List backups page have the row.
    expect(output).toContain('002_dc759b80c62f7310.txt › response codes › row 413 "Over Limit": missing in spec listBackups');
    expect(output).toContain(
      'get-list-backups-version-accountid-backups.rst › response codes › row 413 "Over Limit": missing in spec listBackups',
    );
    expect(differences, output).toBe(2);
    expect(output).toMatch(/^check:sources: 2 differences — /m);
  });

  it("fails when a response's name differs from the page's", () => {
    const { output } = checkChanged({
      spec: (spec) => {
        const overLimit = spec.components!.responses!.OverLimit as { description: string };
        overLimit.description = overLimit.description.replace(/^Over Limit:/, "Too Many Requests:");
      },
    });
    expect(output).toContain(
      '003_f4e7186ad758f2d8.txt › response codes › row 413 "Over Limit": spec createBackup names response 413 "Too Many Requests"',
    );
  });

  it("fails naming every page whose URI parameter the spec renames", () => {
    const { output } = checkChanged({
      spec: (spec) => {
        (spec.components!.parameters!.AccountId as { name: string }).name = "account_id";
      },
    });
    expect(output).toContain(
      '000_4299ba6793f28358.txt › URI parameters › row {accountId}: no path parameter "accountId" in spec listHaInstanceBackups',
    );
    expect(output).toContain(
      '002_dc759b80c62f7310.txt › URI parameters › row {accountId}: no path parameter "accountId" in spec listBackups',
    );
    expect(output).toContain("spec listBackups's path parameters: account_id");
  });

  it("fails when a query parameter disappears, for its table row and for the example request that uses it", () => {
    const { output } = checkChanged({
      spec: (spec) => {
        delete spec.paths["/{accountId}/backups"]!.get!.parameters;
      },
    });
    expect(output).toContain(
      '002_dc759b80c62f7310.txt › query parameters › row datastore: no query parameter "datastore" in spec listBackups',
    );
    expect(output).toContain(
      '002_dc759b80c62f7310.txt › example "Example List backups query request: JSON" (line 122) › request GET /v1.0/1234/backups?datastore=mysql: query parameter "datastore" is not declared by spec listBackups',
    );
  });

  it("fails when a query parameter's required flag differs from the page's (Optional)", () => {
    const { output } = checkChanged({
      spec: (spec) => {
        (spec.components!.parameters!.DatastoreFilter as { required: boolean }).required = true;
      },
    });
    expect(output).toContain(
      "002_dc759b80c62f7310.txt › query parameters › row datastore: required is true in spec listBackups, the page makes it optional",
    );
  });

  it("fails showing the differing value when a spec example no longer equals its page example", () => {
    const { output } = checkChanged({
      spec: (spec) => {
        const example = responseExample(spec, "/{accountId}/backups", "get", "200", "listBackups.200");
        (example.value as { backups: { size: number }[] }).backups[0]!.size = 0.5;
      },
    });
    expect(output).toContain(
      '002_dc759b80c62f7310.txt › example "Example List backups: JSON response" (line 147) › spec listBackups.200: differs from the page example and no erratum in openapi/errata.yaml explains this',
    );
    expect(output).toContain("/backups/0/size: page 0.141026, spec 0.5");
  });

  it("fails when an erratum is removed but the spec still deviates from the page", () => {
    const { output } = checkChanged({ errata: (errata) => errata.filter((entry) => entry.id !== "CDB-001-SINGLE-OBJECT") });
    expect(output).toContain(
      '001_4ac86198ad1e3b20.txt › example "Example List backups for instance: JSON response" (line 99) › spec listInstanceBackups.200: differs from the page example and no erratum in openapi/errata.yaml explains this',
    );
    expect(output).toContain("/backup: page {");
  });

  it("fails when an erratum is no longer needed because the spec example is the page's own", () => {
    const { output } = checkChanged({
      spec: (spec) => {
        const example = responseExample(spec, "/{accountId}/instances/{instanceId}/backups", "get", "200", "listInstanceBackups.200");
        const [backup] = (example.value as { backups: unknown[] }).backups;
        example.value = { backup };
      },
    });
    expect(output).toContain(
      "001_4ac86198ad1e3b20.txt › erratum CDB-001-SINGLE-OBJECT: the page example already equals spec example listInstanceBackups.200 without the correction: the erratum is no longer needed",
    );
  });

  it("fails when maxLength of the backup name differs from the page's length table", () => {
    const { output } = checkChanged({
      spec: (spec) => {
        (spec.components!.schemas!.BackupName as { maxLength: number }).maxLength = 65;
      },
    });
    expect(output).toContain(
      '003_f4e7186ad758f2d8.txt › length restrictions › row "name maximum length": name has maxLength 65 in InstanceBackupCreate, maxLength 65 in HaBackupCreate in spec createBackup, the page says 64',
    );
  });

  it("fails when a request attribute's required flag differs from the page's", () => {
    const { output } = checkChanged({
      spec: (spec) => {
        const ha = spec.components!.schemas!.HaBackupCreate as { required: string[] };
        ha.required = ha.required.filter((name) => name !== "name");
        const instance = spec.components!.schemas!.InstanceBackupCreate as { required: string[] };
        instance.required = [...instance.required, "source"];
      },
    });
    expect(output).toContain(
      '003_f4e7186ad758f2d8.txt › request attributes › row name: the page says required "Yes", but spec createBackup does not require it in HaBackupCreate',
    );
    expect(output).toContain(
      '003_f4e7186ad758f2d8.txt › request attributes › row source: the page says required "Yes (to create HA group backups)" (only in some cases), but spec createBackup requires it in every branch (InstanceBackupCreate, HaBackupCreate)',
    );
  });

  it("fails when the page's operation is not in the spec, even through its path erratum", () => {
    const { output } = checkChanged({
      api: "zcom-compute",
      spec: (spec) => {
        spec.servers = [{ url: "https://compute.tyo1.cloud.z.com/v3" }];
      },
    });
    expect(output).toContain(
      "004_cb504e2c3e81a721.txt › operation GET /v1/{tenant_id}/backup: missing in the specs (errata ZCOM-004-PATH-VERSION maps it to GET /v2/{tenant_id}/backup)",
    );
  });
});

describe("the source-parity checker on the Rackspace pages beyond the first five", () => {
  const RESTORE = "post-restore-backup-version-accountid-instances.rst";
  const LIST_SCHEDULES = "get-list-scheduled-backups-version-accountid-schedules.rst";
  const CREATE_SCHEDULE = "post-create-scheduled-backup-version-accountid-schedules.rst";

  it("checks a nested request attribute, restore's restorePoint.backupRef, against the nested object", () => {
    const optional = checkChanged({
      spec: (spec) => {
        (spec.components!.schemas!.RestorePoint as { required: string[] }).required = [];
      },
    });
    expect(optional.output).toContain(
      `${RESTORE} › request attributes › row backupRef: the page says required "Yes", but spec restoreBackup does not require it in RestorePoint`,
    );
    const renamed = checkChanged({
      spec: (spec) => {
        const point = spec.components!.schemas!.RestorePoint as { properties: Record<string, unknown>; required: string[] };
        point.properties = { backupId: point.properties.backupRef };
        point.required = ["backupId"];
      },
    });
    expect(renamed.output).toContain(
      `${RESTORE} › request attributes › row backupRef: not a property of the request body's instance.restorePoint object in spec restoreBackup`,
    );
  });

  it("reports the copy operation's page when the spec lacks the operation", () => {
    const { output } = checkChanged({
      spec: (spec) => {
        delete spec.paths["/{accountId}/backups/{backupId}/action"];
      },
    });
    expect(output).toContain(
      "post-action-backup-copy.rst › operation POST /{version}/{accountId}/backups/{backupId}/action: missing in the specs",
    );
  });

  it("excuses a placeholder Host only through its erratum, and reports the erratum once the host is right", () => {
    const withoutErratum = checkChanged({ errata: (errata) => errata.filter((entry) => entry.id !== "CDB-SCHEDULE-LIST-HOST") });
    expect(withoutErratum.output).toContain(
      `${LIST_SCHEDULES} › example "Example List scheduled backups: JSON request" (line 80) › request GET /v1.0/1234/schedules: host troveapi.org is not one the server URL https://{region}.databases.api.rackspacecloud.com/{version} allows`,
    );
    expect(withoutErratum.differences, withoutErratum.output).toBe(1);
    const rightHost = checkChanged({
      pages: (pages) =>
        pages.map((page) =>
          page.page !== LIST_SCHEDULES
            ? page
            : {
                ...page,
                examples: page.examples.map((example) =>
                  example.request ? { ...example, request: { ...example.request, host: "ord.databases.api.rackspacecloud.com" } } : example,
                ),
              },
        ),
    });
    expect(rightHost.output).toContain(
      `${LIST_SCHEDULES} › erratum CDB-SCHEDULE-LIST-HOST: excuses "Example List scheduled backups: JSON request (Host header)", but nothing there differs from the spec (or the page has no such place): the erratum is not used`,
    );
  });

  it("excuses table rows only through their erratum, and reports the erratum once the rows agree", () => {
    const withoutErratum = checkChanged({ errata: (errata) => errata.filter((entry) => entry.id !== "CDB-SCHEDULE-INSTANCE-ID") });
    expect(withoutErratum.output).toContain(
      `${CREATE_SCHEDULE} › request attributes › row instance_id: the page says required "Yes", but spec createSchedule does not require it in ScheduleCreate`,
    );
    expect(withoutErratum.output).toContain(`${CREATE_SCHEDULE} › request attributes › row source_id: the page says required "No"`);
    const agreeing = checkChanged({
      spec: (spec) => {
        // The fields are the first allOf branch; the second is the instance_id/source_id anyOf, dropped here.
        const schemas = spec.components!.schemas!;
        const [fields] = (schemas.ScheduleCreate as { allOf: [{ required: string[] }] }).allOf;
        schemas.ScheduleCreate = { ...fields, required: [...fields.required, "instance_id"] };
      },
    });
    expect(agreeing.output).toContain(
      `${CREATE_SCHEDULE} › erratum CDB-SCHEDULE-INSTANCE-ID: excuses "Request-attribute table, rows instance_id and source_id"`,
    );
  });

  it("requires a response example's status line to be a documented response of the page's operation", () => {
    const { output } = checkChanged({
      spec: (spec) => {
        delete spec.paths["/{accountId}/schedules/{scheduleId}"]!.put!.responses["202"];
      },
    });
    expect(output).toContain(
      'put-update-schedule-for-backups-by-schedule-id-version-accountid-schedules-scheduleid.rst › example "Example Update schedule for backups by schedule ID: JSON response" (line 135) › status line 202: spec updateSchedule documents no response 202',
    );
  });

  it("requires the page's opening paragraphs, word for word, in the operation's description", () => {
    const { output } = checkChanged({
      spec: (spec) => {
        const show = spec.paths["/{accountId}/backups/{backupId}"]!.get!;
        show.description = show.description!.replace(
          "Lists details about a specified backup.",
          "Shows the details of the specified backup.",
        );
      },
    });
    expect(output).toContain(
      "get-list-backup-by-id-version-accountid-backups-backupid.rst › description › paragraph 1: is not in the description of spec showBackup",
    );
  });

  it("compares an example two versions of a page print with each, through each page's own erratum", () => {
    const { differences, output } = checkChanged({
      errata: (errata) => errata.filter((entry) => entry.id !== "CDB-HA-CREATE-EMPTY-DATASTORE"),
    });
    expect(output).toContain(
      'post-create-backup-for-an-ha-instance-version-accountid-backups.rst › example "Example Create incremental backup response: JSON" (line 251) › spec createBackup.incremental.202: differs from the page example and no erratum in openapi/errata.yaml explains this',
    );
    expect(differences, output).toBe(1); // page 003's copy of the example is still corrected by its own erratum
  });
});

// The command itself is started once, at the start, so that it runs beside the in-process tests.
const command = runScript(CHECKER, []).then(({ code, stdout, stderr }) => ({ code, output: stdout + stderr }));

describe("npm run check:sources", () => {
  const copies: string[] = [];
  afterAll(() => Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true }))));

  /**
   * A project of just what the checker reads: the pages, the register and the bundles, each bundle
   * changed by `edit` (written as JSON, which is YAML too and much faster to write and read).
   */
  async function projectCopy(edit?: (api: string, spec: OpenApiDocument) => void): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), "check-sources-"));
    copies.push(dir);
    await cp("openapi/sources", join(dir, "openapi/sources"), { recursive: true });
    await cp("openapi/errata.yaml", join(dir, "openapi/errata.yaml"));
    if (!edit) return dir; // no bundles: the check stops at the pages
    for (const { api, spec } of base.apis) {
      const copy = structuredClone(spec);
      edit(api.id, copy);
      await mkdir(join(dir, "generated", api.id), { recursive: true });
      await writeFile(join(dir, "generated", api.id, "openapi.yaml"), JSON.stringify(copy));
    }
    return dir;
  }

  /** The command's function, in-process, on a project folder: its exit status and what it printed. */
  function runIn(dir: string, env: NodeJS.ProcessEnv = process.env): { code: number; output: string } {
    const printed: string[] = [];
    const code = runCheckSources(
      dir,
      (text) => printed.push(text),
      (text) => printed.push(text),
      env,
    );
    return { code, output: printed.join("\n") };
  }

  // The command's wiring (exit status, output) on the real project; the other exit statuses in-process.
  it("exits 0 with a one-line summary on the real pages and specs", async () => {
    const { code, output } = await command;
    expect(code, output).toBe(0);
    expect(output).toMatch(/^check:sources: no differences — 17 pages checked against generated\/ \(17 operations, /m);
    expect(output).not.toContain("›");
  });

  it("exits 1 listing the differences when a page and the bundled spec on disk differ", async () => {
    const dir = await projectCopy((api, spec) => {
      if (api === "cloud-databases") delete spec.paths["/{accountId}/backups"]!.get!.responses["413"];
    });
    const { code, output } = runIn(dir);
    expect(code, output).toBe(1);
    expect(output).toContain('002_dc759b80c62f7310.txt › response codes › row 413 "Over Limit": missing in spec listBackups');
  });

  it("exits 2 telling how to install docutils when no python has it", async () => {
    // A page this process has not parsed yet, and no cache: docutils is really needed before anything else.
    const dir = await projectCopy();
    const page = join(dir, "openapi/sources/post-action-backup-copy.rst");
    await writeFile(page, `${await readFile(page, "utf8")}\n`);
    const { code, output } = runIn(dir, { ...process.env, DOCUTILS_PYTHON: "/nonexistent/python3", [CACHE_VARIABLE]: "" });
    expect(code, output).toBe(2);
    expect(output).toContain("apt-get install python3-docutils");
  });
});
