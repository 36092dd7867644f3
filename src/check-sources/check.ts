import { type CheckContext, Findings, loadContext } from "./context.js";
import { checkDescriptions } from "./descriptions.js";
import { checkPlaceErrata } from "./errata-places.js";
import { checkExamples } from "./examples.js";
import { checkOperations } from "./operations.js";
import { checkParameters } from "./parameters.js";
import { checkRequestAttributes } from "./request-attributes.js";
import { checkResponseCodes } from "./response-codes.js";
import { tableKind } from "./tables.js";

/** Compares the source pages with the bundled specs; every difference is collected, none stops the run. */
export function checkSources(context: CheckContext = loadContext()): Findings {
  const findings = new Findings();
  for (const page of context.pages) {
    // A parse warning may mean docutils dropped or misread a table, so the page was not checked whole.
    for (const message of page.messages) findings.difference(page.page, ["parse"], `docutils: ${message}`);
    for (const table of page.tables) {
      if (tableKind(table) !== undefined) continue;
      const name = table.title || table.intro || "untitled";
      findings.difference(
        page.page,
        [`table "${name}" (line ${table.line})`],
        `not a table the checker knows (header: ${table.header.join(" | ")})`,
      );
    }
  }
  const operations = checkOperations(context, findings);
  checkDescriptions(context, operations, findings);
  checkResponseCodes(context, operations, findings);
  checkParameters(context, operations, findings);
  checkRequestAttributes(context, operations, findings);
  checkExamples(context, operations, findings);
  checkPlaceErrata(context, findings);
  return findings;
}
