import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parse } from "yaml";
import { type ApiDefinition, bundlePath } from "../apis.js";
import { BASELINE_DIR } from "./baseline.js";
import { type BreakingChange, breakingChanges } from "./classify.js";
import { redoclyDiff } from "./redocly-diff.js";

export { BASELINE_DIR };

export interface BreakingCheckOptions {
  /** The released specs (default openapi/baseline). */
  readonly baselineDir?: string;
  /** The specs to release (default generated). */
  readonly revisionDir?: string;
  /** The project root the folders are relative to (default the working directory). */
  readonly cwd?: string;
}

export interface BreakingCheck {
  readonly api: ApiDefinition;
  readonly baselineFile: string;
  readonly revisionFile: string;
  readonly baselineVersion: string | undefined;
  readonly revisionVersion: string | undefined;
  /** info.version's MAJOR is higher in the revision than in the baseline: breaking changes are allowed. */
  readonly majorRaised: boolean;
  readonly breaking: readonly BreakingChange[];
}

export const passes = (check: BreakingCheck): boolean => check.breaking.length === 0 || check.majorRaised;

/** The MAJOR of a semantic version (`1.0.0`, `v2.1`), or undefined when it has none. */
export function majorOf(version: string | undefined): number | undefined {
  const match = /^v?(\d+)(?:\.|$)/.exec(version?.trim() ?? "");
  return match ? Number(match[1]) : undefined;
}

/** Compares one API's bundle with its baseline; throws if either file is missing or unreadable. */
export async function checkBreaking(api: ApiDefinition, options: BreakingCheckOptions = {}): Promise<BreakingCheck> {
  const cwd = options.cwd ?? process.cwd();
  const baselineFile = bundlePath(api, options.baselineDir ?? BASELINE_DIR);
  const revisionFile = bundlePath(api, options.revisionDir ?? "generated");
  const [baseText, revisionText] = await Promise.all([
    readFile(resolve(cwd, baselineFile), "utf8"),
    readFile(resolve(cwd, revisionFile), "utf8"),
  ]);
  const base = parse(baseText) as { info?: { version?: string } };
  const revision = parse(revisionText) as { info?: { version?: string } };
  const report = await redoclyDiff(baselineFile, revisionFile, cwd);
  const baselineVersion = base.info?.version;
  const revisionVersion = revision.info?.version;
  const before = majorOf(baselineVersion);
  const after = majorOf(revisionVersion);
  return {
    api,
    baselineFile,
    revisionFile,
    baselineVersion,
    revisionVersion,
    majorRaised: before !== undefined && after !== undefined && after > before,
    breaking: breakingChanges(report, base, revision),
  };
}

/** ", used by 5 operations:" after where a changed component is defined. */
function usedBy(change: BreakingChange): string {
  const count = change.usedBy?.length ?? 0;
  return count === 0 ? "" : `, used by ${count} operation${count === 1 ? "" : "s"}:`;
}

/** The readable verdict of one API: each breaking change with operation, place, message and rule. */
export function formatCheck(check: BreakingCheck): string {
  const versions = `info.version ${check.baselineVersion ?? "(none)"} → ${check.revisionVersion ?? "(none)"}`;
  const head = `${check.api.id}: ${check.revisionFile} against ${check.baselineFile} (${versions})`;
  if (check.breaking.length === 0) return `${head}\n  ✔ no breaking changes`;
  const lines = [head];
  const mark = check.majorRaised ? "•" : "✖";
  for (const change of check.breaking) {
    lines.push(`  ${mark} ${change.operation}${change.where ? ` — ${change.where}` : ""}`);
    lines.push(`      ${change.message} [${change.rule}]`);
    if (change.definedAt) lines.push(`      defined at ${change.definedAt}${usedBy(change)}`);
    for (const use of change.usedBy ?? []) lines.push(`        ${use.operation} — ${use.parts.join(", ")}`);
  }
  const count = `${check.breaking.length} breaking change${check.breaking.length === 1 ? "" : "s"}`;
  lines.push(
    check.majorRaised
      ? `  ✔ ${count}, allowed: the MAJOR of info.version was raised (${versions}).`
      : `  ✖ ${count}: raise the MAJOR of info.version in openapi/${check.api.id}/openapi.yaml (now ${check.revisionVersion ?? "none"}, released ${check.baselineVersion ?? "none"}), or undo ${check.breaking.length === 1 ? "it" : "them"}.`,
  );
  return lines.join("\n");
}
