/**
 * `npm run sandbox`: the stateful sandbox of both APIs on one port.
 *
 *   tsx scripts/sandbox.ts [--port 4020] [--host 127.0.0.1] [--speed 1] [--tokens tokens.json]
 *
 *   Cloud Databases  http://127.0.0.1:4020/v1.0/{accountId}/…
 *   Z.com Compute    http://127.0.0.1:4020/v2/{tenant_id}/…
 *
 * --speed 60 runs the simulated clock 60 times faster than real time (a backup completes in about a
 * second instead of a minute). --tokens names a JSON file {"<token>": {"cloudDatabasesAccount": "…",
 * "zcomTenant": "…"}} replacing the demo tokens. Ctrl-C stops.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { onShutdown } from "../src/process/shutdown.js";
import { DEFAULT_CONFIG, DEMO_TOKEN, type TokenGrant } from "../src/sandbox/config.js";
import { createSandbox } from "../src/sandbox/server.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.SANDBOX_PORT ?? "4020" },
    host: { type: "string", default: "127.0.0.1" },
    speed: { type: "string", default: "1" },
    tokens: { type: "string" },
  },
});

function fail(message: string): never {
  console.error(`sandbox: ${message}`);
  process.exit(2);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, not "${values.port}"`);
const speed = Number(values.speed);
if (!(speed > 0)) fail(`--speed must be a positive number, not "${values.speed}"`);

let tokens: Record<string, TokenGrant> = DEFAULT_CONFIG.tokens;
if (values.tokens) {
  try {
    tokens = JSON.parse(readFileSync(values.tokens, "utf8")) as Record<string, TokenGrant>;
  } catch (error) {
    fail(`cannot read --tokens ${values.tokens}: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const [token, grant] of Object.entries(tokens)) {
    if (typeof grant?.cloudDatabasesAccount !== "string" || typeof grant?.zcomTenant !== "string") {
      fail(`--tokens ${values.tokens}: token "${token}" needs string fields cloudDatabasesAccount and zcomTenant`);
    }
  }
}

const sandbox = createSandbox({ speed, config: { tokens } });
onShutdown(() => sandbox.close());
const url = await sandbox.listen(port, values.host);
console.log(`sandbox: Cloud Databases on ${url}/v1.0, Z.com Compute on ${url}/v2 (clock speed ×${speed})`);
if (!values.tokens) console.log(`sandbox: demo token "${DEMO_TOKEN}" owns account 1234 and tenant 1864e71d2deb46f6b47526b69c65a45d`);
console.log("sandbox: POST /_sandbox/reset resets the data; press Ctrl-C to stop");
