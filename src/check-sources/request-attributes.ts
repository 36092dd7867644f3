import { dereference } from "../spec/json-pointer.js";
import type { MediaTypeObject, OpenApiDocument } from "../spec/openapi-types.js";
import type { CheckContext, Findings } from "./context.js";
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

/**
 * Every row of a request-attribute table is a property of the request body's object (the body's single
 * wrapper property, `backup`, when the body has one), and the Required column holds across the object's
 * oneOf/anyOf branches: "Yes" → required in every branch, "No" → in none, "Yes (…condition…)" → in some
 * but not all. A length-restriction row ("name maximum length | 64") is maxLength (minLength) of that
 * property in every branch that has it.
 */
export function checkRequestAttributes(context: CheckContext, operations: ReadonlyMap<string, PageOperation>, findings: Findings): void {
  for (const page of context.pages) {
    const found = operations.get(page.page);
    const tables = tablesOfKind(page.tables, "request attributes", "length restrictions");
    if (tables.length === 0) continue;
    const body = found ? requestObject(found) : undefined;
    for (const { table, kind } of tables) {
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
        if (problem) findings.difference(page.page, where, problem);
      }
    }
  }
}

/** The branches of the body's object, or why there are none. */
function requestObject({ api, operation }: PageOperation): { path: string; branches: Branch[] } | string {
  const requestBody = operation.operation.requestBody;
  if (!requestBody) return "no request body";
  const content = dereference<{ content: Record<string, MediaTypeObject> }>(api.spec, requestBody).content;
  const media = Object.entries(content).find(([type]) => /\bjson\b/.test(type))?.[1];
  if (!media?.schema) return "no JSON request body schema";
  let branches = objectBranches(api.spec, media.schema);
  let path = "request body";
  const wrappers = new Set(branches.flatMap((branch) => Object.keys(branch.properties)));
  const [wrapper] = wrappers;
  if (wrappers.size === 1 && wrapper !== undefined) {
    branches = branches.flatMap((branch) => objectBranches(api.spec, branch.properties[wrapper]));
    path = `request body's ${wrapper} object`;
  }
  return { path, branches };
}

function requiredProblem(name: string, requiredCell: string, body: { path: string; branches: Branch[] }, id: string): string | undefined {
  const having = body.branches.filter((branch) => name in branch.properties);
  if (having.length === 0) return `not a property of the ${body.path} in spec ${id}`;
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

function lengthProblem(
  restriction: string,
  value: string,
  body: { path: string; branches: Branch[] },
  spec: OpenApiDocument,
  id: string,
): string | undefined {
  const match = /^(\S+) (maximum|minimum) length$/i.exec(restriction);
  if (!match || !/^\d+$/.test(value))
    return `restriction "${restriction}" = "${value}" is not one the checker knows ("<property> maximum length" = <number>)`;
  const [, name = "", bound = ""] = match;
  const keyword = bound.toLowerCase() === "maximum" ? "maxLength" : "minLength";
  const having = body.branches.filter((branch) => name in branch.properties);
  if (having.length === 0) return `${name} is not a property of the ${body.path} in spec ${id}`;
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
  for (const part of schema.allOf ?? []) branches = product(branches, objectBranches(spec, part), "left");
  const alternatives = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  if (alternatives.length > 0) {
    branches = product(
      branches,
      alternatives.flatMap((alternative) => objectBranches(spec, alternative)),
      "right",
    );
  }
  return branches;
}

/** Every combination of a left and a right shape; the label names the alternative (right) or the whole (left). */
function product(left: readonly Branch[], right: readonly Branch[], labelFrom: "left" | "right"): Branch[] {
  return left.flatMap((a) =>
    right.map((b) => ({
      label: (labelFrom === "right" ? b.label || a.label : a.label || b.label) || "(unnamed)",
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
