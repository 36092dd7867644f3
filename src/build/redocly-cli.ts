import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The pinned Redocly CLI's entry point, run as `node REDOCLY_BIN <command>` for docs, diff and respect. */
export const REDOCLY_BIN = require.resolve("@redocly/cli/bin/cli.js");

/** Environment for every Redocly CLI child: no telemetry, notifications or update checks, since nothing may reach the network. */
export const REDOCLY_ENV = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_NOTIFICATIONS: "true",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
};
