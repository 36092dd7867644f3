/**
 * Serves every API from its bundled spec with a Prism mock, request validation on:
 *   cloud-databases  http://127.0.0.1:4010
 *   zcom-compute     http://127.0.0.1:4011
 * Set MOCK_HOST to listen elsewhere. Ctrl-C stops both.
 */
import { APIS, bundlePath } from "../src/apis.js";
import { type RunningPrism, startPrism } from "../src/mock/prism.js";
import { onShutdown } from "../src/process/shutdown.js";

const host = process.env.MOCK_HOST ?? "127.0.0.1";
const running: RunningPrism[] = [];
onShutdown(() => Promise.all(running.map((prism) => prism.stop())));

for (const api of APIS) {
  running.push(await startPrism({ specFile: bundlePath(api), port: api.mockPort, host, inheritOutput: true }));
}
for (const [index, api] of APIS.entries()) console.log(`mock: ${api.id} on ${running[index]!.url}`);
console.log("mock: press Ctrl-C to stop");
