import { isDeepStrictEqual } from "node:util";
import { correctedExampleValue, type Erratum, exampleErratum } from "../errata/register.js";
import type { SourceExample, SourcePage } from "../sources/source-page.js";
import { exampleSources, takesFrom } from "../spec/example-sources.js";
import { listMediaExamples, type MediaExample } from "../spec/operations.js";
import type { ApiSpec, CheckContext, Findings } from "./context.js";
import { hostErratum } from "./errata-places.js";
import { matchRequest, type PageOperation } from "./operations.js";

const NO_ERRATUM = "no erratum in openapi/errata.yaml explains this";

interface SpecExample extends MediaExample {
  readonly api: ApiSpec;
}

/**
 * Page examples against spec examples, through the errata register:
 * - a page example with a body equals the spec example whose `x-source` names it, after exactly the
 *   corrections of its erratum; a page example with a body that no spec example takes is a difference,
 *   and so is an `x-source` naming an example the page does not have;
 * - a response example's status line is the status the spec example is documented under, and a request
 *   example is in the operation's request body; a status line with no body is a response the page's
 *   operation documents;
 * - a request line (or curl URL) hits the page's operation: its full path template with the server
 *   variables at an allowed value (a `(Host header)` erratum may excuse the host), and only declared
 *   query parameters;
 * - every example erratum is still needed: its correction text occurs, and the page's own text is not
 *   already the spec's value.
 */
export function checkExamples(context: CheckContext, operations: ReadonlyMap<string, PageOperation>, findings: Findings): void {
  const specExamples = context.apis.flatMap((api) => uniqueExamples(api));
  const fromPages = specExamples.filter((example) => exampleSources(example.example).length > 0);

  for (const page of context.pages) {
    for (const example of page.examples) {
      const where = [`example "${example.title}" (line ${example.line})`];
      findings.checked("page examples");
      if (example.request) checkRequest(page, example, context, operations.get(page.page), findings, where);
      if (example.status !== undefined) checkStatus(page, example, operations.get(page.page), findings, where);
      const takers = fromPages.filter(({ example: spec }) => takesFrom(spec, page.page, example.title));
      if (example.body.trim() !== "" && takers.length === 0) {
        findings.difference(page.page, where, "has a body, but no spec example takes it (no example has this x-source)");
      }
      for (const taker of takers) {
        compareExample(page, example, taker, exampleErratum(context.errata, page.page, example.title), findings, where);
      }
    }
  }

  for (const taker of fromPages) {
    findings.checked("spec examples");
    for (const source of exampleSources(taker.example)) {
      const page = context.pages.find((candidate) => candidate.page === source.page);
      if (page?.examples.some((example) => example.title === source.example)) continue;
      findings.difference(
        source.page,
        [`spec example ${taker.name}`],
        page
          ? `its x-source names example "${source.example}", which the page does not have`
          : "its x-source names a page that does not exist",
        page ? [`the page's examples: ${page.examples.map((example) => `"${example.title}"`).join(", ")}`] : [],
      );
    }
  }

  for (const erratum of context.errata) {
    if (erratum.verify.example) checkExampleErratum(erratum, context, specExamples, findings);
  }
}

/** Each (operation, example name) once, though a component example may be referenced more than once. */
function uniqueExamples(api: ApiSpec): SpecExample[] {
  const seen = new Set<string>();
  return listMediaExamples(api.spec)
    .filter((example) => {
      const key = `${example.operation.operationId}\0${example.kind}\0${example.status ?? ""}\0${example.name}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((example) => ({ ...example, api }));
}

function compareExample(
  page: SourcePage,
  example: SourceExample,
  taker: SpecExample,
  erratum: Erratum | undefined,
  findings: Findings,
  where: readonly string[],
): void {
  const at = [...where, `spec ${taker.name}`];
  const placement = placementProblem(example, taker);
  if (placement) findings.difference(page.page, at, placement);
  if (example.body.trim() === "") {
    findings.difference(page.page, at, "the page example has no body to compare the spec example with");
    return;
  }
  let value: unknown;
  try {
    value = correctedExampleValue(example.body, erratum?.verify.example?.correction);
  } catch (error) {
    // A correction text that no longer occurs is the erratum's problem, reported with the erratum.
    if (!(error instanceof SyntaxError)) return;
    const reason = erratum ? `even after errata ${erratum.id}` : `and ${NO_ERRATUM}`;
    findings.difference(page.page, at, `the page example is not JSON ${reason}`, [error.message]);
    return;
  }
  const spec = taker.example.value;
  if (isDeepStrictEqual(value, spec)) return;
  const reason = erratum ? `even after the corrections of errata ${erratum.id}` : `and ${NO_ERRATUM}`;
  findings.difference(page.page, at, `differs from the page example ${reason}`, jsonDifferences(value, spec));
}

/** A response example belongs under its status line's status, a request example in the request body. */
function placementProblem(example: SourceExample, taker: SpecExample): string | undefined {
  const pageKind =
    example.status !== undefined ? "response" : example.request ? "request" : /\bresponse\b/i.test(example.title) ? "response" : "request";
  const id = taker.operation.operationId;
  if (pageKind !== taker.kind) return `the page example is a ${pageKind}, but spec ${id} has it as a ${taker.kind} example`;
  if (example.status !== undefined && taker.status !== example.status) {
    return `the page example's status line says ${example.status}, but spec ${id} has it under response ${taker.status}`;
  }
  return undefined;
}

function checkRequest(
  page: SourcePage,
  example: SourceExample,
  context: CheckContext,
  documented: PageOperation | undefined,
  findings: Findings,
  where: readonly string[],
): void {
  const request = example.request!;
  const at = [...where, `request ${request.method} ${request.target}`];
  const apis = documented ? [documented.api] : context.apis;
  const matches = apis.map((api) => ({ api, match: matchRequest(api, request) }));
  let hit = matches.find(({ match }) => match.operation);
  if (!hit && request.host !== undefined) {
    // The path is checked still: an erratum excuses the host, nothing else.
    const withoutHost = apis.map((api) => ({ api, match: matchRequest(api, { method: request.method, target: request.target }) }));
    const excused = withoutHost.find(({ match }) => match.operation);
    if (excused && hostErratum(context, findings, page.page, example.title)) hit = excused;
  }
  if (!hit?.match.operation) {
    findings.difference(page.page, at, matches.map(({ match }) => (match.operation ? "" : match.reason)).join("; "));
    return;
  }
  const { operation, undeclaredQuery } = hit.match;
  if (documented && operation.operationId !== documented.operation.operationId) {
    findings.difference(
      page.page,
      at,
      `hits spec ${operation.operationId}, but the page documents ${documented.pageKey} (${documented.operation.operationId})`,
    );
  }
  for (const name of undeclaredQuery) {
    findings.difference(page.page, at, `query parameter "${name}" is not declared by spec ${operation.operationId}`);
  }
}

/** A response example's status is a response of the page's operation (the spec may document more). */
function checkStatus(
  page: SourcePage,
  example: SourceExample,
  documented: PageOperation | undefined,
  findings: Findings,
  where: readonly string[],
): void {
  if (!documented) return; // the missing operation is reported already
  const { operation } = documented;
  if (example.status! in operation.operation.responses) return;
  findings.difference(
    page.page,
    [...where, `status line ${example.status}`],
    `spec ${operation.operationId} documents no response ${example.status}`,
    [`spec ${operation.operationId} has: ${Object.keys(operation.operation.responses).join(", ")}`],
  );
}

function checkExampleErratum(erratum: Erratum, context: CheckContext, specExamples: readonly SpecExample[], findings: Findings): void {
  const { operationId, name, correction } = erratum.verify.example!;
  const where = [`erratum ${erratum.id}`];
  findings.checked("errata");
  const example = context.pages
    .find((page) => page.page === erratum.page)
    ?.examples.find((candidate) => candidate.title === erratum.location);
  if (!example) {
    findings.difference(
      erratum.page,
      where,
      `corrects example "${erratum.location}", which the page does not have: the erratum is not used`,
    );
    return;
  }
  const taker = specExamples.find((candidate) => candidate.operation.operationId === operationId && candidate.name === name);
  if (!taker || !takesFrom(taker.example, erratum.page, erratum.location)) {
    findings.difference(
      erratum.page,
      where,
      taker
        ? `spec example ${name} of ${operationId} does not take its value from "${erratum.location}" (x-source ${JSON.stringify(taker.example["x-source"] ?? null)}): the erratum is not used`
        : `spec ${operationId} has no example ${name}: the erratum is not used`,
    );
    return;
  }
  for (const { find } of correction.text ?? []) {
    if (!example.body.includes(find)) {
      findings.difference(
        erratum.page,
        where,
        `its correction text ${JSON.stringify(find)} no longer occurs in the page example: the erratum is stale`,
      );
    }
  }
  let uncorrected: unknown;
  try {
    uncorrected = correctedExampleValue(example.body, undefined);
  } catch {
    return; // the page's own text is not JSON: the correction is needed
  }
  if (isDeepStrictEqual(uncorrected, taker.example.value)) {
    findings.difference(
      erratum.page,
      where,
      `the page example already equals spec example ${name} without the correction: the erratum is no longer needed`,
    );
  }
}

/** Where two JSON values differ, as `/pointer: page …, spec …` lines (the first few). */
export function jsonDifferences(page: unknown, spec: unknown, limit = 8): string[] {
  const lines: string[] = [];
  const walk = (left: unknown, right: unknown, pointer: string): void => {
    if (lines.length > limit || isDeepStrictEqual(left, right)) return;
    const bothObjects = isContainer(left) && isContainer(right) && Array.isArray(left) === Array.isArray(right);
    if (!bothObjects) {
      lines.push(`${pointer || "/"}: page ${show(left)}, spec ${show(right)}`);
      return;
    }
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    for (const key of keys) {
      const child = `${pointer}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
      if (!(key in left)) lines.push(`${child}: not on the page, spec ${show(right[key])}`);
      else if (!(key in right)) lines.push(`${child}: page ${show(left[key])}, not in the spec`);
      else walk(left[key], right[key], child);
      if (lines.length > limit) break;
    }
  };
  walk(page, spec, "");
  if (lines.length > limit) lines.splice(limit, lines.length - limit, "…");
  return lines;
}

const isContainer = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
