/**
 * `npm run docs`: the static docs site from the bundled specs, with Redocly.
 *
 *   tsx scripts/docs.ts [--out build/docs] [--bundles generated]
 *
 * Writes <out>/index.html (the landing page), and <out>/<api>.html (the reference) and
 * <out>/<api>.openapi.yaml for each API. Reads the committed bundles: run `npm run build` first after
 * editing openapi/. Everything the pages load is in the folder; `npm run docs:serve` serves it.
 */
import { commandLine } from "../src/cli/command-line.js";

const values = commandLine({
  name: "docs",
  summary:
    "The static docs site from the bundled specs: a landing page, one Redoc reference per API and the bundled specs. " +
    "Reads generated/ as committed: after editing openapi/, run npm run build instead.",
  options: {
    out: { type: "string", value: "<dir>", default: "build/docs", description: "where the site goes" },
    bundles: { type: "string", value: "<dir>", default: "generated", description: "where the bundled specs are read from" },
  },
});

const { buildDocsSite } = await import("../src/build/docs.js");
try {
  const started = performance.now();
  const site = await buildDocsSite({ outDir: values.out, bundleDir: values.bundles });
  for (const page of site.pages) console.log(`${page.api.id}: ${values.out}/${page.reference}`);
  console.log(`docs: ${values.out}/${site.index} (${Math.round(performance.now() - started)} ms); serve it with npm run docs:serve`);
} catch (error) {
  console.error(`docs: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
