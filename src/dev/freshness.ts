import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { APIS, type ApiId, bundlePath } from "../apis.js";

/** Files every API's build reads besides its own folder: the lint configuration. */
const SHARED_INPUTS = ["redocly.yaml", ".redocly.lint-ignore.yaml"];

/**
 * The APIs whose bundle in generated/ is older than one of the files it is built from, as `make` would
 * judge: those `npm run dev` rebuilds when it starts. The others were built from what is there now
 * (npm test keeps the committed generated/ fresh), so starting costs no rebuild.
 */
export async function staleApis(bundleDir = "generated"): Promise<ApiId[]> {
  const shared = await newest(SHARED_INPUTS);
  const stale: ApiId[] = [];
  for (const api of APIS) {
    const built = await mtime(bundlePath(api, bundleDir));
    const input = Math.max(shared, await newest(await filesUnder(`openapi/${api.id}`)));
    if (built === undefined || input > built) stale.push(api.id);
  }
  return stale;
}

/** Whether `file` is missing or older than any of `inputs`. */
export async function olderThan(file: string, inputs: readonly string[]): Promise<boolean> {
  const built = await mtime(file);
  return built === undefined || (await newest(inputs)) > built;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

async function newest(files: readonly string[]): Promise<number> {
  const times = await Promise.all(files.map(mtime));
  return Math.max(0, ...times.filter((time): time is number => time !== undefined));
}

const mtime = (file: string): Promise<number | undefined> =>
  stat(file).then(
    (stats) => stats.mtimeMs,
    () => undefined,
  );
