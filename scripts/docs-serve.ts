/**
 * `npm run docs:serve`: serves the built docs site (build/docs) until Ctrl-C.
 *
 *   tsx scripts/docs-serve.ts [--dir build/docs] [--port 8080] [--host 127.0.0.1]
 *
 * DOCS_PORT sets the default port. Build the site first with `npm run docs` (or `npm run build`).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { commandLine } from "../src/cli/command-line.js";
import { ensurePortFree, exitWithError, listenOn, readPort } from "../src/cli/ports.js";

const NAME = "docs:serve";
const PORT_SOURCE = { flag: "--port", env: "DOCS_PORT" };
const values = commandLine({
  name: NAME,
  summary: "Serves the built docs site until Ctrl-C. Build it first with npm run docs (or npm run build).",
  options: {
    dir: { type: "string", value: "<dir>", default: "build/docs", description: "the site's folder" },
    port: { type: "string", value: "<port>", default: "8080", env: "DOCS_PORT", description: "port to listen on" },
    host: { type: "string", value: "<host>", default: "127.0.0.1", description: "address to listen on" },
  },
});

const port = readPort(NAME, PORT_SOURCE, values.port);
if (!existsSync(join(values.dir, "index.html"))) {
  console.error(`${NAME}: ${values.dir}/index.html does not exist; build the site with npm run docs`);
  process.exit(1);
}

await ensurePortFree(port, values.host, PORT_SOURCE).catch((error: unknown) => exitWithError(NAME, error));

const { serveStatic } = await import("../src/docs/serve-static.js");
const { Supervisor, serverService } = await import("../src/process/supervisor.js");

const supervisor = new Supervisor(NAME);
const server = await listenOn(() => serveStatic(values.dir, port, values.host), port, PORT_SOURCE).catch((error: unknown) =>
  exitWithError(NAME, error),
);
supervisor.add(serverService("the docs server", server));
const address = server.address();
const url = `http://${values.host}:${typeof address === "object" && address ? address.port : port}/`;
console.log(`docs: ${url} (serving ${values.dir}); press Ctrl-C to stop`);
