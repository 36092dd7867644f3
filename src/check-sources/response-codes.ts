import { dereference } from "../spec/json-pointer.js";
import type { ResponseObject } from "../spec/openapi-types.js";
import { type CheckContext, type Findings, normalizeSpace } from "./context.js";
import { rowErratum } from "./errata-places.js";
import type { PageOperation } from "./operations.js";
import { tablesOfKind } from "./tables.js";

/**
 * Every row of a response-code table is a response of the page's operation, named as on the page. The
 * spec writes a response's description "<Name>: <Description>": the name must be the page's, and the
 * description must start with the page's (the spec may say more, never something else). A
 * `verify.response_code` erratum documents the page's code as another one: then that code must be there.
 */
export function checkResponseCodes(context: CheckContext, operations: ReadonlyMap<string, PageOperation>, findings: Findings): void {
  for (const page of context.pages) {
    const found = operations.get(page.page);
    for (const { table, kind } of tablesOfKind(page.tables, "response codes")) {
      for (const row of table.rows) {
        const [code = "", name = "", description = ""] = row.cells;
        const where = [kind, `row ${code} "${name}"`];
        findings.checked("response codes");
        if (!found) continue; // the missing operation is reported already
        const { api, operation } = found;
        const responses = operation.operation.responses;
        const erratum = context.errata.find(
          (entry) =>
            entry.page === page.page &&
            entry.verify.response_code?.operationId === operation.operationId &&
            entry.verify.response_code.page === code,
        );
        if (erratum) {
          const documentedAs = erratum.verify.response_code!.spec;
          if (!(documentedAs in responses)) {
            findings.difference(
              page.page,
              where,
              `errata ${erratum.id} documents it as ${documentedAs}, which spec ${operation.operationId} lacks`,
            );
          }
          continue;
        }
        // A `Response-code table, row <code>` erratum may excuse what differs in the row.
        const report = (message: string, details: string[] = []): void => {
          if (!rowErratum(context, findings, page.page, kind, code)) findings.difference(page.page, where, message, details);
        };
        const response = responses[code];
        if (!response) {
          report(`missing in spec ${operation.operationId}`, [`spec ${operation.operationId} has: ${Object.keys(responses).join(", ")}`]);
          continue;
        }
        const { name: specName, description: specDescription } = splitDescription(
          dereference<ResponseObject>(api.spec, response).description,
        );
        if (specName !== name) {
          report(`spec ${operation.operationId} names response ${code} "${specName}"`);
        } else if (!normalizeSpace(specDescription).startsWith(normalizeSpace(description))) {
          report(`the description of response ${code} in spec ${operation.operationId} does not start with the page's`, [
            `page: ${normalizeSpace(description)}`,
            `spec: ${normalizeSpace(specDescription)}`,
          ]);
        }
      }
    }
  }

  for (const erratum of context.errata) {
    const check = erratum.verify.response_code;
    if (!check) continue;
    findings.checked("errata");
    const page = context.pages.find((candidate) => candidate.page === erratum.page);
    const rows = tablesOfKind(page?.tables ?? [], "response codes").flatMap(({ table }) => table.rows.map((row) => row.cells[0]));
    const operation = page ? operations.get(page.page)?.operation.operationId : undefined;
    if (operation !== check.operationId || !rows.includes(check.page)) {
      findings.difference(
        erratum.page,
        [`erratum ${erratum.id}`],
        `documents ${check.operationId}'s response ${check.page} as ${check.spec}, but the page has no response-code row ${check.page} for that operation: the erratum is not used`,
      );
    }
  }
}

/** "Over Limit: The number of items…" → name and description; "OK" → name only. */
export function splitDescription(description: string): { name: string; description: string } {
  const text = normalizeSpace(description);
  const colon = text.indexOf(": ");
  return colon < 0 ? { name: text, description: "" } : { name: text.slice(0, colon), description: text.slice(colon + 2) };
}
