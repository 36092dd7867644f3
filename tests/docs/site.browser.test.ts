import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { APIS } from "../../src/apis.js";
import { buildDocsSite, type DocsSite, tagFragment } from "../../src/build/docs.js";
import { serveStatic } from "../../src/docs/serve-static.js";
import { dereference } from "../../src/spec/json-pointer.js";
import type { ExampleObject, OpenApiDocument } from "../../src/spec/openapi-types.js";
import { listOperations } from "../../src/spec/operations.js";
import { type Browser, launchBrowser, watchPage } from "./browser.js";

// The docs site as a reader sees it: built from the bundled specs into a temporary folder, served on a
// free 127.0.0.1 port, and opened in headless chromium with no network beyond that server. Full-page
// screenshots of every page land in build/screenshots/ (git-ignored).

const SCREENSHOTS = "build/screenshots";

let siteDir = "";
let site: DocsSite;
let server: Server | undefined;
let origin = "";
let browser: Browser | undefined;

beforeAll(async () => {
  siteDir = await mkdtemp(join(tmpdir(), "docs-site-"));
  const [built, launched] = await Promise.all([buildDocsSite({ outDir: siteDir }), launchBrowser()]);
  site = built;
  browser = launched;
  server = await serveStatic(siteDir, 0);
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the docs server is not listening on TCP");
  origin = `http://127.0.0.1:${address.port}`;
  await mkdir(SCREENSHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (siteDir) await rm(siteDir, { recursive: true, force: true });
});

/**
 * Opens `path` of the site in a new tab and runs `check` on it; then nothing may have gone wrong on the
 * page (see watchPage). When `check` fails, what went wrong on the page is part of the error: a missing
 * element is often the effect of a request that failed.
 */
async function onPage(path: string, check: (page: Page) => Promise<void>): Promise<void> {
  const page = await browser!.context.newPage();
  page.setDefaultTimeout(10_000);
  const problems = watchPage(page, origin);
  try {
    await page.goto(`${origin}/${path}`, { waitUntil: "load" });
    await check(page);
  } catch (error) {
    if (problems.length === 0) throw error;
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n\nOn the page:\n${problems.join("\n")}`, { cause: error });
  } finally {
    await page.close();
  }
  expect(problems.join("\n"), `what went wrong on ${path}`).toBe("");
}

/**
 * The side menu once Redoc has hydrated the server-rendered page: only then do its links navigate
 * in-page (`#/…`) instead of loading a path of the server. Redoc mounts its attribution logo in an effect
 * after hydration, so the logo is the sign; it must have loaded, too (it is the image the build inlines).
 */
async function hydratedMenu(page: Page): Promise<Locator> {
  const logo = page.locator('img[alt="redocly logo"]');
  await logo.waitFor();
  await expect(logo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).resolves.toBe(true);
  return page.locator('[data-component-name="Menu/Menu"]').first();
}

/** A tag's entry in the menu: Redoc writes its link as the path the server rendered (`/backups`) or as `#/backups`. */
const tagLink = (menu: Locator, tag: string) => {
  const fragment = tagFragment(tag);
  return menu.locator(`a[href="${fragment}"], a[href="${fragment.slice(1)}"]`);
};

interface DocumentedOperation {
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  /**
   * The top-level properties of the JSON request body, and what Redoc shows of its first example: the
   * summary in the example picker when there are several, else its description.
   */
  readonly requestBody?: { readonly properties: readonly string[]; readonly exampleCaption: string | undefined };
}

function documentedOperations(spec: OpenApiDocument): DocumentedOperation[] {
  return listOperations(spec).map(({ operation }) => {
    const body = operation.requestBody
      ? dereference<{ content: Record<string, { schema?: unknown; examples?: object }> }>(spec, operation.requestBody)
      : undefined;
    const json = body?.content["application/json"];
    const schema = json ? dereference<{ properties?: Record<string, unknown> }>(spec, json.schema) : undefined;
    const examples = Object.values(json?.examples ?? {}).map((example) => dereference<ExampleObject>(spec, example));
    const caption = examples.length > 1 ? examples[0]!.summary : examples[0]?.description;
    return {
      operationId: operation.operationId,
      summary: operation.summary ?? "",
      tag: operation.tags?.[0] ?? "",
      ...(json
        ? {
            requestBody: {
              properties: Object.keys(schema?.properties ?? {}),
              exampleCaption: caption?.replaceAll("`", ""),
            },
          }
        : {}),
    };
  });
}

// The three pages are checked side by side, each in its own tab of the one browser.
describe.concurrent("the docs site in a browser, offline", () => {
  it("the landing page links each reference, its getting-started section and its spec, and every link works", async ({ expect }) => {
    await onPage(site.index, async (page) => {
      await expect(page.title()).resolves.toBe("Backup API references");
      for (const { api, reference, spec } of site.pages) {
        const link = page.locator(`a.primary[href="./${reference}"]`);
        await expect(link.textContent()).resolves.toBe("API reference");
        await Promise.all([page.waitForURL(`${origin}/${reference}`), link.click()]);
        await expect(page.title()).resolves.toBe(api.title);
        await hydratedMenu(page);
        // Leave only once the page has loaded all it loads: a request cut off by the test is not the site's.
        await page.waitForLoadState("networkidle");
        await page.goBack();

        const gettingStarted = page.locator(`a[href="./${reference}${tagFragment("Getting started")}"]`);
        await Promise.all([page.waitForURL(`${origin}/${reference}${tagFragment("Getting started")}`), gettingStarted.click()]);
        await page.locator("h1, h2", { hasText: "Getting started" }).first().waitFor();
        await page.waitForLoadState("networkidle");
        await page.goBack();

        const download = await page.request.get(`${origin}/${spec}`);
        expect(download.status(), spec).toBe(200);
        expect(await download.text()).toBe(await readFile(`generated/${api.id}/openapi.yaml`, "utf8"));
      }
      await page.screenshot({ path: join(SCREENSHOTS, "index.png"), fullPage: true });
    });
  });

  for (const api of APIS) {
    it(`${api.id}.html renders with nothing from outside 127.0.0.1, lists every operation, and shows request bodies with an example`, async ({
      expect,
    }) => {
      const spec = parse(await readFile(`generated/${api.id}/openapi.yaml`, "utf8")) as OpenApiDocument;
      const operations = documentedOperations(spec);
      await onPage(`${api.id}.html`, async (page) => {
        const menu = await hydratedMenu(page);
        await page.screenshot({ path: join(SCREENSHOTS, `${api.id}.png`), fullPage: true });
        await expect(page.title()).resolves.toBe(api.title);
        await expect(tagLink(menu, "Getting started").count()).resolves.toBe(1);

        let screenshotTaken = false;
        for (const tag of [...new Set(operations.map((operation) => operation.tag))]) {
          // A tag's operations show in the menu once its entry is opened: exactly the spec's, no more.
          await tagLink(menu, tag).click();
          const tagged = operations.filter((candidate) => candidate.tag === tag);
          await menu
            .locator(`a[href^="${tagFragment(tag)}/"]`)
            .first()
            .waitFor();
          await expect(menu.locator(`a[href^="${tagFragment(tag)}/"]`).count(), `operations under ${tag}`).resolves.toBe(tagged.length);
          for (const operation of tagged) {
            const anchor = `${tagFragment(tag)}/${operation.operationId.toLowerCase()}`;
            const item = menu.locator(`a[href="${anchor}"]`);
            await expect(item.textContent(), `${operation.operationId} in the menu`).resolves.toContain(operation.summary);
            await item.click();
            await page.waitForURL(`${origin}/${api.id}.html${anchor}`);
            const section = page.locator(`[id="${anchor.slice(2)}"]`);
            await section.locator("h1, h2", { hasText: operation.summary }).first().waitFor();

            if (operation.requestBody) {
              const body = page.locator(`[id="${anchor.slice(2)}/request/body"]`);
              await body.waitFor();
              for (const property of operation.requestBody.properties) {
                await expect(
                  page.locator(`[id="${anchor.slice(2)}/t=request&path=${property.toLowerCase()}"]`).count(),
                  `${operation.operationId} request body property ${property}`,
                ).resolves.toBe(1);
              }
              expect(operation.requestBody.exampleCaption, `${operation.operationId} has a request example`).toBeTruthy();
              await section.getByText(operation.requestBody.exampleCaption!).first().waitFor();
              if (!screenshotTaken) {
                await page.screenshot({ path: join(SCREENSHOTS, `${api.id}.operation.png`) });
                screenshotTaken = true;
              }
            }
          }
        }
      });
    });
  }
});
