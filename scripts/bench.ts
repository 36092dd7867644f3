/**
 * `npm run bench`: how fast the sandbox, the Prism mock and a bare node:http server answer the same
 * request, what the generated client costs per call, and how long the build takes. Not part of
 * `npm test`: it takes minutes and its numbers depend on the machine.
 *
 *   tsx scripts/bench.ts [--duration 10] [--warmup 3] [--repeat 3] [--connections 1,50]
 *                        [--client-time 2000] [--skip-load] [--skip-client] [--skip-pipeline]
 *                        [--no-pin] [--profile] [--out build/bench]
 *
 * The request is `GET /v1.0/1234/backups` on the sandbox (token demo-token, the documented examples'
 * data), `GET /1234/backups` with `Prefer: example=listBackups.200` on Prism, and any path on the bare
 * server, which answers with the sandbox's response bytes, fetched once. Each server runs in its own
 * child process on 127.0.0.1; on Linux with two cores or more, autocannon (this process) is pinned to
 * CPU 0 and the server under load to CPU 1, so they do not take turns on one core. Every cell is
 * measured --repeat times, interleaved, after a warm-up; the report gives the median and the spread, and
 * how much CPU other processes took meanwhile (a shared machine makes numbers noisy).
 *
 * Prints a Markdown table and writes it, with the raw numbers as JSON, to build/bench/ (git-ignored).
 * --profile starts the sandbox with `node --cpu-prof` and leaves the profile in build/bench/profiles/.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { BenchReport, ClientRow, LoadRow, PipelineRow } from "../src/bench/report.js";
import type { BenchServer } from "../src/bench/servers.js";
import { commandLine, usageError } from "../src/cli/command-line.js";

const values = commandLine({
  name: "bench",
  summary:
    "Loads the sandbox, Prism and a bare node:http server with the same request, times the generated client against raw fetch " +
    "and the build, and writes build/bench/bench.md and bench.json. Takes minutes; not part of npm test.",
  options: {
    duration: { type: "string", value: "<s>", default: "10", description: "seconds of load per measurement" },
    warmup: { type: "string", value: "<s>", default: "3", description: "seconds of warm-up per server" },
    repeat: { type: "string", value: "<n>", default: "3", description: "measurements per cell, interleaved" },
    connections: { type: "string", value: "<list>", default: "1,50", description: "concurrent connections, comma-separated" },
    "client-time": { type: "string", value: "<ms>", default: "2000", description: "tinybench time per client task" },
    "skip-load": { type: "boolean", description: "do not load the servers" },
    "skip-client": { type: "boolean", description: "do not time the client" },
    "skip-pipeline": { type: "boolean", description: "do not time the build" },
    "no-pin": { type: "boolean", description: "do not pin the servers and the load generator to separate CPUs" },
    profile: { type: "boolean", description: "leave the sandbox's CPU profile in <out>/profiles/" },
    out: { type: "string", value: "<dir>", default: "build/bench", description: "where the report goes" },
  },
});

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!(value > 0)) {
    usageError(`bench: --${name} must be a positive number, not "${text}"`);
  }
  return value;
}
const duration = positive("duration", values.duration);
const warmup = positive("warmup", values.warmup);
const repeats = Math.round(positive("repeat", values.repeat));
const connections = values.connections.split(",").map((text) => Math.round(positive("connections", text)));
const clientTime = positive("client-time", values["client-time"]);
const outDir = resolve(values.out);

const { measureClientCost } = await import("../src/bench/client-cost.js");
const { load } = await import("../src/bench/load.js");
const { canPin, describeMachine, othersCpuShare, pin, processTicks } = await import("../src/bench/machine.js");
const { measurePipeline } = await import("../src/bench/pipeline.js");
const { ratios, toMarkdown } = await import("../src/bench/report.js");
const { fetchOnce, startBareServer, startPrismServer, startSandboxServer } = await import("../src/bench/servers.js");
const { onShutdown } = await import("../src/process/shutdown.js");

const pinned = !values["no-pin"] && canPin();

const log = (message: string) => console.error(`bench: ${message}`);
const servers: BenchServer[] = [];
onShutdown(() => Promise.all(servers.map((server) => server.stop())));

async function pipelineRows(): Promise<PipelineRow[]> {
  const rounds = [];
  for (let round = 1; round <= repeats; round++) {
    log(`pipeline round ${round}/${repeats}`);
    rounds.push(await measurePipeline(round));
  }
  return [
    { step: "`npm run build` from clean (lint, bundle, types, docs)", seconds: rounds.map((round) => round.cleanBuild) },
    { step: "edit one example → `npm run build` → fresh generated/", seconds: rounds.map((round) => round.editBuild) },
    { step: "edit one example → `npm run build -- --no-docs` → fresh generated/", seconds: rounds.map((round) => round.editBuildNoDocs) },
  ];
}

async function startServers(): Promise<{ bare: BenchServer; sandbox: BenchServer; prism: BenchServer; bodyBytes: Map<string, number> }> {
  const profileDir = join(outDir, "profiles");
  const sandbox = await startSandboxServer(values.profile ? { nodeFlags: ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] } : {});
  servers.push(sandbox);
  const reference = await fetchOnce(sandbox);
  if (reference.status !== 200) throw new Error(`the sandbox answered ${reference.status} to ${sandbox.url}`);
  const bare = await startBareServer(reference.body, reference.contentType, outDir);
  servers.push(bare);
  const prism = await startPrismServer();
  servers.push(prism);
  const bodyBytes = new Map<string, number>();
  for (const server of [bare, sandbox, prism]) {
    const answer = await fetchOnce(server);
    if (answer.status !== 200) throw new Error(`${server.name} answered ${answer.status} to ${server.url}`);
    bodyBytes.set(server.name, answer.body.length);
    if (pinned && server.pid !== undefined) pin(server.pid, "1");
  }
  if (pinned) pin(process.pid, "0");
  return { bare, sandbox, prism, bodyBytes };
}

async function loadRows(order: readonly BenchServer[], bodyBytes: Map<string, number>): Promise<LoadRow[]> {
  const ours = new Set([process.pid, process.ppid, ...order.map((server) => server.pid ?? -1)]);
  const rows = new Map<string, { requestsPerSecond: number[]; p50: number[]; p99: number[]; othersCpu: number[] }>();
  for (const server of order) {
    log(`warm-up ${server.name} (${warmup} s)`);
    await load(server, { connections: Math.max(...connections), duration: warmup });
  }
  for (let round = 1; round <= repeats; round++) {
    for (const count of connections) {
      for (const server of order) {
        const before = processTicks();
        const result = await load(server, { connections: count, duration });
        const others = othersCpuShare(before, processTicks(), ours, duration);
        if (result.failures > 0) throw new Error(`${server.name}: ${result.failures} failed requests at ${count} connections`);
        log(
          `round ${round}/${repeats} ${server.name} ${count} conn.: ${Math.round(result.requestsPerSecond)} req/s, ` +
            `p50 ${result.p50.toFixed(3)} ms, p99 ${result.p99.toFixed(3)} ms, other processes ${others.toFixed(2)} cores`,
        );
        const key = `${server.name}|${count}`;
        const row = rows.get(key) ?? { requestsPerSecond: [], p50: [], p99: [], othersCpu: [] };
        row.requestsPerSecond.push(result.requestsPerSecond);
        row.p50.push(result.p50);
        row.p99.push(result.p99);
        row.othersCpu.push(others);
        rows.set(key, row);
      }
    }
  }
  return connections.flatMap((count) =>
    order.map((server) => ({
      server: server.name,
      connections: count,
      bodyBytes: bodyBytes.get(server.name) ?? 0,
      ...rows.get(`${server.name}|${count}`)!,
    })),
  );
}

async function clientRows(bare: BenchServer): Promise<ClientRow[]> {
  const baseUrl = bare.url.slice(0, bare.url.indexOf("/v1.0") + "/v1.0".length);
  const raw: ClientRow = { call: "raw fetch", mean: [], p50: [], p99: [] };
  const client: ClientRow = { call: "openapi-fetch client", mean: [], p50: [], p99: [] };
  for (let round = 1; round <= repeats; round++) {
    log(`client round ${round}/${repeats} (tinybench, ${clientTime} ms per task)`);
    const result = await measureClientCost(baseUrl, clientTime, round % 2 === 0);
    for (const [row, cost] of [
      [raw, result.rawFetch],
      [client, result.client],
    ] as const) {
      (row.mean as number[]).push(cost.mean);
      (row.p50 as number[]).push(cost.p50);
      (row.p99 as number[]).push(cost.p99);
    }
  }
  return [raw, client];
}

async function main(): Promise<void> {
  const machine = describeMachine();
  await mkdir(outDir, { recursive: true });
  // The builds first, before this process is pinned to one CPU (their children would inherit it).
  const pipeline = values["skip-pipeline"] ? [] : await pipelineRows();
  let loadResult: LoadRow[] = [];
  let client: ClientRow[] = [];
  if (!values["skip-load"] || !values["skip-client"]) {
    const { bare, sandbox, prism, bodyBytes } = await startServers();
    try {
      if (!values["skip-load"]) loadResult = await loadRows([bare, sandbox, prism], bodyBytes);
      if (!values["skip-client"]) client = await clientRows(bare);
    } finally {
      await Promise.all(servers.splice(0).map((server) => server.stop()));
    }
  }
  const report: BenchReport = {
    date: new Date().toISOString(),
    machine,
    settings: { durationSeconds: duration, warmupSeconds: warmup, repeats, connections, pinned },
    load: loadResult,
    client,
    pipeline,
    ratios: ratios(loadResult, client),
  };
  const markdown = toMarkdown(report);
  await writeFile(join(outDir, "bench.json"), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(outDir, "bench.md"), markdown);
  console.log(markdown);
  log(`wrote ${join(values.out, "bench.md")} and ${join(values.out, "bench.json")}`);
  if (values.profile) log(`the sandbox's CPU profile is in ${join(values.out, "profiles")} (open it in Chrome DevTools › Performance)`);
}

main().catch(async (error: unknown) => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
