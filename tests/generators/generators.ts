// The third-party code generators the bundles are checked with: how each one is run in-process through its
// programmatic API, and where its output declares each component schema.

import { readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parse } from "yaml";

/** Where a generator's output declares the type of component schema `name`. */
export type SchemaLocator =
  /** `export type Name` / `export interface Name` in `file`. */
  | { readonly kind: "export"; readonly file: string }
  /** `export namespace <namespace> { export type Name }` in `file`. */
  | { readonly kind: "namespace"; readonly file: string; readonly namespace: string }
  /** A zod schema `Name` in the exported object `object` of `file`: its type is the schema's output type. */
  | { readonly kind: "zod"; readonly file: string; readonly object: string }
  /** Property `Name` of the type reached from the exported type `path[0]` through properties `path[1…]`. */
  | { readonly kind: "member"; readonly file: string; readonly path: readonly [string, ...string[]] };

export interface Generator {
  /** The npm package, pinned in devDependencies. */
  readonly packageName: string;
  /** Folder of its output under the temp folder. */
  readonly id: string;
  /** Packages the generated code imports, resolved from the generator's own install (as its users add them). */
  readonly runtimeImports: readonly string[];
  readonly locate: SchemaLocator;
  /** Writes the generator's output for the bundled spec `bundleFile` into `outDir`. */
  generate(bundleFile: string, outDir: string): Promise<void>;
}

const projectRequire = createRequire(new URL("../../package.json", import.meta.url));

const readDocument = async (bundleFile: string): Promise<Record<string, unknown>> => parse(await readFile(bundleFile, "utf8"));

async function writeOutput(outDir: string, file: string, text: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, file), text);
}

export const GENERATORS: readonly Generator[] = [
  {
    packageName: "openapi-typescript",
    id: "openapi-typescript",
    runtimeImports: [],
    locate: { kind: "member", file: "schema.d.ts", path: ["components", "schemas"] },
    async generate(bundleFile, outDir) {
      // This project's own types, made as `npm run build` makes generated/<api>/schema.d.ts.
      const { generateTypes } = await import("../../src/build/types.js");
      await writeOutput(outDir, "schema.d.ts", await generateTypes(await readFile(bundleFile, "utf8")));
    },
  },
  {
    packageName: "@hey-api/openapi-ts",
    id: "hey-api",
    runtimeImports: [],
    locate: { kind: "export", file: "types.gen.ts" },
    async generate(bundleFile, outDir) {
      const { createClient } = await import("@hey-api/openapi-ts");
      // Default plugins (types, SDK, bundled fetch client), as `npx @hey-api/openapi-ts -i … -o …` makes them.
      await createClient({ input: bundleFile, output: outDir, logs: { level: "silent", file: false } });
    },
  },
  {
    packageName: "orval",
    id: "orval",
    runtimeImports: [],
    locate: { kind: "export", file: "client.ts" },
    async generate(bundleFile, outDir) {
      const { generate } = await import("orval");
      await generate({ input: { target: bundleFile }, output: { target: join(outDir, "client.ts"), client: "fetch", mode: "single" } });
    },
  },
  {
    packageName: "openapi-zod-client",
    id: "openapi-zod-client",
    runtimeImports: ["zod"],
    locate: { kind: "zod", file: "client.ts", object: "schemas" },
    async generate(bundleFile, outDir) {
      const { generateZodClientFromOpenAPI } = await import("openapi-zod-client");
      await mkdir(outDir, { recursive: true });
      await generateZodClientFromOpenAPI({
        openApiDoc: (await readDocument(bundleFile)) as never,
        distPath: join(outDir, "client.ts"),
        // Its shipped `schemas-only` template (`--template`): the zod schemas without the Zodios client, whose
        // types cost more to check than all other outputs together (README, "Other generators").
        templatePath: join(dirname(projectRequire.resolve("openapi-zod-client/package.json")), "src/templates/schemas-only.hbs"),
        // `--export-schemas`: every component schema, also those no operation uses.
        options: { shouldExportAllSchemas: true },
      });
    },
  },
  {
    packageName: "typed-openapi",
    id: "typed-openapi",
    runtimeImports: [],
    locate: { kind: "namespace", file: "client.ts", namespace: "Schemas" },
    async generate(bundleFile, outDir) {
      // The CLI's generateClientFiles joins its output path to the cwd (no temp folder possible) and only adds
      // SwaggerParser.bundle, a no-op on an already bundled spec; these are the two calls it makes.
      const { generateFile, mapOpenApiEndpoints } = await import("typed-openapi");
      const context = mapOpenApiEndpoints((await readDocument(bundleFile)) as never);
      await writeOutput(outDir, "client.ts", generateFile({ ...context, runtime: "none" }));
    },
  },
  {
    packageName: "oazapfts",
    id: "oazapfts",
    runtimeImports: ["@oazapfts/runtime"],
    locate: { kind: "export", file: "client.ts" },
    async generate(bundleFile, outDir) {
      const { generateSource } = await import("oazapfts");
      await writeOutput(outDir, "client.ts", await generateSource(bundleFile, {}));
    },
  },
];

/** The installed (lockfile-pinned) version of a generator. */
export function generatorVersion(generator: Generator): string {
  const manifest = new URL(`../../node_modules/${generator.packageName}/package.json`, import.meta.url);
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}
