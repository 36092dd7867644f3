/**
 * `npm start`: build everything, then serve both Prism mocks and the reference docs until Ctrl-C.
 *   docs             http://127.0.0.1:8080   (--port, DOCS_PORT): the landing page, one reference per API
 *   cloud-databases  http://127.0.0.1:4010   (--mock-port, MOCK_PORT)
 *   zcom-compute     http://127.0.0.1:4011
 * If any of them stops on its own, or anything fails, everything stops with a message and exit 1: no mock
 * is ever left running without the others.
 */
import { spawnSync } from "node:child_process";
import { APIS, bundlePath } from "../src/apis.js";
import { commandLine } from "../src/cli/command-line.js";
import { ensurePortFree, exitWithError, readPort } from "../src/cli/ports.js";
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
const { Supervisor, serverService } = await import("../src/process/supervisor.js");

const supervisor = new Supervisor(NAME);
const urls: string[] = [];
await supervisor.starting(async () => {
  for (const [index, api] of APIS.entries()) {
    const port = ports[index]!;
    const prism = await startPrism({ specFile: bundlePath(api), port, host }).catch((error: unknown) => {
      throw prismPortError(error, port, MOCK_PORT, `${api.id} mock`);
    });
    supervisor.add(prism);
    urls.push(prism.url);
  }
  supervisor.add(serverService(`the docs server on http://${host}:${docsPort}/`, await serveStatic("build/docs", docsPort, host)));
});

console.log(`\ndocs: http://${host}:${docsPort}/`);
for (const api of APIS) console.log(`      http://${host}:${docsPort}/${api.id}.html`);
for (const [index, api] of APIS.entries()) console.log(`mock: ${api.id} on ${urls[index]}`);
console.log("press Ctrl-C to stop");
