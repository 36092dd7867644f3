import type { TestProject } from "vitest/node";
import { APIS, bundlePath } from "../../src/apis.js";
import { freePort } from "../../src/mock/free-port.js";
import { type RunningPrism, startPrism } from "../../src/mock/prism.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of a Prism mock of each API, started once for the whole run. */
    prismUrls: Record<string, string>;
  }
}

/** Starts one Prism mock per API on free 127.0.0.1 ports before the tests, and stops them after. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const running: RunningPrism[] = [];
  const prismUrls: Record<string, string> = {};
  try {
    for (const api of APIS) {
      const prism = await startPrism({ specFile: bundlePath(api), port: await freePort() });
      running.push(prism);
      prismUrls[api.id] = prism.url;
    }
  } catch (error) {
    await Promise.all(running.map((prism) => prism.stop()));
    throw error;
  }
  project.provide("prismUrls", prismUrls);
  return async () => {
    await Promise.all(running.map((prism) => prism.stop()));
  };
}
