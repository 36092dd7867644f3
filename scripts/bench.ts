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
import { parseArgs } from "node:util";
import { measureClientCost } from "../src/bench/client-cost.js";
import { load } from "../src/bench/load.js";
import { canPin, describeMachine, othersCpuShare, pin, processTicks } from "../src/bench/machine.js";
import { measurePipeline } from "../src/bench/pipeline.js";
import { type BenchReport, type ClientRow, type LoadRow, type PipelineRow, ratios, toMarkdown } from "../src/bench/report.js";
import { type BenchServer, fetchOnce, startBareServer, startPrismServer, startSandboxServer } from "../src/bench/servers.js";
import { onShutdown } from "../src/process/shutdown.js";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    repeat: { type: "string", default: "3" },
    connections: { type: "string", default: "1,50" },
    "client-time": { type: "string", default: "2000" },
    "skip-load": { type: "boolean", default: false },
    "skip-client": { type: "boolean", default: false },
    "skip-pipeline": { type: "boolean", default: false },
    "no-pin": { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    out: { type: "string", default: "build/bench" },
  },
});

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!(value > 0)) {
    console.error(`bench: --${name} must be a positive number, not "${text}"`);
    process.exit(2);
  }
  return value;
}
const duration = positive("duration", values.duration);
const warmup = positive("warmup", values.warmup);
const repeats = Math.round(positive("repeat", values.repeat));
const connections = values.connections.split(",").map((text) => Math.round(positive("connections", text)));
const clientTime = positive("client-time", values["client-time"]);
const outDir = resolve(values.out);
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
