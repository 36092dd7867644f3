import type { SourceTableRow } from "../sources/source-page.js";
import { dereference } from "../spec/json-pointer.js";
import type { ParameterObject } from "../spec/openapi-types.js";
import { type CheckContext, type Findings, normalizeSpace } from "./context.js";
import { rowErratum } from "./errata-places.js";
import type { PageOperation } from "./operations.js";
import { type TableKind, tablesOfKind } from "./tables.js";

type Location = ParameterObject["in"];

/** A parameter row as the page gives it, whatever the table's layout. */
interface PageParameter {
  readonly name: string;
  readonly in: Location;
  /** `undefined` where the page has no type column (the Z.com page). */
  readonly type?: string;
  readonly required: boolean;
  readonly description: string;
}

/** The JSON Schema type of each type word the pages use. */
const TYPES: Record<string, string> = {
  string: "string",
  uuid: "string",
  integer: "integer",
  int: "integer",
  boolean: "boolean",
  bool: "boolean",
  float: "number",
  double: "number",
  number: "number",
};
const STYLES: Record<string, Location> = { uri: "path", path: "path", query: "query", header: "header" };
const IN_OF_KIND: Partial<Record<TableKind, Location>> = {
  "URI parameters": "path",
  "query parameters": "query",
  "header parameters": "header",
};

/**
 * Every URI-, query- and header-parameter row is a parameter of the page's operation with the same
 * name, location, required flag and type, whose description starts with the page's. A header the
 * operation's security scheme carries (X-Auth-Token on the Z.com page) counts as declared.
 */
export function checkParameters(context: CheckContext, operations: ReadonlyMap<string, PageOperation>, findings: Findings): void {
  for (const page of context.pages) {
    const found = operations.get(page.page);
    for (const { table, kind } of tablesOfKind(
      page.tables,
      "URI parameters",
      "query parameters",
      "header parameters",
      "request parameters",
    )) {
      for (const row of table.rows) {
        const where = [kind, `row ${row.cells[0]}`];
        findings.checked("parameters");
        const parameter = kind === "request parameters" ? styleRow(row) : typeRow(row, IN_OF_KIND[kind]!);
        if (typeof parameter === "string") {
          findings.difference(page.page, where, parameter);
          continue;
        }
        if (!found) continue; // the missing operation is reported already
        const problems = compare(parameter, found);
        if (problems.length > 0 && rowErratum(context, findings, page.page, kind, row.cells[0] ?? "")) continue;
        for (const problem of problems) findings.difference(page.page, where, problem.message, problem.details);
      }
    }
  }
}

/** A Rackspace row: `{accountId} | String | …` or `datastore | String *(Optional)* | …`. */
function typeRow(row: SourceTableRow, location: Location): PageParameter | string {
  const [nameCell = "", typeCell = "", description = ""] = row.cells;
  const typeWord = typeCell.split(/\s+/)[0]!.toLowerCase();
  const type = TYPES[typeWord];
  if (!type) return `type "${typeCell}" is not one the checker knows (${Object.keys(TYPES).join(", ")})`;
  const optional = /\(optional\)/i.test(typeCell);
  return { name: nameCell.replace(/^\{(.*)\}$/, "$1"), in: location, type, required: location === "path" || !optional, description };
}

/** A Z.com row: `tenant_id | Tenant ID | URI | ` (parameter, value, style, description). */
function styleRow(row: SourceTableRow): PageParameter | string {
  const [name = "", value = "", style = "", description = ""] = row.cells;
  const location = STYLES[style.toLowerCase()];
  if (!location) return `style "${style}" is not one the checker knows (${Object.keys(STYLES).join(", ")})`;
  // The Value column holds what the Rackspace pages call the description; the Description column is empty.
  return { name, in: location, required: true, description: normalizeSpace(`${value} ${description}`) };
}

function compare(parameter: PageParameter, { api, operation }: PageOperation): { message: string; details?: string[] }[] {
  const id = operation.operationId;
  const declared = operation.parameters.find((candidate) => candidate.in === parameter.in && candidate.name === parameter.name);
  if (!declared) {
    if (parameter.in === "header" && securityHeaders(api.spec, operation.operation.security).has(parameter.name.toLowerCase())) return [];
    const others = operation.parameters.filter((candidate) => candidate.in === parameter.in).map((candidate) => candidate.name);
    const alternative = parameter.in === "header" ? " or apiKey security scheme" : "";
    return [
      {
        message: `no ${parameter.in} parameter${alternative} "${parameter.name}" in spec ${id}`,
        details: [`spec ${id}'s ${parameter.in} parameters: ${others.length ? others.join(", ") : "none"}`],
      },
    ];
  }
  const problems: { message: string; details?: string[] }[] = [];
  if ((declared.required ?? false) !== parameter.required) {
    problems.push({
      message: `required is ${declared.required ?? false} in spec ${id}, the page makes it ${parameter.required ? "required" : "optional"}`,
    });
  }
  if (parameter.type !== undefined) {
    const schema = dereference<{ type?: string | string[] }>(api.spec, declared.schema ?? {});
    const types = [schema.type ?? []].flat();
    if (!types.includes(parameter.type)) {
      problems.push({ message: `type is ${types.length ? types.join(" | ") : "not set"} in spec ${id}, the page says ${parameter.type}` });
    }
  }
  if (!normalizeSpace(declared.description ?? "").startsWith(normalizeSpace(parameter.description))) {
    problems.push({
      message: `the description in spec ${id} does not start with the page's`,
      details: [`page: ${normalizeSpace(parameter.description)}`, `spec: ${normalizeSpace(declared.description ?? "")}`],
    });
  }
  return problems;
}

/** Lower-cased header names of the apiKey-in-header schemes an operation's security uses. */
function securityHeaders(spec: PageOperation["api"]["spec"], operationSecurity: Record<string, string[]>[] | undefined): Set<string> {
  const schemes = (spec.components?.securitySchemes ?? {}) as Record<string, unknown>;
  const names = (operationSecurity ?? spec.security ?? []).flatMap((requirement) => Object.keys(requirement));
  const headers = new Set<string>();
  for (const name of names) {
    const scheme = schemes[name] ? dereference<{ type?: string; in?: string; name?: string }>(spec, schemes[name]) : undefined;
    if (scheme?.type === "apiKey" && scheme.in === "header" && scheme.name) headers.add(scheme.name.toLowerCase());
  }
  return headers;
}
