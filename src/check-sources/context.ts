import { join } from "node:path";
import { APIS, type ApiDefinition } from "../apis.js";
import { ERRATA_FILE, type Erratum, loadErrata } from "../errata/register.js";
import { readSourcePages, SOURCES_DIR, type SourcePage } from "../sources/source-page.js";
import { fullOperationPaths } from "../spec/full-paths.js";
import { loadBundle } from "../spec/load-bundle.js";
import type { OpenApiDocument } from "../spec/openapi-types.js";
import { listOperations, type OperationEntry } from "../spec/operations.js";

/** One bundled spec and what the checks look up in it. */
export interface ApiSpec {
  readonly api: ApiDefinition;
  readonly spec: OpenApiDocument;
  readonly operations: readonly OperationEntry[];
  /** "METHOD /full/path" → operationId, the server URL's path as written (`/{version}/{accountId}/backups`). */
  readonly fullPaths: ReadonlyMap<string, string>;
  /** The same with the server variables at their defaults (`/v1.0/{accountId}/backups`). */
  readonly resolvedPaths: ReadonlyMap<string, string>;
}

export interface CheckContext {
  readonly pages: readonly SourcePage[];
  readonly apis: readonly ApiSpec[];
  readonly errata: readonly Erratum[];
}

/** Reads the pages, the errata register and the bundled specs from a project folder. */
export function loadContext(root = process.cwd(), env: NodeJS.ProcessEnv = process.env): CheckContext {
  return {
    pages: readSourcePages(join(root, SOURCES_DIR), env),
    errata: loadErrata(join(root, ERRATA_FILE)),
    apis: APIS.map((api) => apiSpec(api, loadBundle(api, join(root, "generated")))),
  };
}

/** A bundled spec with what the checks look up in it. */
export function apiSpec(api: ApiDefinition, spec: OpenApiDocument): ApiSpec {
  return {
    api,
    spec,
    operations: listOperations(spec),
    fullPaths: fullOperationPaths(spec),
    resolvedPaths: fullOperationPaths(spec, true),
  };
}

export interface Difference {
  readonly page: string;
  /** Where on the page: table and row, example, erratum… */
  readonly where: readonly string[];
  readonly message: string;
  /** Further lines (page text against spec text, differing JSON values). */
  readonly details: readonly string[];
}

/** What the checks found: differences fail the check, infos do not. */
export class Findings {
  readonly differences: Difference[] = [];
  readonly infos: string[] = [];
  readonly counts = new Map<string, number>();
  /** Errata that excused a difference (see errata-places.ts). */
  readonly usedErrata = new Set<string>();

  difference(page: string, where: readonly string[], message: string, details: readonly string[] = []): void {
    this.differences.push({ page, where, message, details });
  }
  info(message: string): void {
    this.infos.push(message);
  }
  /** Counts one checked item of a kind, for the summary line. */
  checked(kind: string, count = 1): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + count);
  }
}

/** Whitespace collapsed, as text that wraps differently on the page and in the spec compares. */
export const normalizeSpace = (text: string): string => text.replace(/\s+/g, " ").trim();
