import type { Locator, Page } from "playwright-core";
import { dereference } from "../../src/spec/json-pointer.js";
import type { ExampleObject, OpenApiDocument } from "../../src/spec/openapi-types.js";
import { listOperations } from "../../src/spec/operations.js";

// What a reader of the Redoc reference sees and does, as selectors and small actions. Redoc marks its
// components with data-component-name / data-testid; styled-components class names change per build.

/** An operation as the spec documents it: what the page must show for it. */
export interface DocumentedOperation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  /** The top-level properties of the JSON request body. */
  readonly bodyProperties: readonly string[];
  /** The JSON request body's examples: summary and value. */
  readonly requestExamples: readonly { readonly summary: string; readonly value: unknown }[];
}

export function documentedOperations(spec: OpenApiDocument): DocumentedOperation[] {
  return listOperations(spec).map(({ operationId, method, path, operation }) => {
    const body = operation.requestBody
      ? dereference<{ content: Record<string, { schema?: unknown; examples?: object }> }>(spec, operation.requestBody)
      : undefined;
    const json = body?.content["application/json"];
    const schema = json ? dereference<{ properties?: Record<string, unknown> }>(spec, json.schema) : undefined;
    const examples = Object.values(json?.examples ?? {}).map((example) => dereference<ExampleObject>(spec, example));
    return {
      operationId,
      method: method.toUpperCase(),
      path,
      summary: operation.summary ?? "",
      tag: operation.tags?.[0] ?? "",
      bodyProperties: Object.keys(schema?.properties ?? {}),
      requestExamples: examples.map((example) => ({ summary: example.summary ?? "", value: example.value })),
    };
  });
}

/**
 * The side menu once Redoc has hydrated the server-rendered page: only then do its links navigate
 * in-page (`#/…`) instead of loading a path of the server. Redoc mounts its attribution logo in an effect
 * after hydration, so the logo is the sign; it must have loaded, too (it is the image the build inlines).
 */
export async function hydratedMenu(page: Page): Promise<Locator> {
  const logo = page.locator('img[alt="redocly logo"]');
  await logo.waitFor({ state: "attached" });
  await page.waitForFunction(() => {
    const image = document.querySelector<HTMLImageElement>('img[alt="redocly logo"]');
    return image?.complete && image.naturalWidth > 0;
  });
  return page.locator('[data-component-name="Menu/Menu"]').first();
}

/** The request-samples panel of an operation's section. */
export const samplesPanel = (section: Locator): Locator => section.locator(".panel-request-samples");

/** The panel's language menu button (its text is the language shown). */
const languageButton = (panel: Locator): Locator =>
  panel.locator('[data-component-name="Panel/PanelHeader"] > [data-component-name="Dropdown/Dropdown"]').last().locator("button").first();

/**
 * Opens the panel's language menu and returns its items. Redoc lays the menu out in a fixed layer just
 * under the button, sized when it opens: a button near the bottom of the window opens a menu that runs
 * below the window, where no scrolling reaches it (a click there times out with "element is outside of
 * the viewport"). A reader scrolls the panel up first; so does this, to the middle of the window, which
 * leaves room for the menu (at most 300 px high) under the button.
 */
export async function openLanguageMenu(page: Page, panel: Locator): Promise<Locator> {
  const button = languageButton(panel);
  await button.evaluate((element) => element.scrollIntoView({ block: "center" }));
  await button.click();
  const items = page.locator('ul[role="menu"]:visible li[role="menuitem"]');
  await items.first().waitFor();
  return items;
}

/** What the reader sees with one language picked: its label, its code, and whether an example picker shows beside it. */
export interface ShownSample {
  readonly label: string;
  readonly code: string;
  readonly picker: boolean;
}

const CODE = 'pre[data-testid="source-code"]';

/**
 * The sample the panel shows now, read without touching the menu; undefined for the Payload, which shows
 * no code. Redoc keeps the language picked last, on any operation, for every operation, so what shows on
 * arrival at an operation is often a language wanted there: each pick saved is a re-render of the page.
 */
export async function shownSample(panel: Locator): Promise<ShownSample | undefined> {
  // Label and code in one read, so that they are of one moment.
  const shown = await panel.evaluate((element, code) => {
    const buttons = element.querySelectorAll<HTMLElement>(
      '[data-component-name="Panel/PanelHeader"] > [data-component-name="Dropdown/Dropdown"] > button',
    );
    const label = buttons[buttons.length - 1]?.textContent?.trim() ?? "";
    return { label, code: element.querySelector(code)?.textContent ?? undefined };
  }, CODE);
  if (shown.code === undefined) return undefined;
  return { label: shown.label, code: shown.code, picker: await examplePickerVisible(panel) };
}

/** Picks `label` in the panel's language menu: the labels the menu offered, in order, and the sample shown then. */
export async function pickSample(page: Page, panel: Locator, label: string): Promise<{ languages: string[]; sample: ShownSample }> {
  const before = await shownSample(panel);
  const items = await openLanguageMenu(page, panel);
  const languages = (await items.allInnerTexts()).map((text) => text.trim());
  if (!languages.includes(label)) throw new Error(`the language menu offers no "${label}", only ${JSON.stringify(languages)}`);
  await items.getByText(label, { exact: true }).click();
  // The button names the pick at once, the code follows a render or more later; the samples of one
  // operation all differ (src/build/code-samples.ts), so the pick has shown once the code has changed.
  const previous = before && before.label !== label ? before.code : null;
  await page.waitForFunction(
    ([element, expected, code, stale]) => {
      const buttons = element.querySelectorAll<HTMLElement>(
        '[data-component-name="Panel/PanelHeader"] > [data-component-name="Dropdown/Dropdown"] > button',
      );
      const shown = element.querySelector(code)?.textContent;
      return buttons[buttons.length - 1]?.textContent?.trim() === expected && shown !== undefined && shown !== stale;
    },
    [await panel.elementHandle(), label, CODE, previous] as const,
  );
  const sample = await shownSample(panel);
  if (!sample) throw new Error(`"${label}" shows no code`);
  return { languages, sample };
}

/** Whether the reader sees the panel's example picker. */
export const examplePickerVisible = (panel: Locator): Promise<boolean> => panel.locator('button[aria-label="Example"]').isVisible();

/** The parts of a curl command the build writes (`curl -X M 'url' \ -H '…' \ -d '…'`). */
export function parseCurl(command: string): { method: string; url: string; headers: string[]; body?: unknown } {
  const head = /^curl -X (\w+) '([^']+)'/.exec(command);
  if (!head) throw new Error(`not a curl command: ${command.slice(0, 80)}`);
  const headers = [...command.matchAll(/-H (?:'([^']*)'|"([^"]*)")/g)].map((match) => match[1] ?? match[2]!);
  const data = /-d '([\s\S]*)'\s*$/.exec(command)?.[1];
  return { method: head[1]!, url: head[2]!, headers, ...(data !== undefined ? { body: JSON.parse(data.replaceAll(`'\\''`, "'")) } : {}) };
}
