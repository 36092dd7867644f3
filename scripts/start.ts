/**
 * `npm start`: build everything, then serve both Prism mocks and the reference docs until Ctrl-C.
 *   docs             http://127.0.0.1:8080   (DOCS_PORT to change): the landing page, one reference per API
 *   cloud-databases  http://127.0.0.1:4010
 *   zcom-compute     http://127.0.0.1:4011
 * If any of them stops on its own, or anything fails, everything stops with a message and exit 1: no mock
 * is ever left running without the others.
 */
import { spawnSync } from "node:child_process";
import { APIS, bundlePath } from "../src/apis.js";
import { serveStatic } from "../src/docs/serve-static.js";
import { type RunningPrism, startPrism } from "../src/mock/prism.js";
import { Supervisor, serverService } from "../src/process/supervisor.js";

const host = process.env.MOCK_HOST ?? "127.0.0.1";
const docsPort = Number(process.env.DOCS_PORT ?? 8080);

const build = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const supervisor = new Supervisor("start");
const running: RunningPrism[] = [];
await supervisor.starting(async () => {
  for (const api of APIS) {
    const prism = await startPrism({ specFile: bundlePath(api), port: api.mockPort, host });
    running.push(prism);
    supervisor.add(prism);
  }
  supervisor.add(serverService(`the docs server on http://${host}:${docsPort}/`, await serveStatic("build/docs", docsPort, host)));
});

console.log(`\ndocs: http://${host}:${docsPort}/`);
for (const api of APIS) console.log(`      http://${host}:${docsPort}/${api.id}.html`);
for (const [index, api] of APIS.entries()) console.log(`mock: ${api.id} on ${running[index]!.url}`);
console.log("press Ctrl-C to stop");
