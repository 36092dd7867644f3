/**
 * `npm run mock`: serves every API from its bundled spec with a Prism mock, request validation on:
 *   cloud-databases  http://127.0.0.1:4010   (--port)
 *   zcom-compute     http://127.0.0.1:4011   (--port + 1)
 * Ctrl-C stops both; if either stops on its own, so does the other (exit 1, saying which). Each mock
 * answers malformed requests Prism cannot take with the API's 400 fault.
 */
import { commandLine } from "../src/cli/command-line.js";
import { ensurePortFree, exitWithError, readPort } from "../src/cli/ports.js";
import { mockPorts, prismPortError } from "../src/cli/prism-ports.js";

const NAME = "mock";
const PORT_SOURCE = { flag: "--port", env: "MOCK_PORT" };
const values = commandLine({
  name: NAME,
  summary: "Prism mocks of the bundled specs (generated/), one per API on consecutive ports, request validation on, until Ctrl-C.",
  options: {
    port: {
      type: "string",
      value: "<port>",
      default: "4010",
      env: "MOCK_PORT",
      description: "port of the first API's mock; the next API's is one more",
    },
    host: { type: "string", value: "<host>", default: "127.0.0.1", env: "MOCK_HOST", description: "address to listen on" },
  },
});

const { APIS, bundlePath } = await import("../src/apis.js");
const ports = mockPorts(APIS, readPort(NAME, PORT_SOURCE, values.port));
// Prism reports a busy port only in its log, after seconds of start-up: check every port first.
for (const [index, api] of APIS.entries()) {
  await ensurePortFree(ports[index]!, values.host, PORT_SOURCE, `${api.id} mock`).catch((error: unknown) => exitWithError(NAME, error));
}

const { startPrism } = await import("../src/mock/prism.js");
const { Supervisor } = await import("../src/process/supervisor.js");

const supervisor = new Supervisor(NAME);
const urls: string[] = [];
await supervisor.starting(async () => {
  for (const [index, api] of APIS.entries()) {
    const port = ports[index]!;
    const prism = await startPrism({ specFile: bundlePath(api), port, host: values.host, inheritOutput: true }).catch((error: unknown) => {
      throw prismPortError(error, port, PORT_SOURCE, `${api.id} mock`);
    });
    supervisor.add(prism);
    urls.push(prism.url);
  }
});
for (const [index, api] of APIS.entries()) console.log(`mock: ${api.id} on ${urls[index]}`);
console.log("mock: press Ctrl-C to stop");
