/**
 * Runs Redocly CLI's `redocly diff <base> <revision>` (experimental in @redocly/cli 2.x) and returns
 * its JSON report.
 *
 * Why Redocly's diff and not another tool (evaluated for issue 7; this machine, the developers' and CI
 * reach only the npm registry):
 * - `@pb33f/openapi-changes` is a Go binary: its npm package's postinstall downloads the release archive
 *   from GitHub, so `npm install` fails offline (ENOTFOUND github.com).
 * - `@useoptic/optic` installs from the registry alone (633 packages, 211 MB, with Sentry, Segment and
 *   Scarf telemetry to switch off), but 1.0.9 crashes on start with the dependency versions its ranges
 *   resolve to today (spectral's ajv: "SyntaxError: Unexpected token ':'"), and its README announces
 *   that Optic Labs is now part of Atlassian.
 * - Redocly CLI is already a pinned dependency (lint, bundle, docs; 2.77.0, a maintained 2.x line), runs
 *   offline with telemetry off, and its `diff` knows request from response direction (a removed
 *   response property breaks, a removed optional request property of an open object does not) and rates
 *   every change by the semver bump it needs. It is experimental, so the report format is checked here
 *   (reportVersion "1") and tests/breaking/ pins what it must catch.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { REDOCLY_BIN, REDOCLY_ENV } from "../build/redocly-cli.js";

/** The diff rule set: `extends: [diff-recommended]`, telemetry off. */
export const DIFF_CONFIG = fileURLToPath(new URL("./redocly-diff.yaml", import.meta.url));

export type Impact = "major" | "minor" | "patch";

export interface DiffLocation {
  readonly file: string;
  /** Where the node is in that file, e.g. `#/components/schemas/BackupStatus/enum`. */
  readonly pointer: string;
  readonly line?: number;
  readonly col?: number;
  readonly value?: unknown;
}

export interface DiffVerdict {
  readonly ruleId: string;
  readonly impact: Impact;
  readonly message: string;
  readonly location?: DiffLocation;
}

/** One changed node, reached from the document root (`#/paths/~1{accountId}~1backups/get/…`). */
export interface DiffChange {
  readonly path: string;
  readonly typeName: string;
  readonly kind: "added" | "removed" | "modified";
  readonly impact: Impact;
  readonly verdicts: readonly DiffVerdict[];
  /** For `modified`: the keyword that changed (`enum`, `type`, `required`, …). */
  readonly property?: string;
  readonly base?: DiffLocation;
  readonly revision?: DiffLocation;
}

export interface DiffReport {
  readonly reportVersion: string;
  readonly infoVersions: { readonly base?: string; readonly revision?: string };
  readonly summary: { readonly major: number; readonly minor: number; readonly patch: number };
  readonly changes: readonly DiffChange[];
}

/** Compares two bundled specs with `redocly diff --format json`; throws if the CLI cannot compare them. */
export async function redoclyDiff(baseFile: string, revisionFile: string, cwd = process.cwd()): Promise<DiffReport> {
  const dir = await mkdtemp(join(tmpdir(), "redocly-diff-"));
  const output = join(dir, "diff.json");
  try {
    const args = [
      REDOCLY_BIN,
      "diff",
      baseFile,
      revisionFile,
      "--config",
      DIFF_CONFIG,
      "--lint-config",
      "off",
      "--format",
      "json",
      "--output",
      output,
      // The exit code is not the verdict: the caller decides, knowing the versions and its own rules.
      "--fail-on",
      "none",
    ];
    const { code, text } = await run(args, cwd);
    if (code !== 0) throw new Error(`redocly diff ${baseFile} ${revisionFile} exited with ${code}:\n${text}`);
    const report = JSON.parse(await readFile(output, "utf8")) as DiffReport;
    if (report.reportVersion !== "1" || !Array.isArray(report.changes)) {
      throw new Error(`redocly diff wrote a report of an unknown format (reportVersion ${String(report.reportVersion)})`);
    }
    return report;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(args: readonly string[], cwd: string): Promise<{ code: number | null; text: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: REDOCLY_ENV, stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.on("data", (chunk) => (text += chunk));
    child.stderr.on("data", (chunk) => (text += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, text }));
  });
}
