// The spec against the real upstream server on every `npm test`: the committed recording of one
// `npm run conformance` run against Debian's OpenStack Trove 18 (fixtures/trove-18.exchanges.json) is
// judged by the same checker as the live run, and mutated copies of its exchanges show that the checker
// does fail.
import { describe, expect, it } from "vitest";
import { apiById } from "../../src/apis.js";
import { compileRecordingChecker } from "../../src/conformance/check-recording.js";
import { asRecording, type Exchange, loadRecording, RecordingError } from "../../src/conformance/recording.js";
import { conformancePassed, formatReport } from "../../src/conformance/report.js";
import { loadErrata } from "../../src/errata/register.js";
import { loadBundle } from "../../src/spec/load-bundle.js";

const FIXTURE = "tests/conformance/fixtures/trove-18.exchanges.json";
const recording = loadRecording(FIXTURE);
const spec = loadBundle(apiById("cloud-databases"));
const errata = loadErrata();
const checker = compileRecordingChecker(spec, errata);
const result = checker.recording(recording);

/** The first recorded exchange of `step` (throws when the recording has none, so that a mutation test cannot pass vacuously). */
function recorded(step: string, status?: number): Exchange {
  const found = recording.exchanges.find(
    (exchange) => exchange.step === step && (status === undefined || exchange.response.status === status),
  );
  if (!found) throw new Error(`${FIXTURE} has no exchange "${step}"${status ? ` answered ${status}` : ""}`);
  return found;
}

const withResponseBody = (exchange: Exchange, change: (body: Record<string, unknown>) => void): Exchange => {
  const body = JSON.parse(exchange.response.body) as Record<string, unknown>;
  change(body);
  return { ...exchange, response: { ...exchange.response, body: JSON.stringify(body) } };
};
const withRequestBody = (exchange: Exchange, body: unknown): Exchange => ({
  ...exchange,
  request: { ...exchange.request, body: JSON.stringify(body) },
});

describe("the recorded run of Trove 18 against the bundled spec", () => {
  it("covers the backup API through both clients", () => {
    const operations = new Set(result.results.map((entry) => entry.operationId));
    for (const operationId of ["listBackups", "createBackup", "showBackup", "deleteBackup", "listInstanceBackups", "restoreBackup"])
      expect(operations).toContain(operationId);
    const clients = new Set(recording.exchanges.filter((exchange) => exchange.scope === "spec").map((exchange) => exchange.client));
    expect([...clients].sort()).toEqual(["http", "troveclient"]);
    expect(result.counts.validated).toBeGreaterThan(100);
  });

  it("has every exchange validate or be excused by an erratum", () => {
    const unexplained = result.results.flatMap((entry) =>
      entry.failures.map(
        (finding) =>
          `#${entry.index} [${entry.exchange.step}] ${entry.operationId} → ${entry.exchange.response.status}: ${finding.message}`,
      ),
    );
    expect(unexplained).toEqual([]);
  });

  it("has every conformance erratum excuse at least one exchange", () => {
    expect(result.unusedErrata).toEqual([]);
    expect(result.counts.excused).toBeGreaterThan(0);
  });
});

describe("the checker fails mutated exchanges of the recording", () => {
  const judged = (exchange: Exchange) => checker.exchange(exchange, 0);
  const rules = (exchange: Exchange) => judged(exchange).failures.map((finding) => finding.rule);

  it("an answer it validates as recorded", () => {
    expect(judged(recorded("show a backup", 200)).outcome).toBe("validated");
    expect(judged(recorded("create backup full-c", 202)).outcome).toBe("validated");
  });

  it("a status the operation does not document", () => {
    const shown = recorded("show a backup", 200);
    expect(rules({ ...shown, response: { ...shown.response, status: 206 } })).toEqual(["status-undocumented"]);
  });

  it("a response body that breaks the schema", () => {
    const mutated = withResponseBody(recorded("show a backup", 200), (body) => {
      (body.backup as Record<string, unknown>).status = "DONE";
    });
    const result = judged(mutated);
    expect(result.failures.map((finding) => finding.rule)).toEqual(["response-body"]);
    expect(result.failures[0]!.message).toContain("/backup/status");
  });

  it("a request body the server accepted and the schema refuses", () => {
    const created = recorded("create backup full-c", 202);
    const body = JSON.parse(created.request.body) as { backup: Record<string, unknown> };
    expect(rules(withRequestBody(created, { backup: { ...body.backup, instance: 42 } }))).toEqual(["accepted-request-invalid"]);
  });

  it("a request body the server refused with 400 and the schema accepts", () => {
    const refused = recorded("bad body: name of 256 characters", 400);
    expect(judged(refused).outcome).toBe("validated");
    const body = JSON.parse(refused.request.body) as { backup: Record<string, unknown> };
    expect(rules(withRequestBody(refused, { backup: { ...body.backup, name: "short enough" } }))).toEqual(["refused-request-valid"]);
  });

  it("the differences an erratum excuses, once the erratum is gone", () => {
    const without = (id: string) => checker.withErrata(errata.filter((entry) => entry.id !== id));
    const longName = recorded("body Trove accepts: name of 255 characters", 202);
    expect(judged(longName).outcome).toBe("excused");
    expect(
      without("CDB-UPSTREAM-NAME-LENGTH")
        .exchange(longName, 0)
        .failures.map((finding) => finding.rule),
    ).toEqual(["response-body", "accepted-request-invalid"]);
    const bigPage = recorded("list backups with a limit above 20", 200);
    expect(judged(bigPage).outcome).toBe("excused");
    expect(
      without("CDB-TROVE-NO-PAGE-CAP")
        .exchange(bigPage, 0)
        .failures.map((finding) => finding.rule),
    ).toEqual(["claim"]);
  });
});

describe("the report and the recording's shape", () => {
  it("reports each failing exchange with its step, each excusing erratum, and the closing figure", () => {
    const report = formatReport(recording, result, errata, "generated/cloud-databases/openapi.yaml");
    for (const entry of result.results.filter((candidate) => candidate.outcome === "failed"))
      expect(report).toContain(`#${entry.index} ${entry.operationId} ${entry.exchange.request.method} ${entry.exchange.request.path}`);
    for (const id of new Set(result.results.flatMap((entry) => entry.excused.flatMap((excuse) => excuse.errata))))
      expect(report).toContain(`~ ${id}:`);
    const { recorded, validated, excused, failed } = result.counts;
    expect(report).toContain(`${recorded} exchanges recorded`);
    expect(report).toContain(`${validated} validated, ${excused} excused, ${failed} failed`);
    expect(recorded).toBe(recording.exchanges.length);
    expect(conformancePassed(result)).toBe(failed === 0);
  });

  it("refuses a recording whose exchange lacks a status, naming the field", () => {
    const broken = structuredClone(recording) as unknown as { exchanges: { response: { status?: number } }[] };
    delete broken.exchanges[3]!.response.status;
    expect(() => asRecording(broken, "broken.json")).toThrow(RecordingError);
    expect(() => asRecording(broken, "broken.json")).toThrow(/broken\.json: \/exchanges\/3\/response must have required property 'status'/);
  });
});
