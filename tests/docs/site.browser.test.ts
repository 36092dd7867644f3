import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { APIS, type ApiDefinition } from "../../src/apis.js";
import { codeSamplesDir } from "../../src/build/code-samples.js";
import { buildDocsSite, type DocsSite, operationFragment, tagFragment } from "../../src/build/docs.js";
import { serveStatic } from "../../src/docs/serve-static.js";
import { loadErrata } from "../../src/errata/register.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import { DEMO_TOKEN } from "../../src/sandbox/config.js";
import { createSandbox, type Sandbox } from "../../src/sandbox/server.js";
import type { OpenApiDocument } from "../../src/spec/openapi-types.js";
import { type Browser, instantAnimations, launchBrowser, watchPage } from "./browser.js";
import {
  ACTION_TIMEOUT,
  countByAttribute,
  type DocumentedOperation,
  documentedOperations,
  EXAMPLE_PICKER,
  examplePickerVisible,
  hydratedMenu,
  openLanguageMenu,
  parseCurl,
  pickSample,
  samplesPanel,
  shownSample,
} from "./reader.js";

// The docs site as a reader sees it: built from the bundled specs into a temporary folder, served on a
// free 127.0.0.1 port, and opened in one headless Chromium (tabs side by side) with no network beyond
// that server and a sandbox the try-it pages send to. What is checked comes from the spec, the sample
// files and the errata register, not from the code that builds the pages. Screenshots (desktop 1280 px
// and mobile 390 px) land in build/screenshots/ (git-ignored).
//
// A reference page is opened once per API and width, in a tab of its own, and its tests go through it in
// order as a reader would (menu entry by menu entry), one test per operation; the tabs run side by side.
// Each opening of a reference page loads and hydrates the whole of Redoc, seconds of CPU, and Chromium's
// work is most of the file's: so no more tabs than that.

const SCREENSHOTS = "build/screenshots";
const DESKTOP = { width: 1280, height: 800 };
const MOBILE = { width: 390, height: 844 };
/** Words of the repository, not of the API, that a reader must not meet. */
const JARGON = [/openapi\/(sources|workflows|errata)/, /by the tests/, /\b\d{3}_[0-9a-f]{16}\.txt\b/, /generated\//];

let siteDir = "";
let site: DocsSite;
let server: Server | undefined;
let origin = "";
let browser: Browser | undefined;
let sandbox: Sandbox | undefined;
let sandboxUrl = "";

beforeAll(async () => {
  siteDir = await mkdtemp(join(tmpdir(), "docs-site-"));
  sandbox = createSandbox({ clock: new ManualClock() });
  const [built, launched, listening] = await Promise.all([
    buildDocsSite({ outDir: siteDir }),
    launchBrowser(),
    sandbox.listen(0, "127.0.0.1"),
    mkdir(SCREENSHOTS, { recursive: true }),
  ]);
  site = built;
  browser = launched;
  sandboxUrl = listening;
  server = await serveStatic(siteDir, 0);
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the docs server is not listening on TCP");
  origin = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (siteDir) await rm(siteDir, { recursive: true, force: true });
});

/**
 * Runs `check` on `page`; then nothing may have gone wrong on the page since `problems[from]` (see
 * watchPage). When `check` fails, what went wrong on the page is part of the error: a missing element is
 * often the effect of a request that failed.
 */
async function watched(
  page: Page,
  path: string,
  problems: readonly string[],
  from: number,
  check: (page: Page) => Promise<void>,
): Promise<void> {
  try {
    await check(page);
  } catch (error) {
    const seen = problems.slice(from);
    if (seen.length === 0) throw error;
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n\nOn the page:\n${seen.join("\n")}`, { cause: error });
  }
  expect(problems.slice(from).join("\n"), `what went wrong on ${path}`).toBe("");
}

async function newPage(path: string, viewport: typeof DESKTOP, alsoAllowed?: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser!.context.newPage();
  await page.setViewportSize(viewport);
  page.setDefaultTimeout(ACTION_TIMEOUT);
  await instantAnimations(page);
  const problems = watchPage(page, origin, alsoAllowed);
  await page.goto(`${origin}/${path}`, { waitUntil: "load" });
  return { page, problems };
}

/** Opens `path` of the site in a new tab, runs `check` on it (see watched), and closes the tab. */
async function onPage(
  path: string,
  check: (page: Page) => Promise<void>,
  options: { viewport?: typeof DESKTOP; alsoAllowed?: string } = {},
): Promise<void> {
  const { page, problems } = await newPage(path, options.viewport ?? DESKTOP, options.alsoAllowed);
  try {
    await watched(page, path, problems, 0, check);
  } finally {
    await page.close();
  }
}

/**
 * A Redoc reference page in a tab of its own for the tests of the calling describe block, opened (and
 * hydrated) before them and closed after them. Each test's `step` goes on from where the last one left
 * the page and answers for what went wrong on it since the last step (the first, for the page's load).
 */
function referencePage(
  path: string,
  viewport: typeof DESKTOP,
): { step: (check: (page: Page, menu: Locator) => Promise<void>) => Promise<void> } {
  let opened: { page: Page; problems: string[]; menu: Locator } | undefined;
  let reported = 0;
  beforeAll(async () => {
    const { page, problems } = await newPage(path, viewport);
    opened = { page, problems, menu: await hydratedMenu(page) };
  });
  afterAll(async () => {
    await opened?.page.close();
  });
  return {
    async step(check) {
      const { page, problems, menu } = opened!;
      const from = reported;
      try {
        await watched(page, path, problems, from, (shown) => check(shown, menu));
      } finally {
        reported = problems.length;
      }
    },
  };
}

/** Read when the tests are collected: there is one test per operation. */
const specOf = (api: ApiDefinition) => parse(readFileSync(`generated/${api.id}/openapi.yaml`, "utf8")) as OpenApiDocument;
const errata = loadErrata();

/** The server URL of the spec with its variables at their defaults, as curl must call it. */
function defaultServer(spec: OpenApiDocument): string {
  const server = spec.servers![0]!;
  return server.url.replace(/\{([^}]+)\}/g, (_match, name: string) => server.variables![name]!.default);
}

/** What the reader sees of one operation at 1280 px: its request body, samples, errata links, the try-it link; and the curl shown. */
async function checkOperation(
  page: Page,
  api: ApiDefinition,
  spec: OpenApiDocument,
  operation: DocumentedOperation,
): Promise<{ curl: ReturnType<typeof parseCurl>; languages: string[] }> {
  const anchor = operationFragment(operation.tag, operation.operationId);
  const section = page.locator(`[id="${anchor.slice(2)}"]`);
  await section.locator("h1, h2", { hasText: operation.summary }).first().waitFor();
  const what = `${api.id} ${operation.operationId}`;

  const propertyIds = operation.bodyProperties.map((property) => `${anchor.slice(2)}/t=request&path=${property.toLowerCase()}`);
  const counts = await countByAttribute(page, "id", propertyIds);
  for (const [index, property] of operation.bodyProperties.entries()) {
    expect(counts[index], `${what}: request body property ${property}`).toBe(1);
  }

  // Both samples are in the menu and show; TypeScript is the file the tests run. The one shown on arrival
  // is read as it is, the other picked in the menu (see shownSample).
  const panel = samplesPanel(section);
  const arrived = await shownSample(panel);
  // The menu is opened once at least, for its list of languages: to pick the one of the two not shown.
  const first = arrived?.label === "TypeScript" ? "curl" : "TypeScript";
  const second = first === "TypeScript" ? "curl" : "TypeScript";
  const { languages, sample } = await pickSample(page, panel, first, arrived);
  const samples = new Map([[first, sample]]);
  samples.set(second, arrived?.label === second ? arrived : (await pickSample(page, panel, second, sample)).sample);
  expect(languages.slice(0, 2), `${what}: languages`).toEqual(["TypeScript", "curl"]);
  const typescript = samples.get("TypeScript")!;
  expect(typescript.code.trim(), `${what}: the TypeScript sample`).toBe(
    (await readFile(join(codeSamplesDir(api), `${operation.operationId}.ts`), "utf8")).trim(),
  );
  expect(typescript.picker, `${what}: no example picker beside a code sample`).toBe(false);

  // curl calls the operation on the documented server.
  const curl = parseCurl(samples.get("curl")!.code);
  expect(curl.method, what).toBe(operation.method);
  const template = new RegExp(
    `^${escapeRegExp(defaultServer(spec))}${operation.path.replace(/\{[^}]+\}/g, "[^/?]+").replace(/\//g, "\\/")}(\\?.*)?$`,
  );
  expect(curl.url, what).toMatch(template);
  expect(curl.headers, what).toContain("X-Auth-Token: $AUTH_TOKEN");
  if (operation.requestExamples.length === 0) expect(curl.body, `${what}: no body`).toBeUndefined();
  expect(samples.get("curl")!.picker, `${what}: no example picker beside curl`).toBe(false);

  // The errata that name this operation link to their entries; the try-it link opens it there.
  const tryIt = `./${api.id}.try-it.html#/${encodeURIComponent(operation.tag)}/${operation.operationId}`;
  const { links, tryItLinks } = await section.evaluate(
    (element, href) => ({
      links: [...element.querySelectorAll('a[href^="./errata.html#"]')].map((a) => a.getAttribute("href")!),
      tryItLinks: element.querySelectorAll(`a[href="${CSS.escape(href)}"]`).length,
    }),
    tryIt,
  );
  for (const erratum of errata.filter((entry) => entry.api === api.id)) {
    const names = erratum.verify.example?.operationId ?? erratum.verify.response_code?.operationId;
    if (names === operation.operationId) expect(links, `${what}: link to ${erratum.id}`).toContain(`./errata.html#${erratum.id}`);
  }
  for (const link of links)
    expect(
      errata.map((entry) => `./errata.html#${entry.id}`),
      `${what}: ${link}`,
    ).toContain(link);
  expect(tryItLinks, `${what}: try-it link`).toBe(1);
  return { curl, languages };
}

/**
 * The curl of one request example, in the operation's samples panel: its own "curl: <summary>", or the
 * plain curl when the operation has just the one example. It sends the example, to where the plain curl
 * does. `shown` is what the operation's test before this one saw: the plain curl and the menu's languages.
 */
async function checkExampleCurl(
  page: Page,
  api: ApiDefinition,
  operation: DocumentedOperation,
  example: DocumentedOperation["requestExamples"][number],
  shown: Awaited<ReturnType<typeof checkOperation>> | undefined,
): Promise<void> {
  const what = `${api.id} ${operation.operationId}`;
  expect(shown, `${what}: the operation's own test passed before this one`).toBeDefined();
  const { curl, languages } = shown!;
  const panel = samplesPanel(page.locator(`[id="${operationFragment(operation.tag, operation.operationId).slice(2)}"]`));
  const label = languages.includes(`curl: ${example.summary}`) ? `curl: ${example.summary}` : "curl";
  const arrived = await shownSample(panel);
  const sample = arrived?.label === label ? arrived : (await pickSample(page, panel, label, arrived)).sample;
  const sent = parseCurl(sample.code);
  expect(sent.body, `${what}: the curl for "${example.summary}"`).toEqual(example.value);
  expect([sent.method, sent.url], `${what}: "${example.summary}"`).toEqual([curl.method, curl.url]);
  expect(sample.picker, `${what}: no example picker beside "${label}"`).toBe(false);
}

async function showPayload(page: Page, panel: ReturnType<typeof samplesPanel>): Promise<void> {
  await (await openLanguageMenu(page, panel)).getByText("Payload", { exact: true }).click();
  await panel.locator(EXAMPLE_PICKER).waitFor();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * At 390 px: nothing wider than the screen, no code block wider than its box, the menu button in the bar.
 * One read of the page, so that all of it is of one layout; button and bar are each the one element of
 * their kind (as to a Playwright locator), and without a box (as boundingBox has none) when not rendered.
 */
async function checkMobile(page: Page, what: string): Promise<void> {
  const { overflow, button, bar } = await page.evaluate(() => {
    const wide: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) wide.push(`the page is ${document.documentElement.scrollWidth}px wide`);
    for (const pre of document.querySelectorAll("pre")) {
      const box = pre.getBoundingClientRect();
      if (box.width > 0 && pre.scrollWidth > pre.clientWidth + 1)
        wide.push(`a code block needs ${pre.scrollWidth}px in ${pre.clientWidth}px`);
    }
    const boxOf = (selector: string) => {
      const found = document.querySelectorAll(selector);
      if (found.length > 1) throw new Error(`${found.length} elements match ${selector}`);
      if (!found[0] || found[0].getClientRects().length === 0) return null;
      const { y, height } = found[0].getBoundingClientRect();
      return { y, height };
    };
    return { overflow: wide, button: boxOf('button[data-testid="floating-button"]'), bar: boxOf("nav.site-nav") };
  });
  expect(overflow, `${what} at 390 px`).toEqual([]);
  expect(button, `${what}: the menu button`).not.toBeNull();
  expect(button!.y + button!.height, `${what}: the menu button stays in the top bar, off the text`).toBeLessThanOrEqual(
    bar!.y + bar!.height,
  );
}

// The first step on each reference tab meets the rendering Redoc leaves for after its load, with the tabs
// taking turns on one renderer: 11.4 s on a fresh clone with two idle cores, so a minute keeps a busy
// machine's time within a third of it (each page action still gives up after ACTION_TIMEOUT).
describe.concurrent("the docs site in a browser, offline", { timeout: 60_000 }, () => {
  it("the landing page links each reference, its getting-started section, try-it page, errata and spec", async ({ expect }) => {
    await onPage(site.index, async (page) => {
      await expect(page.title()).resolves.toBe("Backup API references");
      const hrefs = site.pages.flatMap(({ api, reference, spec, tryIt }) => [
        reference,
        `${reference}${tagFragment("Getting started")}`,
        tryIt,
        `errata.html#${api.id}`,
        spec,
      ]);
      const links = await countByAttribute(
        page,
        "href",
        hrefs.map((href) => `./${href}`),
        "a",
      );
      for (const [index, href] of hrefs.entries()) {
        expect(links[index], `link to ${href}`).toBeGreaterThan(0);
        const answer = await fetch(`${origin}/${href.split("#")[0]}`, { method: "HEAD" });
        expect(answer.status, href).toBe(200);
      }
      for (const { api, spec } of site.pages) {
        const download = await fetch(`${origin}/${spec}`);
        expect(await download.text()).toBe(await readFile(`generated/${api.id}/openapi.yaml`, "utf8"));
      }
      await page.screenshot({ path: join(SCREENSHOTS, "index.desktop.png") });
      await page.setViewportSize(MOBILE);
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(MOBILE.width);
      await page.screenshot({ path: join(SCREENSHOTS, "index.mobile.png") });
    });
  });

  for (const api of APIS) {
    const spec = specOf(api);
    const operations = documentedOperations(spec);
    const tags = [...new Set(operations.map((operation) => operation.tag))];

    describe.concurrent(`${api.id}.html at 1280 px`, () => {
      const reference = referencePage(`${api.id}.html`, DESKTOP);

      it.sequential("the title, an introduction in a reader's words, and Getting started in the menu", () =>
        reference.step(async (page, menu) => {
          await expect(page.title()).resolves.toBe(api.title);
          await page.screenshot({ path: join(SCREENSHOTS, `${api.id}.desktop.png`) });
          const intro = await page.locator('[data-testid="middle-panel"]').first().innerText();
          for (const word of JARGON) expect(intro, `${api.id}: the introduction`).not.toMatch(word);
          await expect(
            menu.locator(`a[href="${tagFragment("Getting started")}"], a[href="${tagFragment("Getting started").slice(1)}"]`).count(),
          ).resolves.toBe(1);
        }));

      for (const tag of tags) {
        const tagged = operations.filter((candidate) => candidate.tag === tag);
        it.sequential(`the menu entry ${tag} opens on exactly the spec's operations of the tag`, () =>
          reference.step(async (_page, menu) => {
            await menu.locator(`a[href="${tagFragment(tag)}"], a[href="${tagFragment(tag).slice(1)}"]`).click();
            const items = menu.locator(`a[href^="${tagFragment(tag)}/"]`);
            await items.first().waitFor();
            await expect(items.count(), `operations under ${tag}`).resolves.toBe(tagged.length);
          }));
        for (const operation of tagged) {
          const screenshot = operation.operationId === "createBackup" || operation.operationId === "enableZcomBackup";
          const screenshotOf = (page: Page) => page.screenshot({ path: join(SCREENSHOTS, `${api.id}.operation.desktop.png`) });
          let shown: Awaited<ReturnType<typeof checkOperation>> | undefined;
          it.sequential(`${operation.operationId}: its menu entry shows it, with TypeScript, curl, errata and try-it links`, () =>
            reference.step(async (page, menu) => {
              const anchor = operationFragment(tag, operation.operationId);
              const item = menu.locator(`a[href="${anchor}"]`);
              await expect(item.textContent(), `${operation.operationId} in the menu`).resolves.toContain(operation.summary);
              await item.click();
              await page.waitForURL(`${origin}/${api.id}.html${anchor}`);
              shown = await checkOperation(page, api, spec, operation);
              if (screenshot && operation.requestExamples.length === 0) await screenshotOf(page);
            }));
          for (const [index, example] of operation.requestExamples.entries()) {
            it.sequential(`${operation.operationId}: a curl sends the request example "${example.summary}"`, () =>
              reference.step(async (page) => {
                await checkExampleCurl(page, api, operation, example, shown);
                if (screenshot && operation.requestExamples.length === 1 && index === 0) await screenshotOf(page);
              }));
          }
          if (operation.requestExamples.length > 1) {
            it.sequential(`${operation.operationId}: the Payload offers an example picker`, () =>
              reference.step(async (page) => {
                const panel = samplesPanel(page.locator(`[id="${operationFragment(tag, operation.operationId).slice(2)}"]`));
                await showPayload(page, panel);
                await expect(examplePickerVisible(panel), `${api.id} ${operation.operationId}: the Payload's example picker`).resolves.toBe(
                  true,
                );
                if (screenshot) await screenshotOf(page);
              }));
          }
        }
      }
    });

    describe.concurrent(`${api.id}.html at 390 px: no page, code block or menu button over the text`, () => {
      const reference = referencePage(`${api.id}.html`, MOBILE);

      it.sequential("on the introduction and Getting started", () =>
        reference.step(async (page) => {
          await checkMobile(page, `${api.id} introduction`);
          await page.screenshot({ path: join(SCREENSHOTS, `${api.id}.mobile.png`) });
          const gettingStarted = tagFragment("Getting started");
          await page.evaluate((hash) => {
            window.location.hash = hash;
          }, gettingStarted);
          await page.locator(`[id="${gettingStarted.slice(2)}"]`).waitFor();
          const text = await page.locator(`[id="${gettingStarted.slice(2)}"]`).innerText();
          for (const word of JARGON) expect(text, `${api.id}: Getting started`).not.toMatch(word);
          await checkMobile(page, `${api.id} Getting started`);
        }));

      for (const operation of operations) {
        it.sequential(`on ${operation.operationId}`, () =>
          reference.step(async (page) => {
            const anchor = operationFragment(operation.tag, operation.operationId);
            await page.evaluate((hash) => {
              window.location.hash = hash;
            }, anchor);
            await page
              .locator(`[id="${anchor.slice(2)}"]`)
              .locator("h1, h2", { hasText: operation.summary })
              .first()
              .waitFor();
            await checkMobile(page, `${api.id} ${operation.operationId}`);
            if (operation === operations.find((candidate) => candidate.requestExamples.length > 0)) {
              await page.screenshot({ path: join(SCREENSHOTS, `${api.id}.operation.mobile.png`) });
            }
          }));
      }
    });
  }

  it("the errata page lists every entry of the register with its anchor, in a reader's words", async ({ expect }) => {
    await onPage(site.errata, async (page) => {
      const normalize = (text: string) => text.replaceAll("`", "").replace(/\s+/g, " ").trim();
      // Every entry in one read of the page: read one by one, they took 16 s with two other test runs on the two cores.
      const entries = await page.evaluate(
        (ids) =>
          ids.map((id) => {
            const found = document.querySelectorAll<HTMLElement>(`[id="${CSS.escape(id)}"]`);
            const concerns = [...(found[0]?.querySelectorAll('a[href*=".html#/"]') ?? [])].map((a) => a.getAttribute("href")!);
            return { count: found.length, text: found[0]?.innerText ?? "", concerns };
          }),
        errata.map((erratum) => erratum.id),
      );
      for (const [index, erratum] of errata.entries()) {
        const { count, text: shown, concerns } = entries[index]!;
        expect(count, erratum.id).toBe(1);
        const text = normalize(shown);
        for (const field of [erratum.page_says, erratum.spec_says, erratum.why]) expect(text, erratum.id).toContain(normalize(field));
        for (const word of JARGON) expect(text, erratum.id).not.toMatch(word);
        for (const href of concerns) expect(href, erratum.id).toMatch(new RegExp(`^\\./${erratum.api}\\.html#/[a-z0-9-]+/[a-z]+$`, "i"));
      }
      await page.screenshot({ path: join(SCREENSHOTS, "errata.desktop.png") });
      await page.setViewportSize(MOBILE);
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(MOBILE.width);
      await page.screenshot({ path: join(SCREENSHOTS, "errata.mobile.png") });
    });
  });

  it("try it: the reader picks a request example, sends it to a local sandbox and sees its answer", async ({ expect }) => {
    const api = APIS.find((candidate) => candidate.id === "cloud-databases")!;
    const port = new URL(sandboxUrl).port;
    await onPage(
      `${api.id}.try-it.html#/Backups/createBackup`,
      async (page) => {
        const operation = page.locator("#operations-Backups-createBackup");
        await operation.locator(".opblock-body").waitFor();
        await expect(page.locator(".servers select option").first().textContent()).resolves.toContain("http://127.0.0.1:{port}/v1.0");
        const portInput = page.locator(".servers tr", { hasText: "port" }).locator("input");
        await portInput.fill(port);
        await operation.locator('tr[data-param-name="accountId"] input').fill("1234");
        await operation.locator(".opblock-section-request-body .examples-select select").selectOption({ label: "Back up one instance" });
        await expect(operation.locator(".body-param textarea").inputValue()).resolves.toContain('"snapshot"');
        await operation.locator("button.execute").click();
        const answer = operation.locator(".live-responses-table tbody .response");
        await answer.waitFor();
        await expect(operation.locator(".request-url").first().innerText()).resolves.toContain(
          `http://127.0.0.1:${port}/v1.0/1234/backups`,
        );
        await expect(answer.locator(".response-col_status").innerText()).resolves.toContain("202");
        await expect(answer.locator(".response-col_description").innerText()).resolves.toContain('"snapshot"');
        await answer.scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SCREENSHOTS, "try-it.desktop.png") });
      },
      { alsoAllowed: new URL(sandboxUrl).origin },
    );
    // The sandbox really has it: the newest backup of the account (lists are most recently updated first).
    const listed = await fetch(`${sandboxUrl}/v1.0/1234/backups`, { headers: { "X-Auth-Token": DEMO_TOKEN } });
    const { backups } = (await listed.json()) as { backups: { name: string }[] };
    expect(backups.map((backup) => backup.name)).toContain("snapshot");
  });
});
