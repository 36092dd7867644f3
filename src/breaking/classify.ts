import { ComponentUses, type OperationUse } from "./reach.js";
import type { DiffChange, DiffReport } from "./redocly-diff.js";

/** One change that breaks consumers, located for a person. */
export interface BreakingChange {
  /** `DELETE /{accountId}/backups/{backupId} (deleteBackup)`, a path, or the document part (`servers`). */
  readonly operation: string;
  /** Where in the operation: `response 200 body backups[].status`, `request body backup<oneOf 0>`, … */
  readonly where: string;
  readonly message: string;
  /** Redocly's rule id, or this project's (`response-enum-values-removed`). */
  readonly rule: string;
  /** Where the changed node is defined, when that is a component (`#/components/schemas/BackupStatus/enum`). */
  readonly definedAt?: string;
  /**
   * For a change in a component: every operation whose request or response reaches it, in the document
   * that has the changed node (the base for a removal). Redocly reports the change once, under `operation`.
   */
  readonly usedBy?: readonly OperationUse[];
}

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/**
 * The breaking changes of a Redocly diff report: every verdict Redocly rates `major`, plus this project's
 * rule that a response enum losing values breaks consumers. Redocly rates that a patch (a client still
 * understands every value it can get), but this project ships generated TypeScript types in which an
 * enum is a union of literals: consumer code comparing with the removed value (`status === "FAILED"`)
 * or handling it in a `switch` stops compiling.
 */
export function breakingChanges(report: DiffReport, base: unknown, revision: unknown): BreakingChange[] {
  const found: BreakingChange[] = [];
  const uses = { base: new ComponentUses(base), revision: new ComponentUses(revision) };
  for (const change of report.changes) {
    // A removed node's path indexes the base document (`parameters/1`); any other change's the revision.
    const documents: readonly unknown[] = change.kind === "removed" ? [base, revision] : [revision, base];
    const { operation, where } = locate(change.path, documents);
    const definedAt = componentPointer(change);
    const usedBy = definedAt ? (change.revision ? uses.revision : uses.base).operationsUsing(definedAt) : [];
    const component = { ...(definedAt ? { definedAt } : {}), ...(usedBy.length > 0 ? { usedBy } : {}) };
    for (const verdict of change.verdicts) {
      if (verdict.impact !== "major") continue;
      found.push({ operation, where, message: verdict.message, rule: verdict.ruleId, ...component });
    }
    const lost = change.impact === "major" ? [] : lostEnumValues(change);
    if (lost.length > 0 && isInResponse(change.path)) {
      found.push({
        operation,
        where,
        message: `Enum${ofField(change)} lost values: ${lost.map((value) => `'${String(value)}'`).join(", ")}; typed consumers that compare with them no longer compile.`,
        rule: "response-enum-values-removed",
        ...component,
      });
    }
  }
  return found;
}

function lostEnumValues(change: DiffChange): unknown[] {
  if (change.kind !== "modified" || change.property !== "enum") return [];
  const before = change.base?.value;
  const after = change.revision?.value;
  // An enum removed altogether widens the type to the base type: Redocly rates that itself.
  if (!Array.isArray(before) || !Array.isArray(after)) return [];
  const kept = new Set(after.map((value) => JSON.stringify(value)));
  return before.filter((value) => !kept.has(JSON.stringify(value)));
}

const isInResponse = (path: string): boolean => pointerTokens(path).includes("responses");

function componentPointer(change: DiffChange): string | undefined {
  const pointer = change.revision?.pointer ?? change.base?.pointer;
  return pointer?.startsWith("#/components/") ? pointer : undefined;
}

/** " of `status`": the property (or component) the change is on, as Redocly words its own messages. */
function ofField(change: DiffChange): string {
  const tokens = pointerTokens(change.path);
  const property = tokens.findLastIndex((token, index) => token === "properties" && index < tokens.length - 1);
  if (property >= 0) return ` of \`${tokens[property + 1]}\``;
  const component = /^#\/components\/schemas\/([^/]+)/.exec(change.revision?.pointer ?? change.base?.pointer ?? "");
  return component ? ` of \`${component[1]}\`` : "";
}

export function pointerTokens(pointer: string): string[] {
  const path = pointer.startsWith("#") ? pointer.slice(1) : pointer;
  if (path === "") return [];
  return path
    .slice(1)
    .split("/")
    .map((token) => token.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** The operation a change is in, and where inside it, in words. */
export function locate(path: string, documents: readonly unknown[]): { operation: string; where: string } {
  const tokens = pointerTokens(path);
  if (tokens[0] !== "paths" || tokens[1] === undefined) return { operation: tokens.join("/") || "(document)", where: "" };
  const pathName = tokens[1];
  const method = tokens[2];
  if (method === undefined || !HTTP_METHODS.has(method)) {
    return { operation: pathName, where: describeInOperation(tokens.slice(2), ["paths", pathName], documents) };
  }
  const operationId = documents.map((document) => lookup(document, ["paths", pathName, method, "operationId"])).find(Boolean);
  return {
    operation: `${method.toUpperCase()} ${pathName}${typeof operationId === "string" ? ` (${operationId})` : ""}`,
    where: describeInOperation(tokens.slice(3), ["paths", pathName, method], documents),
  };
}

/** `responses/200/content/application~1json/schema/properties/backups/items/properties/status` → `response 200 body backups[].status`. */
function describeInOperation(tokens: readonly string[], prefix: readonly string[], documents: readonly unknown[]): string {
  const words: string[] = [];
  let index = 0;
  while (index < tokens.length) {
    const token = tokens[index]!;
    const next = tokens[index + 1];
    if (token === "parameters" && next !== undefined) {
      const parameter = lookupParameter([...prefix, ...tokens.slice(0, index + 2)], documents);
      words.push(parameter ? `${parameter.in} parameter ${parameter.name}` : `parameter #${next}`);
      index += 2;
    } else if (token === "parameters") {
      words.push("parameters");
      index += 1;
    } else if (token === "requestBody") {
      words.push("request");
      index += 1;
    } else if (token === "responses" && next !== undefined) {
      words.push(`response ${next}`);
      index += 2;
    } else if (token === "headers" && next !== undefined) {
      words.push(`header ${next}`);
      index += 2;
    } else if (token === "content" && next !== undefined) {
      const schema = tokens[index + 2] === "schema";
      words.push(next === "application/json" ? "body" : `body (${next})`);
      index += schema ? 3 : 2;
      const field = describeSchema(tokens.slice(index));
      if (field) words.push(field);
      break;
    } else if (token === "schema") {
      const field = describeSchema(tokens.slice(index + 1));
      if (field) words.push(field);
      break;
    } else {
      words.push(token);
      index += 1;
    }
  }
  return words.join(" ");
}

/** `properties/backups/items/properties/status` → `backups[].status`. */
function describeSchema(tokens: readonly string[]): string {
  let text = "";
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const next = tokens[index + 1];
    if ((token === "properties" || token === "patternProperties") && next !== undefined) {
      text += text === "" ? next : `.${next}`;
      index++;
    } else if (token === "items") {
      text += "[]";
    } else if (token === "additionalProperties") {
      text += text === "" ? "*" : ".*";
    } else if (["oneOf", "anyOf", "allOf"].includes(token) && next !== undefined) {
      text += `<${token} ${next}>`;
      index++;
    } else {
      text += ` ${token}`;
    }
  }
  return text.trim();
}

function lookup(document: unknown, tokens: readonly string[]): unknown {
  let node = document;
  for (const token of tokens) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

function lookupParameter(tokens: readonly string[], documents: readonly unknown[]): { name: string; in: string } | undefined {
  for (const document of documents) {
    let node = lookup(document, tokens);
    const ref = (node as { $ref?: unknown } | undefined)?.$ref;
    if (typeof ref === "string" && ref.startsWith("#/")) node = lookup(document, pointerTokens(ref));
    const parameter = node as { name?: unknown; in?: unknown } | undefined;
    if (typeof parameter?.name === "string" && typeof parameter.in === "string") return { name: parameter.name, in: parameter.in };
  }
  return undefined;
}
