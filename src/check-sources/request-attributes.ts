import type { SourceTable } from "../sources/source-page.js";
import { dereference } from "../spec/json-pointer.js";
import type { MediaTypeObject, OpenApiDocument } from "../spec/openapi-types.js";
import type { CheckContext, Findings } from "./context.js";
import { rowErratum } from "./errata-places.js";
import type { PageOperation } from "./operations.js";
import { tablesOfKind } from "./tables.js";

interface Schema {
  readonly title?: string;
  readonly type?: string | string[];
  readonly properties?: Record<string, unknown>;
  readonly required?: string[];
  readonly oneOf?: unknown[];
  readonly anyOf?: unknown[];
  readonly allOf?: unknown[];
  readonly [keyword: string]: unknown;
}

/** One alternative shape of an object: a oneOf/anyOf branch, with its allOf parts merged in. */
interface Branch {
  readonly label: string;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly required: ReadonlySet<string>;
}

/** An object of the request body (its oneOf/anyOf branches), and where it is: `["instance", "restorePoint"]`. */
interface RequestObject {
  readonly at: readonly string[];
  readonly branches: readonly Branch[];
}

/**
 * Every row of a request-attribute table is a property of the request body's object (the body's single
 * wrapper property, `backup`, when the body has one), and the Required column holds across the object's
 * oneOf/anyOf branches: "Yes" → required in every branch, "No" → in none, "Yes (…condition…)" → in some
 * but not all. A table about a nested object ("Required and optional attributes for RestorePoint") is
 * checked against that object, the property of that name inside the wrapper (`instance.restorePoint`).
 * A length-restriction row ("name maximum length | 64") is maxLength (minLength) of that property in every
 * branch that has it.
 */
export function checkRequestAttributes(context: CheckContext, operations: ReadonlyMap<string, PageOperation>, findings: Findings): void {
  for (const page of context.pages) {
    const found = operations.get(page.page);
    for (const { table, kind } of tablesOfKind(page.tables, "request attributes", "length restrictions")) {
      const body = found ? requestObject(found, table) : undefined;
      for (const row of table.rows) {
        const [name = "", second = "", third = ""] = row.cells;
        const where = [kind, kind === "request attributes" ? `row ${name}` : `row "${name}"`];
        findings.checked("request attributes");
        if (!found || !body) continue;
        const id = found.operation.operationId;
        if (typeof body === "string") {
          findings.difference(page.page, where, `${body} in spec ${id}`);
          continue;
        }
        const problem =
          kind === "request attributes" ? requiredProblem(name, third, body, id) : lengthProblem(name, second, body, found.api.spec, id);
        if (problem && !rowErratum(context, findings, page.page, kind, name)) findings.difference(page.page, where, problem);
      }
    }
  }
}

/** The object a table's rows are attributes of, or why there is none. */
function requestObject({ api, operation }: PageOperation, table: SourceTable): RequestObject | string {
  const requestBody = operation.operation.requestBody;
  if (!requestBody) return "no request body";
  const content = dereference<{ content: Record<string, MediaTypeObject> }>(api.spec, requestBody).content;
  const media = Object.entries(content).find(([type]) => /\bjson\b/.test(type))?.[1];
  if (!media?.schema) return "no JSON request body schema";
  let body: RequestObject = { at: [], branches: objectBranches(api.spec, media.schema) };
  const wrappers = propertyNames(body);
  const [wrapper] = wrappers;
  if (wrappers.length === 1 && wrapper !== undefined) body = child(api.spec, body, wrapper);
  const subject = tableSubject(table);
  return (subject && nestedObject(api.spec, body, subject, NESTING)) || body;
}

/** How deep below the wrapper a table's object is looked for (the pages nest one level: `restorePoint`). */
const NESTING = 3;

/** "Required and optional attributes for RestorePoint" → "restorepoint": what follows the last "for". */
function tableSubject(table: SourceTable): string | undefined {
  const match = /.*\bfor\s+(.+?)[:.]?\s*$/i.exec(table.title || table.intro);
  return match ? comparable(match[1]!) : undefined;
}

const comparable = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, "");

const propertyNames = (object: RequestObject): string[] => [
  ...new Set(object.branches.flatMap((branch) => Object.keys(branch.properties))),
];

/** The object under property `name`, in every branch that has it. */
function child(spec: OpenApiDocument, object: RequestObject, name: string): RequestObject {
  return {
    at: [...object.at, name],
    branches: object.branches
      .filter((branch) => name in branch.properties)
      .flatMap((branch) => objectBranches(spec, branch.properties[name])),
  };
}

/** The property (at any depth up to `depth`) whose name is the table's subject, breadth first. */
function nestedObject(spec: OpenApiDocument, object: RequestObject, subject: string, depth: number): RequestObject | undefined {
  if (depth === 0) return undefined;
  const children = propertyNames(object).map((name) => child(spec, object, name));
  return (
    children.find((candidate) => comparable(candidate.at.at(-1)!) === subject) ??
    children.map((candidate) => nestedObject(spec, candidate, subject, depth - 1)).find((found) => found !== undefined)
  );
}

const describe = (object: RequestObject): string =>
  object.at.length === 0 ? "request body" : `request body's ${object.at.join(".")} object`;

function requiredProblem(name: string, requiredCell: string, body: RequestObject, id: string): string | undefined {
  const having = body.branches.filter((branch) => name in branch.properties);
  if (having.length === 0) return `not a property of the ${describe(body)} in spec ${id}`;
  const requiring = body.branches.filter((branch) => branch.required.has(name)).map((branch) => branch.label);
  const notRequiring = body.branches.filter((branch) => !branch.required.has(name)).map((branch) => branch.label);
  const said = `the page says required "${requiredCell}"`;
  if (/^yes$/i.test(requiredCell)) {
    return notRequiring.length ? `${said}, but spec ${id} does not require it in ${notRequiring.join(", ")}` : undefined;
  }
  if (/^no$/i.test(requiredCell)) {
    return requiring.length ? `${said}, but spec ${id} requires it in ${requiring.join(", ")}` : undefined;
  }
  if (/^yes\s*\(.+\)$/i.test(requiredCell)) {
    if (requiring.length === 0) return `${said} (in some cases), but spec ${id} requires it in no branch`;
    if (notRequiring.length === 0)
      return `${said} (only in some cases), but spec ${id} requires it in every branch (${requiring.join(", ")})`;
    return undefined;
  }
  return `Required value "${requiredCell}" is not one the checker knows (Yes, No, Yes (condition))`;
}

function lengthProblem(restriction: string, value: string, body: RequestObject, spec: OpenApiDocument, id: string): string | undefined {
  const match = /^(\S+) (maximum|minimum) length$/i.exec(restriction);
  if (!match || !/^\d+$/.test(value))
    return `restriction "${restriction}" = "${value}" is not one the checker knows ("<property> maximum length" = <number>)`;
  const [, name = "", bound = ""] = match;
  const keyword = bound.toLowerCase() === "maximum" ? "maxLength" : "minLength";
  const having = body.branches.filter((branch) => name in branch.properties);
  if (having.length === 0) return `${name} is not a property of the ${describe(body)} in spec ${id}`;
  const wrong = having
    .map((branch) => ({ branch: branch.label, actual: schemaKeyword(spec, branch.properties[name], keyword) }))
    .filter(({ actual }) => actual !== Number(value));
  if (wrong.length === 0) return undefined;
  const found = wrong.map(
    ({ branch, actual }) => `${actual === undefined ? `no ${keyword}` : `${keyword} ${JSON.stringify(actual)}`} in ${branch}`,
  );
  return `${name} has ${found.join(", ")} in spec ${id}, the page says ${value}`;
}

/** The object shapes a schema allows: one per oneOf/anyOf branch, allOf parts and own keywords merged. */
export function objectBranches(spec: OpenApiDocument, node: unknown, label = refName(node)): Branch[] {
  const schema = dereference<Schema>(spec, node);
  const own: Branch = {
    label: schema.title ?? label,
    properties: schema.properties ?? {},
    required: new Set(schema.required ?? []),
  };
  let branches = [own];
  for (const part of schema.allOf ?? []) {
    // An allOf part with alternatives of its own (ScheduleCreate's anyOf) names them after the whole.
    const parts = objectBranches(spec, part);
    branches = product(branches, parts, parts.length > 1 ? "both" : "left");
  }
  // An alternative with no title or $ref is named by its place: "anyOf branch 2".
  const alternatives = (["oneOf", "anyOf"] as const).flatMap((keyword) =>
    (schema[keyword] ?? []).flatMap((alternative, index) =>
      objectBranches(spec, alternative, refName(alternative) || `${keyword} branch ${index + 1}`),
    ),
  );
  if (alternatives.length > 0) branches = product(branches, alternatives, "right");
  return branches;
}

/**
 * Every combination of a left and a right shape; the label names the alternative (right), the whole
 * (left), or the whole and the alternative (both).
 */
function product(left: readonly Branch[], right: readonly Branch[], labelFrom: "left" | "right" | "both"): Branch[] {
  const labelOf = (a: Branch, b: Branch): string => {
    if (labelFrom === "both" && a.label && b.label) return `${a.label} (${b.label})`;
    return (labelFrom === "right" ? b.label || a.label : a.label || b.label) || "(unnamed)";
  };
  return left.flatMap((a) =>
    right.map((b) => ({
      label: labelOf(a, b),
      properties: { ...a.properties, ...b.properties },
      required: new Set([...a.required, ...b.required]),
    })),
  );
}

/** A keyword's value on a schema, following $ref and allOf. */
function schemaKeyword(spec: OpenApiDocument, node: unknown, keyword: string): unknown {
  const schema = dereference<Schema>(spec, node);
  if (keyword in schema) return schema[keyword];
  for (const part of schema.allOf ?? []) {
    const value = schemaKeyword(spec, part, keyword);
    if (value !== undefined) return value;
  }
  return undefined;
}

function refName(node: unknown): string {
  const ref = (node as { $ref?: unknown } | undefined)?.$ref;
  return typeof ref === "string" ? ref.slice(ref.lastIndexOf("/") + 1) : "";
}
