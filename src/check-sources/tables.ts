import type { SourceTable } from "../sources/source-page.js";

export type TableKind =
  | "response codes"
  | "URI parameters"
  | "query parameters"
  | "header parameters"
  | "request parameters"
  | "request attributes"
  | "length restrictions";

/**
 * What a table documents, from its header row (and, for the Rackspace parameter tables, which share one
 * header, from the paragraph before it). `undefined` for a table the checker does not know: the checker
 * reports those rather than skip them silently.
 */
export function tableKind(table: SourceTable): TableKind | undefined {
  const header = table.header.map((cell) => cell.toLowerCase()).join("|");
  switch (header) {
    case "response code|name|description":
      return "response codes";
    case "name|description|required":
      return "request attributes";
    case "restriction|value":
      return "length restrictions";
    case "parameter|value|style|description":
      return "request parameters";
    case "name|type|description":
      if (/\bURI parameters\b/i.test(table.intro)) return "URI parameters";
      if (/\bquery parameters\b/i.test(table.intro)) return "query parameters";
      if (/\bheader parameters\b/i.test(table.intro)) return "header parameters";
      return undefined;
    default:
      return undefined;
  }
}

export function tablesOfKind(tables: readonly SourceTable[], ...kinds: TableKind[]): { table: SourceTable; kind: TableKind }[] {
  return tables.flatMap((table) => {
    const kind = tableKind(table);
    return kind && kinds.includes(kind) ? [{ table, kind }] : [];
  });
}
