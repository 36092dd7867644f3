import type { ConformanceServer, Erratum } from "../errata/register.js";
import type { OpenApiDocument } from "../spec/openapi-types.js";
import { compileExcuser, conformanceErrata, type Excuse } from "./excuses.js";
import { compileJudge, type Finding, type Judge } from "./judge.js";
import type { Exchange, Recording } from "./recording.js";

export type Outcome = "setup" | "validated" | "excused" | "failed";

export interface ExchangeResult {
  /** 1-based position in the recording. */
  readonly index: number;
  readonly exchange: Exchange;
  readonly operationId?: string;
  readonly outcome: Outcome;
  /** Findings no erratum excuses. */
  readonly failures: readonly Finding[];
  readonly excused: readonly Excuse[];
}

export interface RecordingResult {
  readonly results: readonly ExchangeResult[];
  /** Conformance errata of this server that excuse no exchange of the recording: stale, or no longer shown. */
  readonly unusedErrata: readonly string[];
  readonly counts: Readonly<Record<Outcome | "recorded", number>>;
}

export interface RecordingChecker {
  /** Judges one exchange (`index` is its 1-based position, for the report). */
  exchange(exchange: Exchange, index: number): ExchangeResult;
  /** Judges every exchange of a recording. */
  recording(recording: Recording): RecordingResult;
  /** The same checker through other errata (the compiled spec is reused). */
  withErrata(errata: readonly Erratum[]): RecordingChecker;
}

/**
 * Compiles the judging of recorded exchanges against the spec, through the server's conformance errata,
 * once; the checker is then reused for every exchange.
 */
export function compileRecordingChecker(
  spec: OpenApiDocument,
  errata: readonly Erratum[],
  server: ConformanceServer = "trove-18",
): RecordingChecker {
  return recordingChecker(spec, compileJudge(spec), errata, server);
}

function recordingChecker(spec: OpenApiDocument, judge: Judge, errata: readonly Erratum[], server: ConformanceServer): RecordingChecker {
  const serverErrata = conformanceErrata(errata, server);
  const excuse = compileExcuser(spec, serverErrata);
  const exchange = (recorded: Exchange, index: number): ExchangeResult => {
    if (recorded.scope === "setup") return { index, exchange: recorded, outcome: "setup", failures: [], excused: [] };
    const { operationId, findings } = judge(recorded);
    const { excused, failures } = excuse(recorded, findings);
    const outcome: Outcome = failures.length > 0 ? "failed" : excused.length > 0 ? "excused" : "validated";
    return { index, exchange: recorded, operationId, outcome, failures, excused };
  };
  return {
    exchange,
    withErrata: (others) => recordingChecker(spec, judge, others, server),
    recording(recording) {
      const results = recording.exchanges.map((recorded, position) => exchange(recorded, position + 1));
      const used = new Set(results.flatMap((result) => result.excused.flatMap((excused) => excused.errata)));
      const counts = { recorded: results.length, setup: 0, validated: 0, excused: 0, failed: 0 };
      for (const result of results) counts[result.outcome]++;
      return { results, unusedErrata: serverErrata.map((erratum) => erratum.id).filter((id) => !used.has(id)), counts };
    },
  };
}

/** Judges every exchange of a recording against the spec, through the server's conformance errata. */
export function checkRecording(
  recording: Recording,
  spec: OpenApiDocument,
  errata: readonly Erratum[],
  server: ConformanceServer = "trove-18",
): RecordingResult {
  return compileRecordingChecker(spec, errata, server).recording(recording);
}
