// Reads the Z.com page. It is plain text with no markup at all (the HTML page's text, one block per
// line), so no document parser applies: its structure is only a fixed set of headings on lines of their
// own, each followed by its lines. A small line reader is the honest parser for that.
import { HTTP_START, OPERATION_LINE, requestOfCurl, splitHttpMessage, statusOfHead } from "./http-message.js";
import type { SourceExample, SourceOperation, SourcePage, SourceTable } from "./source-page.js";

const HEADINGS = [
  "Description",
  "Request URL",
  "Request Parameters",
  "Request Json",
  "Normal response codes",
  "Error response codes",
  "Response Json",
  "Example",
];
/** The Style column's values; a row reads `name value… style [description…]`. */
const STYLES = ["header", "uri", "query", "body"];

interface Line {
  readonly number: number;
  readonly text: string;
}
interface Section {
  readonly heading: string;
  readonly line: number;
  readonly lines: readonly Line[];
}

export function readPlainTextPage(page: string, text: string): SourcePage {
  const sections = splitSections(text);
  const section = (heading: string): Section | undefined => sections.find((candidate) => candidate.heading === heading);
  const description = section("Description")?.lines.find((line) => line.text.trim() !== "");
  const operation = operationOf(section("Request URL"));
  const example = section("Example");
  return {
    page,
    format: "plain text",
    title: description?.text.trim() ?? "",
    description:
      section("Description")
        ?.lines.map((line) => line.text.trim())
        .filter((line) => line !== "") ?? [],
    ...(operation ? { operation } : {}),
    tables: [
      parameterTable(section("Request Parameters")),
      ...["Normal response codes", "Error response codes"].map((heading) => codeTable(section(heading))),
    ].filter((table): table is SourceTable => table !== undefined),
    examples: example ? [readExample(example)] : [],
    messages: [],
  };
}

function splitSections(text: string): Section[] {
  const sections: { heading: string; line: number; lines: Line[] }[] = [];
  text.split("\n").forEach((raw, index) => {
    if (HEADINGS.includes(raw.trim())) sections.push({ heading: raw.trim(), line: index + 1, lines: [] });
    else sections.at(-1)?.lines.push({ number: index + 1, text: raw });
  });
  return sections;
}

function operationOf(section: Section | undefined): SourceOperation | undefined {
  for (const line of section?.lines ?? []) {
    const match = OPERATION_LINE.exec(line.text.trim());
    if (match) return { method: match[1]!, path: match[2]! };
  }
  return undefined;
}

const nonBlank = (section: Section): Line[] => section.lines.filter((line) => line.text.trim() !== "");

/** "Parameter Value Style Description" and rows like `tenant_id Tenant ID URI`. */
function parameterTable(section: Section | undefined): SourceTable | undefined {
  if (!section) return undefined;
  const [header, ...rows] = nonBlank(section);
  return {
    title: section.heading,
    intro: "",
    line: header?.number ?? section.line,
    header: header?.text.trim().split(/\s+/) ?? [],
    rows: rows.map((row) => {
      const [name = "", ...words] = row.text.trim().split(/\s+/);
      const style = words.findIndex((word) => STYLES.includes(word.toLowerCase()));
      const cells =
        style < 0
          ? [name, words.join(" "), "", ""]
          : [name, words.slice(0, style).join(" "), words[style]!, words.slice(style + 1).join(" ")];
      return { line: row.number, cells };
    }),
  };
}

/** `200 OK` lines, read as the Rackspace pages' response-code tables (with no description). */
function codeTable(section: Section | undefined): SourceTable | undefined {
  if (!section) return undefined;
  return {
    title: section.heading,
    intro: "",
    line: section.line,
    header: ["Response Code", "Name", "Description"],
    rows: nonBlank(section).map((row) => {
      const match = /^(\S+)\s*(.*)$/.exec(row.text.trim())!;
      return { line: row.number, cells: [match[1]!, match[2]!, ""] };
    }),
  };
}

/** The curl command, then the response it printed: status line, headers, body. */
function readExample(section: Section): SourceExample {
  const lines = section.lines.map((line) => line.text);
  const start = lines.findIndex((line) => HTTP_START.test(line));
  const message = start < 0 ? { head: [], body: lines.join("\n").trim() } : splitHttpMessage(lines.slice(start));
  const command = lines
    .slice(0, start < 0 ? lines.length : start)
    .join("\n")
    .trim();
  const request = command.startsWith("curl") ? requestOfCurl(command) : undefined;
  const status = statusOfHead(message.head);
  return { title: section.heading, line: section.line, ...message, ...(request ? { request } : {}), ...(status ? { status } : {}) };
}
