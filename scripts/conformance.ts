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
import { parseArgs } from "node:util";
import { apiById, bundlePath } from "../src/apis.js";
import { checkRecording } from "../src/conformance/check-recording.js";
import { trovePython } from "../src/conformance/prerequisites.js";
import { loadRecording } from "../src/conformance/recording.js";
import { conformancePassed, formatReport } from "../src/conformance/report.js";
import { DEFAULT_RECORDING, recordLiveRun } from "../src/conformance/run-live.js";
import { loadErrata } from "../src/errata/register.js";
import { loadBundle } from "../src/spec/load-bundle.js";

const { values } = parseArgs({ options: { recording: { type: "string" }, record: { type: "string" } } });

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
