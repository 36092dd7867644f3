/**
 * `npm start`: build everything, then serve both Prism mocks and the reference docs until Ctrl-C.
 *   docs             http://127.0.0.1:8080   (DOCS_PORT to change): the landing page, one reference per API
 *   cloud-databases  http://127.0.0.1:4010
 *   zcom-compute     http://127.0.0.1:4011
 */
import { spawnSync } from "node:child_process";
import type { Server } from "node:http";
import { APIS, bundlePath } from "../src/apis.js";
import { serveStatic } from "../src/docs/serve-static.js";
import { type RunningPrism, startPrism } from "../src/mock/prism.js";
import { onShutdown } from "../src/process/shutdown.js";

const host = process.env.MOCK_HOST ?? "127.0.0.1";
const docsPort = Number(process.env.DOCS_PORT ?? 8080);

const build = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const running: RunningPrism[] = [];
let docs: Server | undefined;
onShutdown(async () => {
  docs?.close();
  await Promise.all(running.map((prism) => prism.stop()));
});
for (const api of APIS) running.push(await startPrism({ specFile: bundlePath(api), port: api.mockPort, host }));
docs = await serveStatic("build/docs", docsPort, host);

console.log(`\ndocs: http://${host}:${docsPort}/`);
for (const api of APIS) console.log(`      http://${host}:${docsPort}/${api.id}.html`);
for (const [index, api] of APIS.entries()) console.log(`mock: ${api.id} on ${running[index]!.url}`);
console.log("press Ctrl-C to stop");
