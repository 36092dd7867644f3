import { childElements, isElement, lineOf, parseDocutilsXml, textOf, type XmlElement } from "./docutils-xml.js";
import { OPERATION_LINE, requestOfHead, splitHttpMessage, statusOfHead } from "./http-message.js";
import type { SourceExample, SourceOperation, SourcePage, SourceTable } from "./source-page.js";

const collapse = (text: string): string => text.replace(/\s+/g, " ").trim();

/**
 * Reads a Rackspace page from its docutils doctree. The page's shape: a section titled with the
 * operation's name whose first block is a code block `METHOD /path`; grid tables (response codes, URI
 * and query parameters, request attributes), each after a paragraph saying what it is or with a
 * `.. table::` title; and examples, each a paragraph of bold text `**Example …**` followed by the code
 * blocks up to the next example title or section heading.
 */
export function readRstPage(page: string, xml: string, messages: readonly string[]): SourcePage {
  const document = parseDocutilsXml(xml);
  const section = childElements(document, "section")[0];
  const tables: SourceTable[] = [];
  const examples: { title: string; line: number; blocks: string[] }[] = [];
  let current: { title: string; line: number; blocks: string[] } | undefined;

  const visit = (element: XmlElement, previous: XmlElement | undefined): void => {
    switch (element.tag) {
      case "section":
        current = undefined;
        break;
      case "paragraph": {
        const title = exampleTitle(element);
        if (title !== undefined) {
          current = { title, line: lineOf(element) ?? 0, blocks: [] };
          examples.push(current);
        }
        return;
      }
      case "literal_block":
        current?.blocks.push(textOf(element));
        return;
      case "table":
        tables.push(readTable(element, previous));
        return;
    }
    let before: XmlElement | undefined;
    for (const child of childElements(element)) {
      visit(child, before);
      before = child;
    }
  };
  visit(document, undefined);

  return {
    page,
    format: "reStructuredText",
    title: section ? collapse(textOf(childElements(section, "title")[0] ?? "")) : "",
    description: section ? openingParagraphs(section) : [],
    ...(section ? operationOf(section) : {}),
    tables,
    examples: numberRepeatedTitles(examples).map(toExample),
    messages,
  };
}

/** `Example …` when the paragraph is nothing but bold text starting with "Example ". */
function exampleTitle(paragraph: XmlElement): string | undefined {
  const content = paragraph.children.filter((child) => isElement(child) || child.trim() !== "");
  const only = content[0];
  if (content.length !== 1 || !isElement(only) || only.tag !== "strong") return undefined;
  const text = collapse(textOf(only));
  return text.startsWith("Example ") ? text : undefined;
}

/** The code block right under the page title (targets and comments may stand between them). */
function operationOf(section: XmlElement): { operation?: SourceOperation } {
  const first = childElements(section).find((child) => !["title", "target", "comment"].includes(child.tag));
  if (first?.tag !== "literal_block") return {};
  const match = OPERATION_LINE.exec(textOf(first).trim());
  return match ? { operation: { method: match[1]!, path: match[2]! } } : {};
}

/**
 * The paragraphs right after the operation block, up to the first other element; the last one is left
 * out when a table follows it, since it only says what the table is ("The following table lists…").
 */
function openingParagraphs(section: XmlElement): string[] {
  const children = childElements(section).filter((child) => !["title", "target", "comment"].includes(child.tag));
  const start = children[0]?.tag === "literal_block" ? 1 : 0;
  const end = children.findIndex((child, index) => index >= start && child.tag !== "paragraph");
  const paragraphs = children.slice(start, end < 0 ? children.length : end);
  if (end >= 0 && children[end]!.tag === "table") paragraphs.pop();
  return paragraphs.map((paragraph) => collapse(textOf(paragraph)));
}

function readTable(table: XmlElement, previous: XmlElement | undefined): SourceTable {
  const group = childElements(table, "tgroup")[0];
  const rowsOf = (part: string): XmlElement[] => (group ? childElements(group, part).flatMap((body) => childElements(body, "row")) : []);
  const cells = (row: XmlElement): string[] =>
    childElements(row, "entry").map((entry) => collapse(childElements(entry).map(textOf).join(" ")));
  const header = rowsOf("thead")[0];
  return {
    title: collapse(textOf(childElements(table, "title")[0] ?? "")),
    intro: previous?.tag === "paragraph" ? collapse(textOf(previous)) : "",
    line: lineOf(table) ?? 0,
    header: header ? cells(header) : [],
    rows: rowsOf("tbody").map((row) => ({ line: lineOf(row) ?? 0, cells: cells(row) })),
  };
}

/** `Title`, `Title (2)`, `Title (3)`…: the List backup by ID page prints one title over two examples. */
function numberRepeatedTitles<T extends { title: string }>(examples: readonly T[]): T[] {
  const seen = new Map<string, number>();
  return examples.map((example) => {
    const count = (seen.get(example.title) ?? 0) + 1;
    seen.set(example.title, count);
    return count === 1 ? example : { ...example, title: `${example.title} (${count})` };
  });
}

/** An example's code blocks read as one HTTP message; docutils has already dedented each block. */
function toExample({ title, line, blocks }: { title: string; line: number; blocks: string[] }): SourceExample {
  const { head, body } = splitHttpMessage(blocks.flatMap((block) => block.split("\n")));
  const request = requestOfHead(head);
  const status = statusOfHead(head);
  return { title, line, head, body, ...(request ? { request } : {}), ...(status ? { status } : {}) };
}
