import { spawn } from "node:child_process";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { APIS, type ApiDefinition, bundlePath } from "../apis.js";
import { type LandingEntry, landingPage } from "../docs/landing-page.js";
import { inlineRemoteAssets, offlineProblems } from "../docs/offline.js";
import { REDOCLY_BIN, REDOCLY_ENV } from "./redocly-cli.js";

/** The page template: Redoc's default one plus a bar linking back to the landing page, and no remote loads. */
export const REDOC_TEMPLATE = fileURLToPath(new URL("../docs/redoc-template.hbs", import.meta.url));
/** Height in px of the template's top bar; Redoc's `scrollYOffset` lays the page out below it. */
const NAV_HEIGHT = 40;

interface BundleInfo {
  readonly info: { title: string; version: string; summary?: string };
  readonly tags?: readonly { name: string; "x-traitTag"?: boolean }[];
}

async function readBundleInfo(bundleFile: string): Promise<BundleInfo> {
  return parse(await readFile(bundleFile, "utf8")) as BundleInfo;
}

/** Redoc's URL fragment of a tag: `#/getting-started` for "Getting started". */
export const tagFragment = (tag: string): string => `#/${tag.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

/**
 * Renders one bundled spec to a standalone HTML reference with `redocly build-docs` and the project
 * template. The page needs nothing from the network: the Redoc script is inlined (`--inlineBundle`), the
 * template loads no fonts, and the remote logo Redoc would load is replaced by an inline one. Fails if
 * the result would still load anything from elsewhere.
 */
export async function buildDocs(api: ApiDefinition, bundleFile: string, outputFile: string): Promise<void> {
  const { info } = await readBundleInfo(bundleFile);
  const args = [
    REDOCLY_BIN,
    "build-docs",
    bundleFile,
    "--output",
    outputFile,
    "--title",
    api.title,
    "--inlineBundle",
    "--template",
    REDOC_TEMPLATE,
    `--templateOptions.navHeight=${NAV_HEIGHT}`,
    `--templateOptions.description=${info.summary ?? api.title}`,
    `--openapi.scrollYOffset=${NAV_HEIGHT}`,
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
}

/** The files of a built site, relative to its folder. */
export interface DocsSite {
  readonly index: string;
  readonly pages: readonly { readonly api: ApiDefinition; readonly reference: string; readonly spec: string }[];
}

/**
 * The static docs site from the bundled specs: `<api>.html` (the reference) and `<api>.openapi.yaml` (the
 * spec it is rendered from) for each API, and `index.html` linking them. The pages render in parallel.
 */
export async function buildDocsSite(options: DocsSiteOptions): Promise<DocsSite> {
  const { outDir, bundleDir = "generated", apis = APIS } = options;
  await mkdir(outDir, { recursive: true });
  const entries = await Promise.all(
    apis.map(async (api): Promise<LandingEntry> => {
      const bundleFile = bundlePath(api, bundleDir);
      const reference = `${api.id}.html`;
      const spec = `${api.id}.openapi.yaml`;
      const [{ info, tags = [] }] = await Promise.all([
        readBundleInfo(bundleFile),
        buildDocs(api, bundleFile, join(outDir, reference)),
        copyFile(bundleFile, join(outDir, spec)),
      ]);
      const gettingStarted = tags.find((tag) => tag["x-traitTag"] && tag.name === "Getting started");
      return {
        id: api.id,
        title: info.title,
        version: info.version,
        summary: info.summary ?? "",
        reference,
        ...(gettingStarted ? { gettingStarted: `${reference}${tagFragment(gettingStarted.name)}` } : {}),
        spec,
      };
    }),
  );
  await writeFile(join(outDir, "index.html"), landingPage(entries));
  return {
    index: "index.html",
    pages: apis.map((api, index) => ({ api, reference: entries[index]!.reference, spec: entries[index]!.spec })),
  };
}
