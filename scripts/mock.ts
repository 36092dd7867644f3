/**
 * `npm run mock`: serves every API from its bundled spec with a Prism mock, request validation on:
 *   cloud-databases  http://127.0.0.1:4010   (--port)
 *   zcom-compute     http://127.0.0.1:4011   (--port + 1)
 * Ctrl-C stops both.
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
const { startPrism } = await import("../src/mock/prism.js");
const { onShutdown } = await import("../src/process/shutdown.js");

const ports = mockPorts(APIS, readPort(NAME, PORT_SOURCE, values.port));
const running: { stop(): Promise<void> }[] = [];
onShutdown(() => Promise.all(running.map((prism) => prism.stop())));

try {
  // Prism reports a busy port only in its log, after seconds of start-up: check every port first.
  for (const [index, api] of APIS.entries()) await ensurePortFree(ports[index]!, values.host, PORT_SOURCE, `${api.id} mock`);
  const urls: string[] = [];
  for (const [index, api] of APIS.entries()) {
    const port = ports[index]!;
    const prism = await startPrism({ specFile: bundlePath(api), port, host: values.host, inheritOutput: true }).catch((error: unknown) => {
      throw prismPortError(error, port, PORT_SOURCE, `${api.id} mock`);
    });
    running.push(prism);
    urls.push(prism.url);
  }
  for (const [index, api] of APIS.entries()) console.log(`mock: ${api.id} on ${urls[index]}`);
  console.log("mock: press Ctrl-C to stop");
} catch (error) {
  await Promise.all(running.map((prism) => prism.stop()));
  exitWithError(NAME, error);
}
