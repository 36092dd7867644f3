import { spawn } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { APIS, type ApiDefinition, bundlePath } from "../apis.js";
import { docsSpec } from "../docs/docs-spec.js";
import { errataOperations } from "../docs/errata-operations.js";
import { type ErrataSection, errataPage } from "../docs/errata-page.js";
import { type LandingEntry, landingPage } from "../docs/landing-page.js";
import { inlineRemoteAssets, offlineProblems } from "../docs/offline.js";
import {
  swaggerUiAssets,
  TRY_IT_ASSETS_DIR,
  TRY_IT_START_SCRIPT,
  tryItHtml,
  tryItOperation,
  tryItPage,
  tryItSpec,
  tryItSpecFile,
} from "../docs/try-it.js";
import { type Erratum, loadErrata } from "../errata/register.js";
import type { OpenApiDocument } from "../spec/openapi-types.js";
import { listOperations } from "../spec/operations.js";
import { REDOCLY_BIN, REDOCLY_ENV } from "./redocly-cli.js";

/** The page template: Redoc's default one plus a bar linking the site's pages, and no remote loads. */
export const REDOC_TEMPLATE = fileURLToPath(new URL("../docs/redoc-template.hbs", import.meta.url));
/** Height in px of the template's top bar; Redoc's `scrollYOffset` lays the page out below it. */
export const NAV_HEIGHT = 40;
/** The errata page of the site. */
export const ERRATA_PAGE = "errata.html";

/** Redoc's URL fragment of a tag: `#/getting-started` for "Getting started". */
export const tagFragment = (tag: string): string => `#/${tag.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
/** Redoc's URL fragment of an operation: `#/backups/createbackup`. */
export const operationFragment = (tag: string, operationId: string): string => `${tagFragment(tag)}/${operationId.toLowerCase()}`;

/**
 * The languages of the request-sample menu, in order: every x-codeSamples label of the spec, then
 * Redoc's Payload. Redoc CE shows only the samples whose label (or lang) is in this list, and its default
 * list has no TypeScript, so without it the TypeScript samples are silently dropped.
 */
export function sampleLanguages(spec: OpenApiDocument): { lang: string; label: string }[] {
  const languages = new Map<string, string>();
  for (const { operation } of listOperations(spec)) {
    for (const sample of (operation["x-codeSamples"] ?? []) as { lang: string; label?: string }[]) {
      const label = sample.label ?? sample.lang;
      if (!languages.has(label)) languages.set(label, sample.lang);
    }
  }
  return [...[...languages].map(([label, lang]) => ({ lang, label })), { lang: "Payload", label: "Payload" }];
}

/** Redoc's options for a reference page (passed to build-docs as JSON: nested lists do not fit its dotted flags). */
export function redocOptions(api: ApiDefinition, spec: OpenApiDocument): Record<string, unknown> {
  return {
    scrollYOffset: NAV_HEIGHT,
    codeSamples: { languages: sampleLanguages(spec) },
    // The download is the published bundle, not the copy with the site's links that the page renders.
    downloadUrls: [{ url: `./${api.id}.openapi.yaml`, title: "OpenAPI description (YAML)" }],
  };
}

/**
 * Renders one spec to a standalone HTML reference with `redocly build-docs` and the project template.
 * The page needs nothing from the network: the Redoc script is inlined (`--inlineBundle`), the template
 * loads no fonts, and the remote logo Redoc would load is replaced by an inline one. Fails if the result
 * would still load anything from elsewhere.
 */
export async function buildDocs(api: ApiDefinition, specFile: string, outputFile: string, spec: OpenApiDocument): Promise<void> {
  const info = spec.info as { summary?: string };
  const args = [
    REDOCLY_BIN,
    "build-docs",
    specFile,
    "--output",
    outputFile,
    "--title",
    api.title,
    "--inlineBundle",
    "--template",
    REDOC_TEMPLATE,
    `--templateOptions.navHeight=${NAV_HEIGHT}`,
    `--templateOptions.description=${info.summary ?? api.title}`,
    `--templateOptions.tryIt=${tryItPage(api)}`,
    `--templateOptions.errata=${ERRATA_PAGE}#${api.id}`,
    `--openapi=${JSON.stringify(redocOptions(api, spec))}`,
  ];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: REDOCLY_ENV, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`redocly build-docs for ${api.id} exited with ${code}:\n${output}`)),
    );
  });
  const html = inlineRemoteAssets(await readFile(outputFile, "utf8"));
  const problems = offlineProblems(html);
  if (problems.length > 0) {
    throw new Error(`${outputFile} would not render offline:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  }
  await writeFile(outputFile, html);
}

export interface DocsSiteOptions {
  /** Where the site goes (build/docs). */
  readonly outDir: string;
  /** Where the bundled specs are read from (generated). */
  readonly bundleDir?: string;
  readonly apis?: readonly ApiDefinition[];
  /** The errata register (openapi/errata.yaml). */
  readonly errataFile?: string;
}

/** The files of a built site, relative to its folder. */
export interface DocsSite {
  readonly index: string;
  readonly errata: string;
  readonly pages: readonly {
    readonly api: ApiDefinition;
    readonly reference: string;
    readonly spec: string;
    readonly tryIt: string;
    readonly tryItSpec: string;
  }[];
}

interface ApiPages {
  readonly landing: LandingEntry;
  readonly errata: ErrataSection;
  readonly page: DocsSite["pages"][number];
}

/**
 * The static docs site from the bundled specs, for each API: `<api>.html` (the Redoc reference),
 * `<api>.openapi.yaml` (the published bundle), `<api>.try-it.html` with `<api>.try-it.openapi.json`
 * (Swagger UI against a local sandbox); and `errata.html`, `index.html` and Swagger UI's files in
 * `try-it/`. The pages render in parallel.
 */
export async function buildDocsSite(options: DocsSiteOptions): Promise<DocsSite> {
  const { outDir, bundleDir = "generated", apis = APIS } = options;
  const errata = loadErrata(options.errataFile);
  await mkdir(join(outDir, TRY_IT_ASSETS_DIR), { recursive: true });
  const work = await mkdtemp(join(tmpdir(), "docs-specs-"));
  try {
    const [built] = await Promise.all([
      Promise.all(apis.map((api) => buildApiPages(api, bundlePath(api, bundleDir), outDir, work, errata))),
      ...swaggerUiAssets().map(({ source, name }) => copyFile(source, join(outDir, TRY_IT_ASSETS_DIR, name))),
      writeFile(join(outDir, TRY_IT_ASSETS_DIR, "start.js"), TRY_IT_START_SCRIPT),
    ]);
    await writeFile(join(outDir, ERRATA_PAGE), errataPage(built.map((pages) => pages.errata)));
    await writeFile(join(outDir, "index.html"), landingPage(built.map((pages) => pages.landing)));
    return { index: "index.html", errata: ERRATA_PAGE, pages: built.map((pages) => pages.page) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function buildApiPages(
  api: ApiDefinition,
  bundleFile: string,
  outDir: string,
  work: string,
  allErrata: readonly Erratum[],
): Promise<ApiPages> {
  const bundleText = await readFile(bundleFile, "utf8");
  const bundle = parse(bundleText) as OpenApiDocument;
  const errata = allErrata.filter((erratum) => erratum.api === api.id);
  const concerns = errataOperations(bundle, errata);
  const reference = `${api.id}.html`;
  const spec = `${api.id}.openapi.yaml`;

  const rendered = docsSpec(bundle, {
    errata,
    errataOperations: concerns,
    errataPage: ERRATA_PAGE,
    tryIt: { page: tryItPage(api), operation: (tag, operationId) => tryItOperation(api, tag, operationId) },
  });
  const renderedFile = join(work, `${api.id}.openapi.json`);
  await writeFile(renderedFile, JSON.stringify(rendered));
  const tryIt = tryItSpec(bundle);
  await Promise.all([
    buildDocs(api, renderedFile, join(outDir, reference), rendered),
    writeFile(join(outDir, spec), bundleText),
    writeFile(join(outDir, tryItSpecFile(api)), JSON.stringify(tryIt)),
    writeFile(join(outDir, tryItPage(api)), tryItHtml(api, tryIt, reference, NAV_HEIGHT)),
  ]);

  const operations = listOperations(bundle);
  const summaryOf = new Map(operations.map(({ operationId, operation }) => [operationId, operation]));
  const tags = (bundle.tags ?? []) as { name: string; "x-traitTag"?: boolean }[];
  const gettingStarted = tags.find((tag) => tag["x-traitTag"] && tag.name === "Getting started");
  return {
    landing: {
      id: api.id,
      title: bundle.info.title,
      version: bundle.info.version,
      summary: (bundle.info as { summary?: string }).summary ?? "",
      reference,
      ...(gettingStarted ? { gettingStarted: `${reference}${tagFragment(gettingStarted.name)}` } : {}),
      spec,
      tryIt: tryItPage(api),
      errata: `${ERRATA_PAGE}#${api.id}`,
    },
    errata: {
      id: api.id,
      title: bundle.info.title,
      reference,
      errata,
      operations: new Map(
        [...concerns].map(([id, operationIds]) => [
          id,
          operationIds.map((operationId) => {
            const operation = summaryOf.get(operationId)!;
            return [operation.summary ?? operationId, operationFragment(operation.tags?.[0] ?? "", operationId)] as const;
          }),
        ]),
      ),
    },
    page: { api, reference, spec, tryIt: tryItPage(api), tryItSpec: tryItSpecFile(api) },
  };
}
