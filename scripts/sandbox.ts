/**
 * `npm run sandbox`: the stateful sandbox of both APIs on one port.
 *
 *   tsx scripts/sandbox.ts [--port 4020] [--host 127.0.0.1] [--speed 1] [--tokens tokens.json] [--reject-unknown-fields]
 *     [--admin-token <token>] [--public-origin <origin>] [--request-timeout 30] [--headers-timeout 10]
 *     [--idle-timeout 30] [--max-connections 900] [--quotas backups=200,instances=50,images=100]
 *
 *   Cloud Databases  http://127.0.0.1:4020/v1.0/{accountId}/… (region dfw), and http://127.0.0.1:4020/{region}/v1.0/…
 *   Z.com Compute    http://127.0.0.1:4020/v2/{tenant_id}/…
 *
 * --speed 60 runs the simulated clock 60 times faster than real time (a backup completes in about a
 * second instead of a minute). --tokens names a JSON file {"<token>": {"cloudDatabasesAccount": "…",
 * "zcomTenant": "…"}} replacing the demo tokens. --reject-unknown-fields (or SANDBOX_REJECT_UNKNOWN_FIELDS=1)
 * refuses request fields the spec does not define with 400, where the real servers ignore them: a typo
 * shows at once. --help lists every option. Ctrl-C stops.
 */
import { readFileSync } from "node:fs";
import { commandLine, usageError } from "../src/cli/command-line.js";
import { ensurePortFree, exitWithError, listenOn, readPort } from "../src/cli/ports.js";
import { parseSpeed } from "../src/sandbox/clock.js";
import {
  checkLimits,
  DEFAULT_CONFIG,
  DEMO_TOKEN,
  parsePublicOrigin,
  parseQuotas,
  resolveAdminToken,
  type TokenGrant,
} from "../src/sandbox/config.js";

const NAME = "sandbox";
const values = commandLine({
  name: NAME,
  summary: "The stateful sandbox of both APIs on one port (Cloud Databases under /v1.0, Z.com Compute under /v2), until Ctrl-C.",
  options: {
    port: { type: "string", value: "<port>", default: "4020", env: "SANDBOX_PORT", description: "port to listen on" },
    host: { type: "string", value: "<host>", default: "127.0.0.1", description: "address to listen on" },
    speed: {
      type: "string",
      value: "<factor>",
      default: "1",
      description: "how many times faster than real time the simulated clock runs (at most 1000000)",
    },
    "public-origin": {
      type: "string",
      value: "<origin>",
      env: "SANDBOX_PUBLIC_ORIGIN",
      description: "scheme, host and port that links point to (default http://127.0.0.1:<port>); never the Host header",
    },
    "admin-token": {
      type: "string",
      value: "<token>",
      env: "SANDBOX_ADMIN_TOKEN",
      description: "token of POST /_sandbox/reset (every account) and POST /_sandbox/clock (default: random, printed at start)",
    },
    "request-timeout": {
      type: "string",
      value: "<seconds>",
      default: "30",
      env: "SANDBOX_REQUEST_TIMEOUT",
      description: "a request not complete by then is answered 408 and its connection closed",
    },
    "headers-timeout": {
      type: "string",
      value: "<seconds>",
      default: "10",
      env: "SANDBOX_HEADERS_TIMEOUT",
      description: "the same for the request line and headers (at most the request timeout)",
    },
    "idle-timeout": {
      type: "string",
      value: "<seconds>",
      default: "30",
      env: "SANDBOX_IDLE_TIMEOUT",
      description: "a connection silent this long is closed (a kept-alive one after 5 s at most)",
    },
    "max-connections": {
      type: "string",
      value: "<count>",
      default: "900",
      env: "SANDBOX_MAX_CONNECTIONS",
      description: "connections open at once; more are closed as they come",
    },
    quotas: {
      type: "string",
      value: "<list>",
      default: "backups=200,instances=50,images=100",
      env: "SANDBOX_QUOTAS",
      description: "what one account keeps: backups per region, restored instances, Z.com images; one more is 413",
    },
    tokens: {
      type: "string",
      value: "<file>",
      description: 'JSON {"<token>": {"cloudDatabasesAccount": "…", "zcomTenant": "…"}} replacing the demo tokens',
    },
    "reject-unknown-fields": {
      type: "boolean",
      env: "SANDBOX_REJECT_UNKNOWN_FIELDS",
      description: "refuse request fields the spec does not define, with 400 (off by default: the real servers ignore them)",
    },
  },
});

const PORT_SOURCE = { flag: "--port", env: "SANDBOX_PORT" };
const port = readPort(NAME, PORT_SOURCE, values.port);
let speed = 1;
try {
  speed = parseSpeed(values.speed);
} catch (error) {
  usageError(`${NAME}: ${(error as Error).message}`);
}

/** A number of seconds as milliseconds. */
const seconds = (name: string, text: string): number => {
  const value = /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 0.001 && value <= 3600)) usageError(`${NAME}: --${name} must be a number of seconds from 0.001 to 3600, not "${text}"`);
  return Math.round(value * 1000);
};
const limits = {
  requestTimeoutMs: seconds("request-timeout", values["request-timeout"]),
  headersTimeoutMs: seconds("headers-timeout", values["headers-timeout"]),
  idleTimeoutMs: seconds("idle-timeout", values["idle-timeout"]),
  maxConnections: /^\s*\d+\s*$/.test(values["max-connections"]) ? Number(values["max-connections"]) : Number.NaN,
};
try {
  checkLimits(limits);
} catch (error) {
  usageError(`${NAME}: ${(error as Error).message} (--request-timeout, --headers-timeout, --idle-timeout, --max-connections)`);
}

let quotas = DEFAULT_CONFIG.quotas;
try {
  quotas = parseQuotas(values.quotas);
} catch (error) {
  usageError(`${NAME}: --quotas: ${(error as Error).message}`);
}

let publicOrigin: string | undefined;
if (values["public-origin"] !== undefined) {
  try {
    publicOrigin = parsePublicOrigin(values["public-origin"]);
  } catch (error) {
    usageError(`${NAME}: --public-origin: ${(error as Error).message}`);
  }
}

let tokens: Record<string, TokenGrant> | undefined;
if (values.tokens) {
  try {
    tokens = JSON.parse(readFileSync(values.tokens, "utf8")) as Record<string, TokenGrant>;
  } catch (error) {
    usageError(`${NAME}: cannot read --tokens ${values.tokens}: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const [token, grant] of Object.entries(tokens)) {
    if (typeof grant?.cloudDatabasesAccount !== "string" || typeof grant?.zcomTenant !== "string") {
      usageError(`${NAME}: --tokens ${values.tokens}: token "${token}" needs string fields cloudDatabasesAccount and zcomTenant`);
    }
  }
}

let adminToken = "";
try {
  adminToken = resolveAdminToken(values["admin-token"], tokens ?? DEFAULT_CONFIG.tokens);
} catch (error) {
  usageError(`${NAME}: --admin-token: ${(error as Error).message}`);
}

// Before loading and compiling the specs, which takes a while; listening says it again if the port is taken meanwhile.
await ensurePortFree(port, values.host, PORT_SOURCE).catch((error: unknown) => exitWithError(NAME, error));

const { onShutdown } = await import("../src/process/shutdown.js");
const { createSandbox } = await import("../src/sandbox/server.js");

const rejectUnknownFields = values["reject-unknown-fields"];
const sandbox = createSandbox({
  speed,
  config: { tokens: tokens ?? DEFAULT_CONFIG.tokens, rejectUnknownFields, publicOrigin, adminToken, quotas, ...limits },
});
onShutdown(() => sandbox.close());
try {
  const url = await listenOn(() => sandbox.listen(port, values.host), port, PORT_SOURCE);
  console.log(`sandbox: Cloud Databases on ${url}/v1.0, Z.com Compute on ${url}/v2 (clock speed ×${speed})`);
  const { regions, homeRegion } = sandbox.config;
  console.log(`sandbox: Cloud Databases regions at ${url}/{region}/v1.0: ${regions.join(", ")} (/v1.0 is ${homeRegion})`);
  if (!values.tokens) console.log(`sandbox: demo token "${DEMO_TOKEN}" owns account 1234 and tenant 1864e71d2deb46f6b47526b69c65a45d`);
  if (rejectUnknownFields) console.log("sandbox: request fields the spec does not define are refused with 400 (--reject-unknown-fields)");
  console.log(
    `sandbox: admin token "${adminToken}": POST /_sandbox/reset with it resets every account (with a tenant's token, that tenant's), POST /_sandbox/clock moves the clock`,
  );
  console.log("sandbox: press Ctrl-C to stop");
} catch (error) {
  await sandbox.close();
  exitWithError(NAME, error);
}
