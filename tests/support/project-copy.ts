import { cp, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/**
 * The files that describe the APIs, and what a build or checker run in a copy needs (the code samples
 * import the clients in src/ through tsconfig.json's paths).
 */
const SPEC_FILES = ["openapi", "redocly.yaml", ".redocly.lint-ignore.yaml", "generated", "tsconfig.json", "package.json", "src"];

export interface ProjectCopy {
  readonly dir: string;
  remove(): Promise<void>;
}

/**
 * A throw-away copy of the spec files in a temporary folder, with node_modules linked in, so a test can
 * break the copy and run the real scripts on it.
 */
export async function copyProject(): Promise<ProjectCopy> {
  const dir = await mkdtemp(join(tmpdir(), "spec-copy-"));
  for (const file of SPEC_FILES) await cp(resolve(file), join(dir, file), { recursive: true });
  await symlink(resolve("node_modules"), join(dir, "node_modules"), "dir");
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
