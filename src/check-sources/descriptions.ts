import { type CheckContext, type Findings, normalizeSpace } from "./context.js";
import type { PageOperation } from "./operations.js";

/** Text as both sides print it: whitespace collapsed, and the Markdown backticks of inline code dropped. */
const comparable = (text: string): string => normalizeSpace(text.replaceAll("`", ""));

/**
 * The paragraphs that open a page (its summary and what the operation does) are in the description of
 * the page's operation, word for word: the spec may say more, never the same thing in other words.
 */
export function checkDescriptions(context: CheckContext, operations: ReadonlyMap<string, PageOperation>, findings: Findings): void {
  for (const page of context.pages) {
    const found = operations.get(page.page);
    for (const [index, paragraph] of page.description.entries()) {
      findings.checked("description paragraphs");
      if (!found) continue; // the missing operation is reported already
      const { operationId, operation } = found.operation;
      if (comparable(operation.description ?? "").includes(comparable(paragraph))) continue;
      findings.difference(page.page, ["description", `paragraph ${index + 1}`], `is not in the description of spec ${operationId}`, [
        `page: ${normalizeSpace(paragraph)}`,
      ]);
    }
  }
}
