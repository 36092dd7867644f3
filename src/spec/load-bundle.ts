import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { type ApiDefinition, bundlePath } from "../apis.js";
import type { OpenApiDocument } from "./openapi-types.js";

/** Reads a bundled spec from generated/ (or another output folder). */
export function loadBundle(api: ApiDefinition, outDir = "generated"): OpenApiDocument {
  return parse(readFileSync(bundlePath(api, outDir), "utf8")) as OpenApiDocument;
}
