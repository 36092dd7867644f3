/**
 * `npm run docs:serve`: serves the built docs site (build/docs) until Ctrl-C.
 *
 *   tsx scripts/docs-serve.ts [--dir build/docs] [--port 8080] [--host 127.0.0.1]
 *
 * DOCS_PORT sets the default port. Build the site first with `npm run docs` (or `npm run build`).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { serveStatic } from "../src/docs/serve-static.js";
import { Supervisor, serverService } from "../src/process/supervisor.js";

const { values } = parseArgs({
  options: {
    dir: { type: "string", default: "build/docs" },
    port: { type: "string", default: process.env.DOCS_PORT ?? "8080" },
    host: { type: "string", default: "127.0.0.1" },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`docs:serve: the port must be a port number, not "${values.port}"`);
  process.exit(2);
}
if (!existsSync(join(values.dir, "index.html"))) {
  console.error(`docs:serve: ${values.dir}/index.html does not exist; build the site with npm run docs`);
  process.exit(1);
}

const supervisor = new Supervisor("docs:serve");
const server = await serveStatic(values.dir, port, values.host).catch((error: unknown) => supervisor.fail(`could not start: ${error}`));
supervisor.add(serverService("the docs server", server));
const address = server.address();
const url = `http://${values.host}:${typeof address === "object" && address ? address.port : port}/`;
console.log(`docs: ${url} (serving ${values.dir}); press Ctrl-C to stop`);
