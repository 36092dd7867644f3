import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DocutilsMissingError, runDocutils } from "../../src/sources/docutils.js";
import { requestOfCurl } from "../../src/sources/http-message.js";
import { pageExample, pageExamples, readPage } from "../../src/sources/page-examples.js";
import { CACHE_VARIABLE, parseWithCache } from "../../src/sources/parse-cache.js";
import { readPlainTextPage } from "../../src/sources/plain-page.js";
import { readRstPage } from "../../src/sources/rst-page.js";
import { readSourcePage, readSourcePages, type SourcePage } from "../../src/sources/source-page.js";

/** The rows of the page's tables whose intro paragraph or title mentions `about`. */
const rows = (page: SourcePage, about: string): string[][] =>
  page.tables
    .filter((table) => `${table.title} ${table.intro}`.toLowerCase().includes(about))
    .flatMap((table) => table.rows.map((row) => [...row.cells]));

describe("the source pages, parsed", () => {
  const pages = readSourcePages();

  it("finds each page's operation: the code block under the title, or the Z.com Request URL", () => {
    expect(pages.map((page) => [page.page, page.format, page.operation && `${page.operation.method} ${page.operation.path}`])).toEqual([
      ["000_4299ba6793f28358.txt", "reStructuredText", "GET /{version}/{accountId}/ha/{haId}/backups"],
      ["001_4ac86198ad1e3b20.txt", "reStructuredText", "GET /{version}/{accountId}/instances/{instanceId}/backups"],
      ["002_dc759b80c62f7310.txt", "reStructuredText", "GET /{version}/{accountId}/backups"],
      ["003_f4e7186ad758f2d8.txt", "reStructuredText", "POST /{version}/{accountId}/backups"],
      ["004_cb504e2c3e81a721.txt", "plain text", "GET /v1/{tenant_id}/backup"],
      [
        "delete-delete-backup-version-accountid-backups-backupid.rst",
        "reStructuredText",
        "DELETE /{version}/{accountId}/backups/{backupId}",
      ],
      [
        "delete-delete-schedule-for-running-backup-by-schedule-id-version-accountid-schedules-scheduleid.rst",
        "reStructuredText",
        "DELETE /{version}/{accountId}/schedules/{scheduleId}",
      ],
      ["get-list-backup-by-id-version-accountid-backups-backupid.rst", "reStructuredText", "GET /{version}/{accountId}/backups/{backupId}"],
      ["get-list-backups-version-accountid-backups.rst", "reStructuredText", "GET /{version}/{accountId}/backups"],
      [
        "get-list-schedule-for-running-backup-by-schedule-id-version-accountid-schedules-scheduleid.rst",
        "reStructuredText",
        "GET /{version}/{accountId}/schedules/{scheduleId}",
      ],
      ["get-list-scheduled-backups-version-accountid-schedules.rst", "reStructuredText", "GET /{version}/{accountId}/schedules"],
      ["post-action-backup-copy.rst", "reStructuredText", "POST /{version}/{accountId}/backups/{backupId}/action"],
      ["post-create-backup-for-an-ha-instance-version-accountid-backups.rst", "reStructuredText", "POST /{version}/{accountId}/backups"],
      ["post-create-backup-version-accountid-backups.rst", "reStructuredText", "POST /{version}/{accountId}/backups"],
      ["post-create-scheduled-backup-version-accountid-schedules.rst", "reStructuredText", "POST /{version}/{accountId}/schedules"],
      ["post-restore-backup-version-accountid-instances.rst", "reStructuredText", "POST /{version}/{accountId}/instances"],
      [
        "put-update-schedule-for-backups-by-schedule-id-version-accountid-schedules-scheduleid.rst",
        "reStructuredText",
        "PUT /{version}/{accountId}/schedules/{scheduleId}",
      ],
    ]);
    // Four of the pages use the Sphinx roles; none of them is a parse problem.
    expect(pages.filter((page) => /:(rax-devdocs|rax|ref):`/.test(readPage(page.page)))).toHaveLength(4);
    expect(pages.flatMap((page) => page.messages)).toEqual([]);
  });

  it("reads grid tables into rows of cells, multi-line cells joined and inline markup dropped", () => {
    const create = readSourcePage("003_f4e7186ad758f2d8.txt");
    expect(rows(create, "required and optional attributes")).toEqual([
      ["name", "Specifies the short name of the backup.", "Yes"],
      [
        "instance",
        "Specifies the database instanceId to backup. But since we would need to create a backup of the entire HA group, the value of this field should be empty.",
        "Yes",
      ],
      ["description", "Specifies a long description of the backup.", "No"],
      ["parent_id", "Specifies the backupId from which to create an incremental backup.", "No"],
      ["source", "Specifies the source type (instance/ha) and source id (instanceID/haID).", "Yes (to create HA group backups)"],
    ]);
    expect(rows(create, "length restrictions")).toEqual([["name maximum length", "64"]]);
    expect(create.tables.map((table) => table.title)).toContain("Length restrictions for backup name parameter");
    expect(rows(create, "response codes")).toContainEqual([
      "413",
      "Over Limit",
      "The number of items returned is above the allowed limit.",
    ]);
    expect(create.tables.find((table) => table.intro.includes("response codes"))!.rows.find((row) => row.cells[0] === "413")!.line).toBe(
      109,
    );
    expect(rows(readSourcePage("002_dc759b80c62f7310.txt"), "query parameters")).toEqual([
      ["datastore", "String (Optional)", "The type of the datastore by which to filter."],
    ]);
  });

  it("reads the Z.com page's parameter and response-code lists", () => {
    const zcom = readSourcePage("004_cb504e2c3e81a721.txt");
    expect(rows(zcom, "request parameters")).toEqual([
      ["X-Auth-Token", "User Token", "header", ""],
      ["tenant_id", "Tenant ID", "URI", ""],
    ]);
    expect(rows(zcom, "response codes")).toEqual([["200", "OK", ""]]);
    expect(zcom.examples).toHaveLength(1);
    expect(zcom.examples[0]).toMatchObject({
      title: "Example",
      line: 28,
      status: "200",
      request: { method: "GET", host: "compute.tyo1.cloud.z.com", target: "/v2/1864e71d2deb46f6b47526b69c65a45d/backup" },
    });
  });

  it("reads examples: the bold title, then every code block up to the next title or heading", () => {
    expect(
      pageExamples("002_dc759b80c62f7310.txt").map((example) => [example.title, example.line, example.head[0], example.body === ""]),
    ).toEqual([
      ["Example List backups: JSON request", 106, "GET /v1.0/1234/backups HTTP/1.1", true],
      ["Example List backups query request: JSON", 122, "GET /v1.0/1234/backups?datastore=mysql HTTP/1.1", true],
      ["Example List backups: JSON response", 147, "HTTP/1.1 200 OK", false],
      ["Example List backups query response: JSON", 267, "HTTP/1.1 200 OK", false],
    ]);
    // Head and body in two code blocks.
    const incremental = pageExample("003_f4e7186ad758f2d8.txt", "Example Create incremental backup request: JSON");
    expect(incremental.head).toHaveLength(6);
    expect(incremental.body.startsWith('{\n   "backup":{\n      "instance":null,')).toBe(true);
    // The body keeps its indentation relative to the head (the page lost the opening brace there).
    expect(pageExample("000_4299ba6793f28358.txt", "Example List backups of an HA instance: JSON response").body.split("\n")[0]).toBe(
      '   "backups":[',
    );
    expect(() => pageExample("000_4299ba6793f28358.txt", "Example Nope")).toThrow(/no example titled "Example Nope"/);
  });
});

/** A grid table of request attributes whose one row describes `name` with `description`. */
const attributeTable = (name: string, description: string): string[] => [
  ".. table:: Required and optional attributes for Thing",
  "",
  "    +------+--------------------------------------------------------------+--------+",
  "    |Name  |Description                                                   |Required|",
  "    +======+==============================================================+========+",
  `    |${name.padEnd(6)}|${description.padEnd(62)}|Yes     |`,
  "    +------+--------------------------------------------------------------+--------+",
  "",
];

/** Pages written for these tests, parsed together in one docutils run (one Python start for all). */
const SNIPPETS: Record<string, string[]> = {
  "minimal.txt": [
    "Show thing",
    "~~~~~~~~~~",
    "",
    ".. code::",
    "",
    "    GET /{version}/things/{id}",
    "",
    "This table shows the URI parameters for the request:",
    "",
    "+------+--------+-------------+",
    "|Name  |Type    |Description  |",
    "+======+========+=============+",
    "|{id}  |String  |The thing's  |",
    "|      |        |ID.          |",
    "+------+--------+-------------+",
    "",
    "**Example Show thing: JSON response**",
    "",
    ".. code::",
    "",
    "   HTTP/1.1 200 OK",
    "   Content-Type: application/json",
    "",
    ".. code::",
    "",
    '   {"id": "1"}',
    "",
    "Other",
    "-----",
    "",
    ".. code::",
    "",
    "   not part of the example",
    "",
  ],
  "malformed-table.txt": ["Title", "=====", "", "+----+----+", "|a   |b   |", "+----+", ""],
  "sphinx-roles.rst": [
    "Thing",
    "=====",
    "",
    ...attributeTable("a", "See :rax-devdocs:`Delete backup <cloud/v1/#delete-backup>`."),
    ...attributeTable("b", "Priced per :rax:`Cloud Calculator <calculator>`."),
    ...attributeTable("c", "As the :ref:`delete-backup-label` operation says."),
  ],
  "unknown-role.rst": ["Thing", "=====", "", ...attributeTable("a", "See :doc:`delete-backup` and :rax-devdocs:`x <y>`.")],
  "repeated.rst": [
    "Show thing",
    "==========",
    "",
    "**Example Show thing: JSON response**",
    "",
    ".. code::",
    "",
    "   HTTP/1.1 200 OK",
    "",
    "   Content-Type: application/json",
    "",
    "   Host: troveapi.org",
    "",
    '   {"id": "1"}',
    "",
    "**Example Show thing: JSON response**",
    "",
    ".. code::",
    "",
    '   {"id": "2"}',
    "",
  ],
};

describe("the reStructuredText reader", () => {
  const texts = Object.fromEntries(Object.entries(SNIPPETS).map(([name, lines]) => [name, lines.join("\n")]));
  const cache = mkdtempSync(join(tmpdir(), "source-pages-test-"));
  afterAll(() => rmSync(cache, { recursive: true, force: true }));
  const parsed = parseWithCache(texts, { ...process.env, [CACHE_VARIABLE]: cache });
  const parse = (name: string): SourcePage => readRstPage(name, parsed[name]!.xml, parsed[name]!.messages);

  it("keeps each parse in the run's cache folder, so that another reader of the same page needs no Python", () => {
    const noPython = { ...process.env, DOCUTILS_PYTHON: "/nonexistent/python3" };
    expect(parseWithCache(texts, { ...noPython, [CACHE_VARIABLE]: cache })).toEqual(parsed);
    // A changed page is parsed again (and here fails for want of Python), as is any page without the cache.
    expect(() => parseWithCache({ "minimal.txt": `${texts["minimal.txt"]}\n` }, { ...noPython, [CACHE_VARIABLE]: cache })).toThrow(
      DocutilsMissingError,
    );
    expect(() => parseWithCache(texts, { ...noPython, [CACHE_VARIABLE]: "" })).toThrow(DocutilsMissingError);
  });

  it("reads a minimal page: operation, table with its intro, examples ended by a section heading", () => {
    const page = parse("minimal.txt");
    expect(page.title).toBe("Show thing");
    expect(page.operation).toEqual({ method: "GET", path: "/{version}/things/{id}" });
    expect(page.tables).toEqual([
      {
        title: "",
        intro: "This table shows the URI parameters for the request:",
        line: 11,
        header: ["Name", "Type", "Description"],
        rows: [{ line: 13, cells: ["{id}", "String", "The thing's ID."] }],
      },
    ]);
    expect(page.examples).toEqual([
      {
        title: "Example Show thing: JSON response",
        line: 17,
        head: ["HTTP/1.1 200 OK", "Content-Type: application/json"],
        body: '{"id": "1"}',
        status: "200",
      },
    ]);
  });

  it("reports docutils' warnings, so a malformed table is not skipped silently", () => {
    expect(parse("malformed-table.txt").messages.join("\n")).toMatch(/malformed-table\.txt:\d+: \(ERROR\/3\) Malformed table/);
  });

  it("reads the Sphinx roles :rax-devdocs:, :rax: and :ref: as their prose, with no parse message", () => {
    const page = parse("sphinx-roles.rst");
    expect(page.messages).toEqual([]);
    expect(page.tables.map((table) => table.rows[0]!.cells[1])).toEqual([
      "See Delete backup.",
      "Priced per Cloud Calculator.",
      "As the delete-backup-label operation says.",
    ]);
  });

  it("still reports a role that is not one of those three", () => {
    const page = parse("unknown-role.rst");
    expect(page.messages).toEqual([expect.stringMatching(/unknown-role\.rst:\d+: \(ERROR\/3\) Unknown interpreted text role "doc"\./)]);
  });

  it("numbers a repeated example title, and reads a head whose lines are double-spaced", () => {
    const page = parse("repeated.rst");
    expect(page.examples.map((example) => example.title)).toEqual([
      "Example Show thing: JSON response",
      "Example Show thing: JSON response (2)",
    ]);
    expect(page.examples[0]).toMatchObject({
      head: ["HTTP/1.1 200 OK", "Content-Type: application/json", "Host: troveapi.org"],
      body: '{"id": "1"}',
    });
  });

  it("fails with the install hint when no interpreter can import docutils", () => {
    expect(() => runDocutils({ "page.txt": "x" }, ["/nonexistent/python3"])).toThrow(DocutilsMissingError);
    expect(() => runDocutils({ "page.txt": "x" }, ["/nonexistent/python3"])).toThrow(/apt-get install python3-docutils/);
  });
});

describe("the plain-text reader", () => {
  it("reads headings, the Request URL, parameter rows and a curl example", () => {
    const page = readPlainTextPage(
      "zcom.txt",
      [
        "Description",
        "",
        "Enable backup.",
        "",
        "Request URL",
        "",
        "POST /v2/{tenant_id}/backup",
        "",
        "Request Parameters",
        "",
        "Parameter Value Style Description",
        "instance_id Server ID body The VM to back up",
        "",
        "Normal response codes",
        "",
        "202 Accepted",
        "",
        "Example",
        "",
        "curl -i -X POST \\",
        '-H "X-Auth-Token: t" \\',
        "-d '{\"backup\": {}}' \\",
        "https://compute.example/v2/abc/backup",
        "HTTP/1.1 202 Accepted",
        "Content-Type: application/json",
        "",
        "{}",
      ].join("\n"),
    );
    expect(page.title).toBe("Enable backup.");
    expect(page.operation).toEqual({ method: "POST", path: "/v2/{tenant_id}/backup" });
    expect(page.tables.map((table) => [table.title, table.rows.map((row) => row.cells)])).toEqual([
      ["Request Parameters", [["instance_id", "Server ID", "body", "The VM to back up"]]],
      ["Normal response codes", [["202", "Accepted", ""]]],
    ]);
    expect(page.examples).toEqual([
      {
        title: "Example",
        line: 18,
        head: ["HTTP/1.1 202 Accepted", "Content-Type: application/json"],
        body: "{}",
        status: "202",
        request: { method: "POST", host: "compute.example", target: "/v2/abc/backup" },
      },
    ]);
  });

  it("reads curl's method: -X, else POST with data, else GET", () => {
    expect(requestOfCurl("curl https://h.example/a?b=1")).toEqual({ method: "GET", host: "h.example", target: "/a?b=1" });
    expect(requestOfCurl("curl --data '{}' https://h.example/a")?.method).toBe("POST");
    expect(requestOfCurl('curl -XDELETE -H "X: y" https://h.example/a')?.method).toBe("DELETE");
    expect(requestOfCurl("wget https://h.example/a")).toBeUndefined();
  });
});
