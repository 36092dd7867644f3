import { readFile } from "node:fs/promises";
import { Ajv2020 } from "ajv/dist/2020.js";
import { LineCounter, parseDocument } from "yaml";
import { ERRATA_FILE } from "../errata/register.js";

export const ERRATA_SCHEMA_FILE = "openapi/errata.schema.json";

/**
 * The errata register's problems, one line each with file and line: YAML syntax, then the shape
 * openapi/errata.schema.json gives it (what tests/errata/ checks first). Empty when it is well-formed.
 */
export async function checkErrata(file = ERRATA_FILE, schemaFile = ERRATA_SCHEMA_FILE): Promise<string[]> {
  const [text, schemaText] = await Promise.all([readFile(file, "utf8"), readFile(schemaFile, "utf8")]);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  if (document.errors.length > 0) {
    return document.errors.slice(0, 3).map((error) => {
      const at = error.linePos?.[0];
      return `${file}:${at ? `${at.line}:${at.col}` : "?"} error yaml: ${error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`;
    });
  }
  let schema: object;
  try {
    schema = JSON.parse(schemaText) as object;
  } catch (error) {
    return [`${schemaFile}: error json: ${error instanceof Error ? error.message : String(error)}`];
  }
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  if (validate(document.toJS())) return [];
  return (validate.errors ?? []).map((error) => {
    const path = error.instancePath
      .split("/")
      .slice(1)
      .map((token) => (/^\d+$/.test(token) ? Number(token) : token.replaceAll("~1", "/").replaceAll("~0", "~")));
    // The deepest node that exists on the way to the error: a missing field is reported at its object.
    let node: unknown;
    for (let depth = path.length; depth >= 0 && node === undefined; depth--) node = document.getIn(path.slice(0, depth), true);
    const { line, col } = lineCounter.linePos((node as { range?: readonly number[] } | undefined)?.range?.[0] ?? 0);
    return `${file}:${line}:${col} error errata.schema.json: ${error.instancePath || "/"} ${error.message ?? "is invalid"}`;
  });
}
