import type { Erratum } from "../errata/register.js";
import type { CheckContext, Findings } from "./context.js";
import type { TableKind } from "./tables.js";

/*
 * Errata that the checker applies by where they are on the page. Their `verify` is a `pointer` or
 * `accepts` check of what the spec says instead (run by tests/errata); the checker reads their
 * `location`, which names the place in one of two forms:
 *
 *   <example title> (Host header)            the example's request names a host the server URL does not allow
 *   <Table> table, row <name>                 that row of the page's table differs from the spec
 *   <Table> table, rows <name> and <name>     (or `rows a, b and c`)
 *
 * <Table> is one of the names in TABLES. An entry of this kind that excuses nothing is reported as not used.
 */
const TABLES: Record<TableKind, string> = {
  "response codes": "Response-code",
  "URI parameters": "URI-parameter",
  "query parameters": "Query-parameter",
  "header parameters": "Header-parameter",
  "request parameters": "Request-parameter",
  "request attributes": "Request-attribute",
  "length restrictions": "Length-restriction",
};
const HOST = / \(Host header\)$/;
const ROWS = /^(.+) table, rows? (.+)$/;

type Place = { readonly host: string } | { readonly table: TableKind; readonly rows: readonly string[] };

/** The place an erratum's location names, if it is one of the forms above. */
function placeOf(erratum: Erratum): Place | undefined {
  if (erratum.verify.example || erratum.verify.path || erratum.verify.response_code) return undefined;
  if (HOST.test(erratum.location)) return { host: erratum.location.replace(HOST, "") };
  const match = ROWS.exec(erratum.location);
  const table = Object.entries(TABLES).find(([, name]) => name === match?.[1])?.[0] as TableKind | undefined;
  return table ? { table, rows: match![2]!.split(/,\s*|\s+and\s+/) } : undefined;
}

/** The erratum that excuses the Host header of a page's example request, marked as used. */
export function hostErratum(context: CheckContext, findings: Findings, page: string, title: string): Erratum | undefined {
  return use(
    findings,
    context.errata.find((entry) => {
      const place = entry.page === page ? placeOf(entry) : undefined;
      return place !== undefined && "host" in place && place.host === title;
    }),
  );
}

/** The erratum that excuses a row of a page's table, marked as used. */
export function rowErratum(context: CheckContext, findings: Findings, page: string, table: TableKind, row: string): Erratum | undefined {
  return use(
    findings,
    context.errata.find((entry) => {
      const place = entry.page === page ? placeOf(entry) : undefined;
      return place !== undefined && "table" in place && place.table === table && place.rows.includes(row);
    }),
  );
}

function use(findings: Findings, erratum: Erratum | undefined): Erratum | undefined {
  if (erratum) findings.usedErrata.add(erratum.id);
  return erratum;
}

/** Counts the errata of this kind and reports those that excused nothing. Runs after the other checks. */
export function checkPlaceErrata(context: CheckContext, findings: Findings): void {
  for (const erratum of context.errata) {
    if (placeOf(erratum) === undefined) continue;
    findings.checked("errata");
    if (findings.usedErrata.has(erratum.id)) continue;
    findings.difference(
      erratum.page,
      [`erratum ${erratum.id}`],
      `excuses "${erratum.location}", but nothing there differs from the spec (or the page has no such place): the erratum is not used`,
    );
  }
}
