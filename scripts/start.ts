/**
 * `npm start`: build everything, then serve both Prism mocks and the reference docs until Ctrl-C.
 *   docs             http://127.0.0.1:8080   (--port, DOCS_PORT): the landing page, one reference per API
 *   cloud-databases  http://127.0.0.1:4010   (--mock-port, MOCK_PORT)
 *   zcom-compute     http://127.0.0.1:4011
 */
import { spawnSync } from "node:child_process";
import type { Server } from "node:http";
import { APIS, bundlePath } from "../src/apis.js";
import { commandLine } from "../src/cli/command-line.js";
import { ensurePortFree, exitWithError, listenOn, readPort } from "../src/cli/ports.js";
import { mockPorts, prismPortError } from "../src/cli/prism-ports.js";

const NAME = "start";
const DOCS_PORT = { flag: "--port", env: "DOCS_PORT" };
const MOCK_PORT = { flag: "--mock-port", env: "MOCK_PORT" };
const values = commandLine({
  name: NAME,
  summary: "npm run build, then the docs site and a Prism mock of each API, until Ctrl-C.",
  options: {
    port: { type: "string", value: "<port>", default: "8080", env: "DOCS_PORT", description: "port of the docs site" },
    "mock-port": {
      type: "string",
      value: "<port>",
      default: "4010",
      env: "MOCK_PORT",
      description: "port of the first API's mock; the next API's is one more",
    },
    host: {
      type: "string",
      value: "<host>",
      default: "127.0.0.1",
      env: "MOCK_HOST",
      description: "address the docs and the mocks listen on",
    },
  },
});
const host = values.host;
const docsPort = readPort(NAME, DOCS_PORT, values.port);
const ports = mockPorts(APIS, readPort(NAME, MOCK_PORT, values["mock-port"]));

try {
  // Before the build, which takes seconds: a busy port should not cost them.
  await ensurePortFree(docsPort, host, DOCS_PORT, "docs");
  for (const [index, api] of APIS.entries()) await ensurePortFree(ports[index]!, host, MOCK_PORT, `${api.id} mock`);
} catch (error) {
  exitWithError(NAME, error);
}

const build = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const { serveStatic } = await import("../src/docs/serve-static.js");
const { startPrism } = await import("../src/mock/prism.js");
const { onShutdown } = await import("../src/process/shutdown.js");

const running: { url: string; stop(): Promise<void> }[] = [];
let docs: Server | undefined;
const stopAll = async () => {
  docs?.close();
  await Promise.all(running.map((prism) => prism.stop()));
};
onShutdown(stopAll);
try {
  for (const [index, api] of APIS.entries()) {
    const port = ports[index]!;
    running.push(
      await startPrism({ specFile: bundlePath(api), port, host }).catch((error: unknown) => {
        throw prismPortError(error, port, MOCK_PORT, `${api.id} mock`);
      }),
    );
  }
  docs = await listenOn(() => serveStatic("build/docs", docsPort, host), docsPort, DOCS_PORT, "docs");
} catch (error) {
  await stopAll();
  exitWithError(NAME, error);
}

console.log(`\ndocs: http://${host}:${docsPort}/`);
for (const api of APIS) console.log(`      http://${host}:${docsPort}/${api.id}.html`);
for (const [index, api] of APIS.entries()) console.log(`mock: ${api.id} on ${running[index]!.url}`);
console.log("press Ctrl-C to stop");
