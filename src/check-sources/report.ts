import type { Difference, Findings } from "./context.js";

/** The order kinds are counted in the summary line. */
const KINDS = [
  "operations",
  "description paragraphs",
  "response codes",
  "parameters",
  "request attributes",
  "page examples",
  "spec examples",
  "errata",
];

/**
 * The checker's output: one line per difference (`page › table › row: message`, details indented
 * under it), the info lines, then a one-line summary.
 */
export function formatReport(findings: Findings, pageCount: number): string {
  const lines: string[] = [];
  if (findings.differences.length > 0) {
    lines.push(`Differences between the source pages (openapi/sources/) and the specs (generated/):`, "");
    for (const difference of sortByPage(findings.differences)) lines.push(...formatDifference(difference));
    lines.push("");
  }
  for (const info of findings.infos) lines.push(`info: ${info}`);
  lines.push(summary(findings, pageCount));
  return lines.join("\n");
}

export function formatDifference({ page, where, message, details }: Difference): string[] {
  return [`  ${[page, ...where].join(" › ")}: ${message}`, ...details.map((detail) => `      ${detail}`)];
}

function summary(findings: Findings, pageCount: number): string {
  const counts = [...findings.counts]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([kind, count]) => `${count} ${kind}`)
    .join(", ");
  const differences = findings.differences.length;
  const outcome = differences === 0 ? "no differences" : `${differences} difference${differences === 1 ? "" : "s"}`;
  return `check:sources: ${outcome} — ${pageCount} pages checked against generated/ (${counts}); ${findings.infos.length} spec operations not on the pages`;
}

const rank = (kind: string): number => (KINDS.includes(kind) ? KINDS.indexOf(kind) : KINDS.length);

/** Grouped by page, each page's differences in the order they were found. */
function sortByPage(differences: readonly Difference[]): Difference[] {
  return [...differences].sort((a, b) => a.page.localeCompare(b.page));
}
