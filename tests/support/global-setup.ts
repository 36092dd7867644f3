import type { TestProject } from "vitest/node";
import { APIS, bundlePath } from "../../src/apis.js";
import { freePort } from "../../src/mock/free-port.js";
import { startPrism } from "../../src/mock/prism.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of a Prism mock of each API, started once for the whole run. */
    prismUrls: Record<string, string>;
  }
}

/** Starts one Prism mock per API on free 127.0.0.1 ports before the tests, and stops them after. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Side by side: no test starts before both listen, and each takes a second or more to load the spec.
  const started = await Promise.allSettled(APIS.map(async (api) => startPrism({ specFile: bundlePath(api), port: await freePort() })));
  const running = started.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
  const failed = started.find((outcome) => outcome.status === "rejected");
  if (failed) {
    await Promise.all(running.map((prism) => prism.stop()));
    throw failed.reason;
  }
  const prismUrls = Object.fromEntries(APIS.map((api, index) => [api.id, running[index]!.url]));
  project.provide("prismUrls", prismUrls);
  return async () => {
    await Promise.all(running.map((prism) => prism.stop()));
  };
}
