/**
 * Serves every API from its bundled spec with a Prism mock, request validation on:
 *   cloud-databases  http://127.0.0.1:4010
 *   zcom-compute     http://127.0.0.1:4011
 * Set MOCK_HOST to listen elsewhere. Ctrl-C stops both; if either stops on its own, so does the other
 * (exit 1, saying which). Each mock answers malformed requests Prism cannot take with the API's 400 fault.
 */
import { APIS, bundlePath } from "../src/apis.js";
import { type RunningPrism, startPrism } from "../src/mock/prism.js";
import { Supervisor } from "../src/process/supervisor.js";

const host = process.env.MOCK_HOST ?? "127.0.0.1";
const supervisor = new Supervisor("mock");
const running: RunningPrism[] = [];

await supervisor.starting(async () => {
  for (const api of APIS) {
    const prism = await startPrism({ specFile: bundlePath(api), port: api.mockPort, host, inheritOutput: true });
    running.push(prism);
    supervisor.add(prism);
  }
});
for (const [index, api] of APIS.entries()) console.log(`mock: ${api.id} on ${running[index]!.url}`);
console.log("mock: press Ctrl-C to stop");
