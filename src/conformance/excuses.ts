import fastJsonPatch, { type Operation } from "fast-json-patch";
import type { ConformanceServer, Erratum } from "../errata/register.js";
import type { OpenApiDocument } from "../spec/openapi-types.js";
import { compileJudge, type Finding, type Judge } from "./judge.js";
import type { Exchange } from "./recording.js";

/** An erratum of kind `conformance`: a real difference between the spec and one server. */
export interface ConformanceErratum {
  readonly id: string;
  readonly claim?: string;
  readonly patch?: readonly Operation[];
}

export interface Excuse {
  readonly finding: Finding;
  /** The errata that excuse it (more than one only when it takes their patches together). */
  readonly errata: readonly string[];
}

/** Splits an exchange's findings into those the errata excuse and those they do not. */
export type Excuser = (exchange: Exchange, findings: readonly Finding[]) => { excused: Excuse[]; failures: Finding[] };

export class ErratumPatchError extends Error {
  override name = "ErratumPatchError";
}

export function conformanceErrata(errata: readonly Erratum[], server: ConformanceServer): ConformanceErratum[] {
  return errata
    .filter((entry) => entry.verify.conformance?.server === server)
    .map((entry) => ({ id: entry.id, claim: entry.verify.conformance!.claim, patch: entry.verify.conformance!.patch }));
}

/** The spec as the server behaves: the erratum's patch applied to a copy (its `test` operations must hold). */
export function patchedSpec(spec: OpenApiDocument, erratum: ConformanceErratum): OpenApiDocument {
  try {
    // Clone the operations too: fast-json-patch inserts `value`s by reference.
    return fastJsonPatch.applyPatch(structuredClone(spec), structuredClone([...(erratum.patch ?? [])]), true, false).newDocument;
  } catch (error) {
    throw new ErratumPatchError(
      `erratum ${erratum.id}: its patch does not apply to the bundled spec (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`,
    );
  }
}

/**
 * A claim finding is excused by the erratum naming that claim. Any other finding is excused when judging
 * the exchange on that rule against the spec with every patch applied makes it go away; it is credited to
 * the errata whose patch alone does that, or to all of them when it takes their patches together.
 */
export function compileExcuser(spec: OpenApiDocument, errata: readonly ConformanceErratum[]): Excuser {
  const patching = errata.filter((erratum) => erratum.patch);
  const judges = new Map<string, Judge>();
  const judgeWith = (key: string, patches: readonly ConformanceErratum[]): Judge => {
    let judge = judges.get(key);
    if (!judge) {
      judge = compileJudge(
        patches.reduce((document, erratum) => patchedSpec(document, erratum), spec),
        { patchedCopy: true },
      );
      judges.set(key, judge);
    }
    return judge;
  };
  // Every patch must apply, whether or not a finding needs it: a stale patch is an error at once.
  for (const erratum of patching) patchedSpec(spec, erratum);

  return (exchange, findings) => {
    const excused: Excuse[] = [];
    const failures: Finding[] = [];
    for (const finding of findings) {
      if (finding.rule === "claim") {
        const erratum = errata.find((candidate) => candidate.claim === exchange.claim);
        if (erratum) excused.push({ finding, errata: [erratum.id] });
        else failures.push(finding);
        continue;
      }
      const only = new Set([finding.rule]);
      const gone = (judge: Judge) => judge(exchange, only).findings.length === 0;
      // The spec with every patch first: most findings are real failures, and then no erratum needs a look.
      if (patching.length === 0 || !gone(judgeWith("*", patching))) {
        failures.push(finding);
        continue;
      }
      const alone = patching.length === 1 ? patching : patching.filter((erratum) => gone(judgeWith(erratum.id, [erratum])));
      excused.push({ finding, errata: (alone.length > 0 ? alone : patching).map((erratum) => erratum.id) });
    }
    return { excused, failures };
  };
}
