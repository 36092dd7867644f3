import type { Locator, Page } from "playwright-core";
import { dereference } from "../../src/spec/json-pointer.js";
import type { ExampleObject, OpenApiDocument } from "../../src/spec/openapi-types.js";
import { listOperations } from "../../src/spec/operations.js";

// What a reader of the Redoc reference sees and does, as selectors and small actions. Redoc marks its
// components with data-component-name / data-testid; styled-components class names change per build.

/** Longest wait for one page action: under the test timeout, so a stuck action reports its own call log. */
export const ACTION_TIMEOUT = 20_000;

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
 * leaves room for the menu (at most 300 px high) under the button. Until the reader scrolls, Redoc puts
 * the section a menu entry led to back at the top of the window whenever the page's height changes (it
 * renders parts of the page late), which can undo that scroll a frame later: so the button is scrolled
 * again until it has stayed put for two frames.
 */
export async function openLanguageMenu(page: Page, panel: Locator): Promise<Locator> {
  const button = languageButton(panel);
  await button.evaluate(
    (element, tries) =>
      new Promise<void>((resolve, reject) => {
        const center = (left: number) => {
          element.scrollIntoView({ block: "center" });
          const { top } = element.getBoundingClientRect();
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              if (element.getBoundingClientRect().top === top) resolve();
              else if (left > 0) center(left - 1);
              else reject(new Error(`the language button still moved after ${tries} scrolls to mid-window`));
            }),
          );
        };
        center(tries);
      }),
    20,
  );
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
/** The Payload's example picker (Redoc's). */
export const EXAMPLE_PICKER = 'button[aria-label="Example"]';

/** What readSample waits for: `label` showing, with a code other than `stale`. */
interface Expected {
  readonly label: string;
  readonly stale: string | null;
  readonly timeout: number;
}

/**
 * In the page: the panel's label, code and example picker, read in one go so that they are of one
 * moment. With `expected`, once the panel shows that: a MutationObserver (nothing polls while Redoc
 * renders) looks at the text only, which needs no layout; label and code must still hold on the next
 * frame, when the picker is read too, as the reader sees it. The picker counts as shown by the test of
 * Playwright's isVisible (rendered, not visibility: hidden, a box of some size); two pickers in one panel
 * are an error, as they are to a Playwright locator.
 */
function readSample(
  panel: Element,
  { code, examplePicker, expected }: { code: string; examplePicker: string; expected?: Expected },
): Promise<{ label: string; code?: string; picker: boolean }> {
  const text = () => {
    const buttons = panel.querySelectorAll<HTMLElement>(
      '[data-component-name="Panel/PanelHeader"] > [data-component-name="Dropdown/Dropdown"] > button',
    );
    return { label: buttons[buttons.length - 1]?.textContent?.trim() ?? "", code: panel.querySelector(code)?.textContent ?? undefined };
  };
  const read = () => {
    const pickers = panel.querySelectorAll(examplePicker);
    if (pickers.length > 1) throw new Error(`${pickers.length} example pickers in one samples panel`);
    const picker = pickers[0];
    const box = picker?.getBoundingClientRect();
    const visible = !!picker && picker.checkVisibility() && getComputedStyle(picker).visibility === "visible";
    return { ...text(), picker: visible && box!.width > 0 && box!.height > 0 };
  };
  if (!expected) return Promise.resolve().then(read);
  const { label, stale, timeout } = expected;
  return new Promise((resolve, reject) => {
    let last = "";
    const shows = (shown: { label: string; code?: string }) => {
      last = shown.label;
      return shown.label === label && shown.code !== undefined && shown.code !== stale;
    };
    const finish = (outcome: () => void) => {
      observer.disconnect();
      clearTimeout(timer);
      outcome();
    };
    const settle = () => {
      try {
        const shown = read();
        if (shows(shown)) finish(() => resolve(shown));
      } catch (error) {
        finish(() => reject(error));
      }
    };
    const observer = new MutationObserver(() => {
      if (shows(text())) requestAnimationFrame(settle);
    });
    const timer = setTimeout(
      () =>
        finish(() => {
          const seen = last === label ? `"${label}" with the code from before` : `"${last}", not "${label}"`;
          reject(new Error(`the samples panel still shows ${seen} after ${timeout} ms`));
        }),
      timeout,
    );
    observer.observe(panel, { subtree: true, childList: true, characterData: true });
    if (shows(text())) requestAnimationFrame(settle);
  });
}

/**
 * The sample the panel shows now, read without touching the menu; undefined for the Payload, which shows
 * no code. Redoc keeps the language picked last, on any operation, for every operation, so what shows on
 * arrival at an operation is often a language wanted there: each pick saved is a re-render of the page.
 */
export async function shownSample(panel: Locator): Promise<ShownSample | undefined> {
  const shown = await panel.evaluate(readSample, { code: CODE, examplePicker: EXAMPLE_PICKER });
  return shown.code === undefined ? undefined : { label: shown.label, code: shown.code, picker: shown.picker };
}

/**
 * Picks `label` in the panel's language menu: the labels the menu offered, in order, and the sample shown
 * then. `before` is what the panel showed (shownSample, or the last pick): the pick is done once that has gone.
 */
export async function pickSample(
  page: Page,
  panel: Locator,
  label: string,
  before: ShownSample | undefined,
): Promise<{ languages: string[]; sample: ShownSample }> {
  const items = await openLanguageMenu(page, panel);
  const languages = (await items.allInnerTexts()).map((text) => text.trim());
  if (!languages.includes(label)) throw new Error(`the language menu offers no "${label}", only ${JSON.stringify(languages)}`);
  await items.getByText(label, { exact: true }).click();
  // The button names the pick at once, the code follows a render or more later; the samples of one
  // operation all differ (src/build/code-samples.ts), so the pick has shown once the code has changed.
  const stale = before && before.label !== label ? before.code : null;
  const shown = await panel.evaluate(readSample, {
    code: CODE,
    examplePicker: EXAMPLE_PICKER,
    expected: { label, stale, timeout: ACTION_TIMEOUT },
  });
  return { languages, sample: { label: shown.label, code: shown.code!, picker: shown.picker } };
}

/**
 * How many elements of `page` have `attribute` equal to each of `values` (only `tag` elements, if given): one
 * read of the page for all of them, where a locator's count is a round trip each.
 */
export function countByAttribute(page: Page, attribute: string, values: readonly string[], tag = ""): Promise<number[]> {
  return page.evaluate(
    ({ attribute, values, tag }) => values.map((value) => document.querySelectorAll(`${tag}[${attribute}="${CSS.escape(value)}"]`).length),
    { attribute, values, tag },
  );
}

/** Whether the reader sees the panel's example picker. */
export const examplePickerVisible = (panel: Locator): Promise<boolean> => panel.locator(EXAMPLE_PICKER).isVisible();

/** The parts of a curl command the build writes (`curl -X M 'url' \ -H '…' \ -d '…'`). */
export function parseCurl(command: string): { method: string; url: string; headers: string[]; body?: unknown } {
  const head = /^curl -X (\w+) '([^']+)'/.exec(command);
  if (!head) throw new Error(`not a curl command: ${command.slice(0, 80)}`);
  const headers = [...command.matchAll(/-H (?:'([^']*)'|"([^"]*)")/g)].map((match) => match[1] ?? match[2]!);
  const data = /-d '([\s\S]*)'\s*$/.exec(command)?.[1];
  return { method: head[1]!, url: head[2]!, headers, ...(data !== undefined ? { body: JSON.parse(data.replaceAll(`'\\''`, "'")) } : {}) };
}
