import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";

/** One request and its answer, as the conformance run's driver (conformance/trove/recorder.py) saw them on the wire. */
export interface Exchange {
  /** What the run was doing ("create backup full-a", "bad body: parent_id null"). */
  readonly step: string;
  /** Who sent it: python-troveclient or a hand-written request. */
  readonly client: "troveclient" | "http";
  /** "spec": a call of the API the spec describes, checked against it; "setup": an instance call outside it. */
  readonly scope: "spec" | "setup";
  /** The id of the behaviour the spec documents for this request (src/conformance/claims.ts). */
  readonly claim?: string;
  /** A poll: recorded only when its answer differed from the previous poll of the same URL. */
  readonly poll?: boolean;
  readonly request: {
    readonly method: string;
    /** Path and query string, as sent (`/v1.0/{tenant}/backups?limit=5`). */
    readonly path: string;
    readonly headers: Readonly<Record<string, string>>;
    /** The body as sent, "" for none; kept as text because some bodies are deliberately not JSON. */
    readonly body: string;
  };
  readonly response: {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string;
  };
}

export interface Observation {
  readonly fact: string;
  readonly detail: string;
}

export interface Recording {
  readonly $comment?: string;
  /** The server and its version ("OpenStack Trove 18.0.0 (Debian python3-trove 1:18.0.0-2), fake mode"). */
  readonly server: string;
  readonly client: string;
  readonly recorded_at: string;
  /** Polls that returned the same answer as the poll before, counted but not recorded. */
  readonly polls_not_recorded: number;
  readonly observations: readonly Observation[];
  readonly exchanges: readonly Exchange[];
}

const STRINGS = { type: "object", additionalProperties: { type: "string" } };
const RECORDING_SCHEMA = {
  type: "object",
  required: ["server", "client", "recorded_at", "polls_not_recorded", "observations", "exchanges"],
  properties: {
    server: { type: "string" },
    client: { type: "string" },
    recorded_at: { type: "string" },
    polls_not_recorded: { type: "integer", minimum: 0 },
    observations: {
      type: "array",
      items: { type: "object", required: ["fact", "detail"], properties: { fact: { type: "string" }, detail: { type: "string" } } },
    },
    exchanges: {
      type: "array",
      items: {
        type: "object",
        required: ["step", "client", "scope", "request", "response"],
        properties: {
          step: { type: "string" },
          client: { enum: ["troveclient", "http"] },
          scope: { enum: ["spec", "setup"] },
          claim: { type: "string" },
          poll: { type: "boolean" },
          request: {
            type: "object",
            required: ["method", "path", "headers", "body"],
            properties: { method: { type: "string" }, path: { type: "string", pattern: "^/" }, headers: STRINGS, body: { type: "string" } },
          },
          response: {
            type: "object",
            required: ["status", "headers", "body"],
            properties: { status: { type: "integer", minimum: 100, maximum: 599 }, headers: STRINGS, body: { type: "string" } },
          },
        },
      },
    },
  },
};

const validateRecording = new Ajv2020({ allErrors: true }).compile(RECORDING_SCHEMA);

export class RecordingError extends Error {
  override name = "RecordingError";
}

/** Reads a recording; a file that is not one fails with the file and the offending field. */
export function loadRecording(file: string): Recording {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new RecordingError(`${file}: not a JSON recording: ${error instanceof Error ? error.message : String(error)}`);
  }
  return asRecording(parsed, file);
}

export function asRecording(value: unknown, source: string): Recording {
  if (!validateRecording(value)) {
    const first = validateRecording.errors?.[0];
    throw new RecordingError(`${source}: ${first?.instancePath || "(root)"} ${first?.message ?? "is not a recording"}`);
  }
  return value as unknown as Recording;
}
