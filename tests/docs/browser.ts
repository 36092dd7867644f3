import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { chromiumExecutable } from "./chromium.js";

/**
 * No sandbox (containers), no GPU, and nothing that talks to Google on its own: the machine may be offline.
 * The tabs of one site share one renderer process (all of a test's pages are of 127.0.0.1, the docs and the
 * sandbox alike): no process is started per tab, and what V8 compiled of Redoc's megabytes of script for
 * one tab serves the next. Four Redoc tabs opened at once took a quarter less CPU, and the tabs take turns
 * on one main thread instead of starving one another (the try-it page took up to 15 s beside them).
 */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--process-per-site",
];

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Headless chromium with a fresh profile (--user-data-dir in a temporary folder, removed on close). */
export async function launchBrowser(): Promise<Browser> {
  const executable = await chromiumExecutable();
  const profile = await mkdtemp(join(tmpdir(), "chromium-profile-"));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: executable.path,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
      timeout: 30_000,
    });
    return {
      context,
      async close() {
        await context.close();
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw new Error(
      `could not start ${executable.path} (from ${executable.source}): ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * CSS transitions and animations of `page` run to their end in one frame. Redoc's transitions (0.15–0.3 s
 * of background colour, opacity, transform) start on the hovers and clicks of nearly every step and kept
 * the renderer drawing a frame every 16 ms (style, paint, raster) for their length: a third of one tab's
 * frames. What a transition ends on is what the reader sees, and what the checks and screenshots read.
 * Set before the page loads: DevTools keeps the rate for the documents the page opens next.
 */
export async function instantAnimations(page: Page): Promise<void> {
  const session = await page.context().newCDPSession(page);
  await session.send("Animation.setPlaybackRate", { playbackRate: 100_000 });
}

/**
 * Everything on a page that shows it does not work offline, or at all: console errors, uncaught
 * exceptions, failed requests, HTTP errors, and any request that leaves `origin` (blob: and data: URLs
 * of the page itself are fine, and so is `alsoAllowed`: the sandbox a try-it page sends to).
 */
export function watchPage(page: Page, origin: string, alsoAllowed?: string): string[] {
  const problems: string[] = [];
  const local = (url: string) => {
    if (url.startsWith("data:")) return true;
    const target = url.startsWith("blob:") ? url.slice("blob:".length) : url;
    try {
      const { origin: targetOrigin } = new URL(target);
      return targetOrigin === origin || targetOrigin === alsoAllowed;
    } catch {
      return false;
    }
  };
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on("request", (request) => {
    if (!local(request.url())) problems.push(`request outside ${origin}: ${request.url().slice(0, 200)}`);
  });
  page.on("requestfailed", (request) => {
    const reason = request.failure()?.errorText ?? "no reason";
    // A blob: URL is memory of the page itself, not the network: Redoc revokes the ones it made (the
    // spec download link), and Chromium reports a load cut short by that as failed, more often on a busy
    // machine. It says nothing about whether the site works offline; every network failure still counts.
    if (request.url().startsWith("blob:")) return;
    problems.push(`request failed: ${request.url().slice(0, 200)} (${reason})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url().slice(0, 200)}`);
  });
  return problems;
}
