import type { Erratum } from "../errata/register.js";
import type { ExchangeResult, RecordingResult } from "./check-recording.js";
import type { Recording } from "./recording.js";

const BODY_SHOWN = 110;

/** `createBackup POST /v1.0/…/backups {"backup":{…}} → 400`, bodies cut to a readable length. */
export function describeExchange(result: ExchangeResult): string {
  const { request, response } = result.exchange;
  const body = request.body === "" ? "" : ` ${shorten(request.body.replace(/\s+/g, " "), BODY_SHOWN)}`;
  return `${result.operationId ?? "(no operation)"} ${request.method} ${request.path}${body} → ${response.status}`;
}

/**
 * The readable report: one line per failing exchange (operation, request, status, reason, and the run's
 * step), the excused differences grouped by erratum, what the run observed, and the closing figure.
 */
export function formatReport(recording: Recording, result: RecordingResult, errata: readonly Erratum[], specFile: string): string {
  const lines: string[] = [];
  lines.push(`Conformance of ${specFile} against ${recording.server}`);
  lines.push(`clients: ${recording.client}; recorded ${recording.recorded_at}`);

  const failed = result.results.filter((entry) => entry.outcome === "failed");
  if (failed.length > 0) {
    lines.push("", `Failures (${failed.length} exchanges):`);
    for (const entry of failed)
      for (const finding of entry.failures)
        lines.push(`  ✖ #${entry.index} ${describeExchange(entry)}`, `      ${finding.rule}: ${finding.message}  [${entry.exchange.step}]`);
  }

  const byErratum = new Map<string, ExchangeResult[]>();
  for (const entry of result.results)
    for (const excuse of entry.excused) {
      const key = excuse.errata.join(" + ");
      byErratum.set(key, [...(byErratum.get(key) ?? []).filter((other) => other !== entry), entry]);
    }
  if (byErratum.size > 0) {
    lines.push("", "Excused differences (openapi/errata.yaml):");
    for (const [ids, entries] of byErratum) {
      const summary = ids
        .split(" + ")
        .map((id) => errata.find((entry) => entry.id === id)?.page_says ?? "")
        .join(" / ");
      lines.push(`  ~ ${ids}: ${shorten(summary, 160)}`);
      for (const entry of entries) lines.push(`      #${entry.index} ${describeExchange(entry)}`);
    }
  }
  for (const id of result.unusedErrata)
    lines.push("", `  ✖ erratum ${id} excuses no exchange: the server no longer differs there, or the run no longer shows it`);

  if (recording.observations.length > 0) {
    lines.push("", "Observed:");
    for (const { fact, detail } of recording.observations) lines.push(`  · ${fact}: ${shorten(detail, 300)}`);
  }

  const { recorded, setup, validated, excused, failed: failedCount } = result.counts;
  lines.push(
    "",
    `${recorded} exchanges recorded (${setup} setup calls outside the spec, ${recording.polls_not_recorded} repeated polls not recorded): ` +
      `${validated} validated, ${excused} excused, ${failedCount} failed` +
      (result.unusedErrata.length > 0 ? `; ${result.unusedErrata.length} unused errata` : ""),
  );
  return lines.join("\n");
}

export function conformancePassed(result: RecordingResult): boolean {
  return result.counts.failed === 0 && result.unusedErrata.length === 0;
}

function shorten(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
