import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import type { ApiDefinition } from "../apis.js";

const require = createRequire(import.meta.url);
const REDOCLY_BIN = require.resolve("@redocly/cli/bin/cli.js");

/** Environment for every Redocly CLI child: no telemetry or update checks, since tests must not reach the network. */
export const REDOCLY_ENV = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_NOTIFICATIONS: "true",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
};

/**
 * Renders one bundled spec to a standalone HTML reference with `redocly build-docs`. The Redoc script is
 * inlined (`--inlineBundle`) so the page renders without a CDN.
 */
export function buildDocs(api: ApiDefinition, bundleFile: string, outputFile: string): Promise<void> {
  const args = [REDOCLY_BIN, "build-docs", bundleFile, "--output", outputFile, "--title", api.title, "--inlineBundle"];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: REDOCLY_ENV, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`redocly build-docs for ${api.id} exited with ${code}:\n${output}`)),
    );
  });
}
