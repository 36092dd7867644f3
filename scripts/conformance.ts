/**
 * Conformance of the Cloud Databases spec against the real upstream server: Debian's OpenStack Trove 18
 * API in fake mode on 127.0.0.1, driven through python-troveclient and raw HTTP (conformance/trove/),
 * every exchange recorded and checked against generated/cloud-databases/openapi.yaml (src/conformance/).
 *
 *   tsx scripts/conformance.ts                        (npm run conformance: run, record, check)
 *   tsx scripts/conformance.ts --record FILE          (also keep the recording at FILE, e.g. the test fixture)
 *   tsx scripts/conformance.ts --recording FILE       (check an existing recording; no server)
 *
 * Prints one line per failing exchange, the differences openapi/errata.yaml excuses, what the run
 * observed, and the closing figure. Exits 0 when every exchange validates or is excused, 1 on a failure
 * (or an erratum that excuses nothing), 2 when it cannot run (python3-trove, python3-troveclient or
 * python3-proboscis missing, a server that does not start, an unreadable recording). Run from the root.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { commandLine } from "../src/cli/command-line.js";

const values = commandLine({
  name: "conformance",
  summary:
    "Starts Debian's OpenStack Trove 18 API in fake mode on 127.0.0.1, drives its backup API with python-troveclient " +
    "and raw HTTP, records every exchange to build/conformance/ and checks it against the Cloud Databases spec through " +
    "openapi/errata.yaml. Needs the Debian packages python3-trove, python3-troveclient and python3-proboscis.",
  options: {
    record: { type: "string", value: "<file>", description: "also keep the live recording at this file (e.g. the test fixture)" },
    recording: { type: "string", value: "<file>", description: "check an existing recording instead of running the server" },
  },
  notes: ["Exit codes: 0 every exchange validates or is excused, 1 a failure, 2 the run could not start."],
});

// Loaded after the command line is read, so that --help answers at once.
const { apiById, bundlePath } = await import("../src/apis.js");
const { checkRecording } = await import("../src/conformance/check-recording.js");
const { trovePython } = await import("../src/conformance/prerequisites.js");
const { loadRecording } = await import("../src/conformance/recording.js");
const { conformancePassed, formatReport } = await import("../src/conformance/report.js");
const { DEFAULT_RECORDING, recordLiveRun } = await import("../src/conformance/run-live.js");
const { loadErrata } = await import("../src/errata/register.js");
const { loadBundle } = await import("../src/spec/load-bundle.js");

async function main(): Promise<number> {
  let recordingFile = values.recording;
  if (!recordingFile) {
    recordingFile = DEFAULT_RECORDING;
    await recordLiveRun({ python: trovePython(), out: recordingFile, log: (line) => console.log(`conformance: ${line}`) });
    if (values.record) {
      mkdirSync(dirname(values.record), { recursive: true });
      copyFileSync(recordingFile, values.record);
      console.log(`conformance: copied the recording to ${values.record}`);
    }
  }
  const api = apiById("cloud-databases");
  const recording = loadRecording(recordingFile);
  const errata = loadErrata();
  const result = checkRecording(recording, loadBundle(api), errata);
  console.log(`\n${formatReport(recording, result, errata, bundlePath(api))}`);
  const passed = conformancePassed(result);
  console.log(passed ? "conformance: passed" : "conformance: failed");
  return passed ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`conformance: cannot run: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
