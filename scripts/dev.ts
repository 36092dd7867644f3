/**
 * `npm run dev`: while you edit openapi/, keeps generated/, the sandbox and the docs in step with it.
 *
 *   tsx scripts/dev.ts [--port 8080] [--sandbox-port 4020] [--host 127.0.0.1] [--speed 1] [--no-docs] [--docs-dir build/docs]
 *
 * See src/dev/session.ts. Ctrl-C stops the watcher, both servers and any docs render under way.
 */
import { commandLine, usageError } from "../src/cli/command-line.js";
import { ensurePortFree, exitWithError, readPort } from "../src/cli/ports.js";
import { parseSpeed } from "../src/sandbox/clock.js";

const NAME = "dev";
const DOCS_PORT = { flag: "--port", env: "DOCS_PORT" };
const SANDBOX_PORT = { flag: "--sandbox-port", env: "SANDBOX_PORT" };
const values = commandLine({
  name: NAME,
  summary:
    "Watches openapi/ and, on each edit, lints and bundles the API that changed into generated/, restarts the sandbox on the " +
    "fresh bundle, re-renders the docs and reloads them in the browser. A broken edit prints file:line and the rule and keeps " +
    "the last good output serving. Ctrl-C stops everything.",
  options: {
    port: { type: "string", value: "<port>", default: "8080", env: "DOCS_PORT", description: "port of the docs site" },
    "sandbox-port": { type: "string", value: "<port>", default: "4020", env: "SANDBOX_PORT", description: "port of the sandbox" },
    host: { type: "string", value: "<host>", default: "127.0.0.1", description: "address both listen on" },
    speed: {
      type: "string",
      value: "<factor>",
      default: "1",
      description: "how many times faster than real time the sandbox's clock runs (at most 1000000)",
    },
    "sandbox-admin-token": {
      type: "string",
      value: "<token>",
      env: "SANDBOX_ADMIN_TOKEN",
      description: "the sandbox's admin token for /_sandbox/reset and /_sandbox/clock (default: random, printed at start)",
    },
    "no-docs": {
      type: "boolean",
      description: "do not re-render the reference pages (seconds per edit); pages still reload on a fresh bundle",
    },
    "docs-dir": { type: "string", value: "<dir>", default: "build/docs", description: "the docs site's folder" },
  },
});
const docsPort = readPort(NAME, DOCS_PORT, values.port);
const sandboxPort = readPort(NAME, SANDBOX_PORT, values["sandbox-port"]);
let speed = 1;
try {
  speed = parseSpeed(values.speed);
} catch (error) {
  usageError(`${NAME}: ${(error as Error).message}`);
}

// Before loading Redocly and the sandbox; listening says it again if a port is taken meanwhile.
try {
  await ensurePortFree(docsPort, values.host, DOCS_PORT, "docs");
  await ensurePortFree(sandboxPort, values.host, SANDBOX_PORT, "sandbox");
} catch (error) {
  exitWithError(NAME, error);
}

const { startDev } = await import("../src/dev/session.js");
const { onShutdown } = await import("../src/process/shutdown.js");

try {
  const session = await startDev({
    host: values.host,
    docsPort,
    sandboxPort,
    docsPortSource: DOCS_PORT,
    sandboxPortSource: SANDBOX_PORT,
    speed,
    ...(values["sandbox-admin-token"] === undefined ? {} : { sandboxAdminToken: values["sandbox-admin-token"] }),
    docs: !values["no-docs"],
    docsDir: values["docs-dir"],
    log: (line) => console.log(line),
    warn: (line) => console.error(line),
  });
  onShutdown(() => session.close());
  console.log(`dev: docs on ${session.docsUrl}/ (live reload), sandbox on ${session.sandboxUrl}/v1.0 and ${session.sandboxUrl}/v2`);
  console.log(
    `dev: sandbox admin token "${session.sandboxAdminToken}" (POST /_sandbox/reset resets every account, /_sandbox/clock moves the clock)`,
  );
  console.log("dev: watching openapi/; press Ctrl-C to stop");
  await session.ready;
  console.log("dev: ready");
} catch (error) {
  exitWithError(NAME, error);
}
