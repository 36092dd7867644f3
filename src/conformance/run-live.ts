import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { freePort } from "../mock/free-port.js";
import { runDriver } from "./driver.js";
import { checkPrerequisites } from "./prerequisites.js";
import { type RunningTrove, startTrove } from "./trove-server.js";

export const DEFAULT_RECORDING = "build/conformance/trove-18.exchanges.json";

/**
 * One live run: starts Trove in a temporary folder on a free 127.0.0.1 port, drives it, writes the
 * recording to `out`, and always stops the server and removes the folder (a failed start keeps it, for
 * its log), also when interrupted. `log` reports progress.
 */
export async function recordLiveRun(options: { python: string; out: string; log: (line: string) => void }): Promise<void> {
  const versions = checkPrerequisites(options.python);
  const workdir = mkdtempSync(join(tmpdir(), "conformance-trove-"));
  mkdirSync(dirname(options.out), { recursive: true });
  const started = Date.now();
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  options.log(`starting ${versions.server} in fake mode (${workdir})…`);
  // Interrupted (Ctrl-C, a CI timeout): stop the server and clean up. Should this process die without
  // that, the launcher still goes (it asks Linux for SIGTERM when its parent dies).
  let trove: RunningTrove | undefined;
  const interrupted = (signal: NodeJS.Signals) => {
    void (trove?.stop() ?? Promise.resolve()).finally(() => {
      rmSync(workdir, { recursive: true, force: true });
      process.exit(signal === "SIGINT" ? 130 : 143);
    });
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  try {
    trove = await startTrove({ python: options.python, port: await freePort(), workdir });
    options.log(`Trove answers at ${trove.url} after ${seconds()}; driving it with ${versions.client} and raw HTTP…`);
    await runDriver({
      python: options.python,
      baseUrl: trove.url,
      workdir,
      out: options.out,
      progress: (line) => options.log(`  ${line}`),
      header: {
        $comment:
          "Recorded by `npm run conformance` (scripts/conformance.ts): Debian's OpenStack Trove API in fake mode on 127.0.0.1 " +
          "(conformance/trove/launcher.py: sqlite, Trove's own fakes, the shims of conformance/trove/shims.py), driven by " +
          "conformance/trove/drive.py through python-troveclient and raw HTTP. Each exchange is one request and its answer as " +
          "they went on the wire. Refresh the test fixture with `npm run conformance -- --record tests/conformance/fixtures/trove-18.exchanges.json`.",
        server: `${versions.server}, fake mode`,
        client: `${versions.client} and raw HTTP (python-requests)`,
        recorded_at: new Date().toISOString(),
      },
    });
    options.log(`recorded ${options.out} after ${seconds()}`);
  } finally {
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
    // A server that never started leaves its folder, for the log its error names.
    if (trove) {
      await trove.stop();
      rmSync(workdir, { recursive: true, force: true });
    }
  }
}
