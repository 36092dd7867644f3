import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

// Which Chromium the docs' browser test drives. A machine with Chromium installed (CHROMIUM_PATH, or
// Debian's /usr/bin/chromium) uses it; a fresh machine with nothing but `npm ci` uses the headless
// Chromium that @sparticuz/chromium ships inside its npm package (brotli-compressed, so it needs no
// download at install or run time: only the npm registry is reachable here).

/** Debian's package (`apt-get install chromium`). */
const SYSTEM_CHROMIUM = "/usr/bin/chromium";

export interface ChromiumExecutable {
  readonly path: string;
  /** Where it comes from, for error messages. */
  readonly source: string;
}

/** CHROMIUM_PATH, else Debian's chromium when installed, else the package's (unpacked once, then reused). */
export async function chromiumExecutable(): Promise<ChromiumExecutable> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH=${configured} does not exist`);
    return { path: configured, source: "CHROMIUM_PATH" };
  }
  if (existsSync(SYSTEM_CHROMIUM)) return { path: SYSTEM_CHROMIUM, source: SYSTEM_CHROMIUM };
  return { path: await unpackedPackageChromium(), source: "@sparticuz/chromium" };
}

const require = createRequire(import.meta.url);

/**
 * The package's Chromium, unpacked into node_modules/.cache/sparticuz-chromium-<version>/ (so `npm ci`
 * clears it and a new version unpacks anew). The package's own `executablePath()` unpacks into
 * os.tmpdir() in place, where a run that is killed half-way leaves a truncated binary that every later
 * run would reuse, and two test processes could write it at once. So it runs in a child process whose
 * TMPDIR is a fresh folder, and that folder becomes the cache by one rename: the cache is complete or
 * absent, and the loser of a race just removes its copy.
 */
async function unpackedPackageChromium(): Promise<string> {
  const { packageRoot, version } = await packageOf(require.resolve("@sparticuz/chromium"));
  const cacheParent = join(packageRoot, "..", "..", ".cache");
  const cache = join(cacheParent, `sparticuz-chromium-${version}`);
  const binary = join(cache, "chromium");
  if (existsSync(binary)) return binary;

  await mkdir(cacheParent, { recursive: true });
  const staging = await mkdtemp(join(cacheParent, `sparticuz-chromium-${version}.partial-`));
  try {
    // Graphics mode off: the tests pass --disable-gpu, so the SwiftShader libraries need not be unpacked.
    const script = `import chromium from "@sparticuz/chromium"; chromium.setGraphicsMode = false; process.stdout.write(await chromium.executablePath());`;
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
      cwd: packageRoot,
      env: { ...process.env, TMPDIR: staging },
      timeout: 120_000,
    });
    if (stdout !== join(staging, "chromium")) throw new Error(`@sparticuz/chromium unpacked to ${stdout}, not into ${staging}`);
    try {
      await rename(staging, cache);
    } catch (error) {
      // Another process finished first: use its copy.
      if (!existsSync(binary)) throw error;
    }
  } catch (error) {
    throw new Error(
      `could not unpack the Chromium of @sparticuz/chromium ${version}: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return binary;
}

/** The folder and version of the package a resolved entry file belongs to (its exports hide package.json). */
async function packageOf(entry: string): Promise<{ packageRoot: string; version: string }> {
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as { name?: string; version: string };
      if (manifest.name === "@sparticuz/chromium") return { packageRoot: dir, version: manifest.version };
    } catch {
      // no package.json here (or a nested one without a name): look further up
    }
  }
  throw new Error(`no package.json of @sparticuz/chromium above ${entry}`);
}
