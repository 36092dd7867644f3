import type { Machine } from "./machine.js";
import { machineLine } from "./machine.js";
import { median, spread } from "./stats.js";

export interface LoadRow {
  readonly server: string;
  readonly connections: number;
  /** One value per repeat. */
  readonly requestsPerSecond: readonly number[];
  readonly p50: readonly number[];
  readonly p99: readonly number[];
  /** Other processes' CPU during each repeat, in cores (0.1 = a tenth of a core). */
  readonly othersCpu: readonly number[];
  readonly bodyBytes: number;
}

export interface ClientRow {
  readonly call: string;
  /** Microseconds per call, one value per round. */
  readonly mean: readonly number[];
  readonly p50: readonly number[];
  readonly p99: readonly number[];
}

export interface PipelineRow {
  readonly step: string;
  /** Seconds, one value per round. */
  readonly seconds: readonly number[];
}

export interface Ratio {
  readonly name: string;
  readonly value: number;
  readonly goal: string;
  readonly met: boolean;
}

export interface BenchReport {
  readonly date: string;
  readonly machine: Machine;
  readonly settings: {
    readonly durationSeconds: number;
    readonly warmupSeconds: number;
    readonly repeats: number;
    readonly connections: readonly number[];
    readonly pinned: boolean;
  };
  readonly load: readonly LoadRow[];
  readonly client: readonly ClientRow[];
  readonly pipeline: readonly PipelineRow[];
  readonly ratios: readonly Ratio[];
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : "–");
const percent = (value: number) => `±${Math.round((value * 100) / 2)}%`;
const thousands = (value: number) => Math.round(value).toLocaleString("en-US");

/** The headline ratios, from medians of the repeats. */
export function ratios(load: readonly LoadRow[], client: readonly ClientRow[]): Ratio[] {
  const rps = (server: string, connections: number) =>
    median(load.find((row) => row.server === server && row.connections === connections)?.requestsPerSecond ?? []);
  const found: Ratio[] = [];
  for (const connections of [...new Set(load.map((row) => row.connections))]) {
    const sandbox = rps("sandbox", connections);
    const bare = rps("bare node:http", connections);
    const prism = rps("Prism", connections);
    if (Number.isFinite(sandbox) && Number.isFinite(bare)) {
      const value = sandbox / bare;
      found.push({ name: `sandbox / bare node:http, req/s, ${connections} conn.`, value, goal: "≥ 0.5", met: value >= 0.5 });
    }
    if (Number.isFinite(sandbox) && Number.isFinite(prism)) {
      const value = sandbox / prism;
      found.push({ name: `sandbox / Prism, req/s, ${connections} conn.`, value, goal: "≥ 5", met: value >= 5 });
    }
  }
  const raw = client.find((row) => row.call === "raw fetch");
  const typed = client.find((row) => row.call === "openapi-fetch client");
  if (raw && typed) {
    const value = median(typed.mean) / median(raw.mean);
    found.push({ name: "openapi-fetch client / raw fetch, time per call", value, goal: "≤ 1.2", met: value <= 1.2 });
  }
  return found;
}

/** The report as Markdown: machine line, load table, client table, pipeline table, ratios. */
export function toMarkdown(report: BenchReport): string {
  const { settings } = report;
  const lines = [
    `Machine: ${machineLine(report.machine)}; load average ${report.machine.loadAverageAtStart} at the start. ${report.date}.`,
    "",
    `Load: autocannon on 127.0.0.1, \`GET …/1234/backups\`, each server in its own child process${settings.pinned ? " pinned to CPU 1, autocannon to CPU 0" : ""}; ` +
      `${settings.warmupSeconds} s warm-up, then ${settings.repeats} × ${settings.durationSeconds} s per cell, interleaved; ` +
      "median of the repeats, ± half their range (max − min) as a share of the median; p50/p99 over every response of the median run.",
    "",
    "| server | connections | requests/s | p50 ms | p99 ms | response bytes | other processes' CPU |",
    "|---|---:|---:|---:|---:|---:|---:|",
  ];
  for (const row of report.load) {
    const index = medianIndex(row.requestsPerSecond);
    lines.push(
      `| ${row.server} | ${row.connections} | ${thousands(median(row.requestsPerSecond))} ${percent(spread(row.requestsPerSecond))} | ` +
        `${fixed(row.p50[index] ?? Number.NaN, 3)} | ${fixed(row.p99[index] ?? Number.NaN, 3)} | ${row.bodyBytes} | ` +
        `${fixed(Math.max(...row.othersCpu), 2)} cores max |`,
    );
  }
  if (report.client.length > 0) {
    lines.push("", "| call (tinybench, against the bare server) | mean µs | p50 µs | p99 µs |", "|---|---:|---:|---:|");
    for (const row of report.client) {
      lines.push(
        `| ${row.call} | ${fixed(median(row.mean), 1)} ${percent(spread(row.mean))} | ${fixed(median(row.p50), 1)} | ${fixed(median(row.p99), 1)} |`,
      );
    }
  }
  if (report.pipeline.length > 0) {
    lines.push("", "| pipeline (checkout of HEAD in a temp folder) | seconds |", "|---|---:|");
    for (const row of report.pipeline) lines.push(`| ${row.step} | ${fixed(median(row.seconds), 1)} ${percent(spread(row.seconds))} |`);
  }
  lines.push("", "| ratio | value | goal | met |", "|---|---:|---|---|");
  for (const ratio of report.ratios)
    lines.push(`| ${ratio.name} | ${fixed(ratio.value, 2)} | ${ratio.goal} | ${ratio.met ? "yes" : "**no**"} |`);
  return `${lines.join("\n")}\n`;
}

/** The index of the median value (the lower middle one for an even count). */
export function medianIndex(values: readonly number[]): number {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  return order[Math.floor((order.length - 1) / 2)]?.index ?? 0;
}
