import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import LongestFirst from "./tests/support/longest-first.js";
import TimeoutBudget from "./tests/support/timeout-budget.js";

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  // The code samples import the clients by their package names, as a consumer would.
  resolve: {
    alias: {
      "backup-api-specs/cloud-databases": source("./src/clients/cloud-databases.ts"),
      "backup-api-specs/zcom-compute": source("./src/clients/zcom-compute.ts"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts", "tests/support/source-pages-cache.ts", "tests/support/script-bundles.ts"],
    environment: "node",
    testTimeout: 30_000,
    // The longest hook, the generators' (six generators run), took 25 s with two other test runs on the two
    // cores: three times that.
    hookTimeout: 90_000,
    // Two cores: child processes (Prism, tsc, the build) compete with the workers.
    maxWorkers: 2,
    // Each worker keeps the modules it loaded for the next test file instead of loading them anew per file:
    // a quarter of the run's CPU time went into importing the same modules (yaml, ajv, Fastify, Redocly)
    // again. A test file that changes process-wide state (process.env, fetch, the working folder, patched
    // builtins) must put it back when it is done, as each here does; files of one worker run one at a time.
    isolate: false,
    sequence: { sequencer: LongestFirst },
    // After the usual report: the test and the hook closest to their timeouts, and any over a third of it.
    reporters: ["default", new TimeoutBudget()],
  },
});
