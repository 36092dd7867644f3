import { readFileSync } from "node:fs";
import fastJsonPatch, { type Operation } from "fast-json-patch";
import { parse } from "yaml";

export const ERRATA_FILE = "openapi/errata.yaml";

export interface TextReplacement {
  readonly find: string;
  readonly replace: string;
}
export interface Correction {
  /** Applied to the page's raw example text, every occurrence, before it is parsed as JSON. */
  readonly text?: readonly TextReplacement[];
  /** RFC 6902 operations applied to the parsed JSON. */
  readonly json_patch?: readonly Operation[];
}
interface VerificationKinds {
  readonly example: { readonly operationId: string; readonly name: string; readonly correction: Correction };
  readonly path: { readonly page: string; readonly spec: string };
  readonly response_code: { readonly operationId: string; readonly page: string; readonly spec: string };
  readonly pointer: {
    readonly path: string;
    readonly equals?: unknown;
    readonly has_keys?: readonly string[];
    readonly lacks_keys?: readonly string[];
  };
  readonly accepts: { readonly schema: string; readonly values: readonly unknown[] };
  readonly conformance: ConformanceVerification;
}
/**
 * A real server answering differently from the spec, as `npm run conformance` records it: either a JSON
 * Patch that turns the bundled spec into what the server does (its first operations `test` what the spec
 * says), or the id of a claim of src/conformance/claims.ts the server breaks. The run reports the
 * exchanges it excuses; it fails on differences no erratum excuses and on errata that excuse nothing.
 */
export type ConformanceVerification = { readonly server: ConformanceServer } & (
  | { readonly patch: readonly Operation[]; readonly claim?: never }
  | { readonly claim: string; readonly patch?: never }
);
/** The servers `npm run conformance` records: Debian's OpenStack Trove 18 in fake mode. */
export type ConformanceServer = "trove-18";
/** Exactly one of the kinds (the others typed `never`, so `"kind" in verify` narrows cleanly). */
export type Verification = {
  [Kind in keyof VerificationKinds]: { readonly [K in Kind]: VerificationKinds[K] } & {
    readonly [Other in Exclude<keyof VerificationKinds, Kind>]?: never;
  };
}[keyof VerificationKinds];

export interface Erratum {
  readonly id: string;
  readonly api: "cloud-databases" | "zcom-compute";
  readonly page: string;
  readonly location: string;
  readonly page_says: string;
  readonly spec_says: string;
  readonly why: string;
  readonly verify: Verification;
}

export function loadErrata(file = ERRATA_FILE): Erratum[] {
  return (parse(readFileSync(file, "utf8")) as { errata: Erratum[] }).errata;
}

/** The erratum that corrects the page example `title` on `page`, if any. */
export function exampleErratum(errata: readonly Erratum[], page: string, title: string): Erratum | undefined {
  return errata.find((entry) => entry.page === page && entry.location === title && entry.verify.example !== undefined);
}

/**
 * Parses a page's example body as JSON after applying exactly the given correction. Throws a
 * SyntaxError naming the page position when the (corrected) text is not JSON.
 */
export function correctedExampleValue(rawBody: string, correction: Correction | undefined): unknown {
  let text = rawBody;
  for (const { find, replace } of correction?.text ?? []) {
    if (!text.includes(find)) throw new Error(`correction text ${JSON.stringify(find)} does not occur in the example`);
    text = text.replaceAll(find, replace);
  }
  const parsed: unknown = JSON.parse(text);
  if (!correction?.json_patch) return parsed;
  // Clone the operations too: fast-json-patch inserts `value`s by reference and later operations mutate them.
  return fastJsonPatch.applyPatch(parsed, structuredClone([...correction.json_patch]), true, true).newDocument;
}
