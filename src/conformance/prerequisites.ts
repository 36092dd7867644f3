import { spawnSync } from "node:child_process";

/** The Python modules the Trove harness imports, and the Debian package of each. */
const MODULES: Readonly<Record<string, string>> = {
  trove: "python3-trove",
  troveclient: "python3-troveclient",
  // trove.tests.fakes imports proboscis; python3-trove does not depend on it.
  proboscis: "python3-proboscis",
};

/** Debian's python: where apt-get puts python3-trove (a pyenv python3 on PATH does not see it). */
export const DEFAULT_PYTHON = "/usr/bin/python3";

export class PrerequisitesMissingError extends Error {
  override name = "PrerequisitesMissingError";
  constructor(readonly packages: readonly string[]) {
    super(`the conformance run needs Debian's OpenStack Trove: apt-get install -y ${packages.join(" ")}`);
  }
}

/** The interpreter to run Trove with: TROVE_PYTHON when set, else Debian's python3. */
export function trovePython(env: NodeJS.ProcessEnv = process.env): string {
  return env.TROVE_PYTHON ?? DEFAULT_PYTHON;
}

// One interpreter start for every module: importing trove alone takes seconds on a busy machine.
const PROBE = `
import importlib, importlib.metadata, json, sys
missing = []
for module in sys.argv[1:]:
    try:
        importlib.import_module(module)
    except ImportError:
        missing.append(module)
def version(name):
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "unknown version"
print(json.dumps({"missing": missing, "trove": version("trove"), "troveclient": version("python-troveclient")}))
`;

export interface InstalledVersions {
  /** "OpenStack Trove 18.0.0 (Debian python3-trove 1:18.0.0-2)" */
  readonly server: string;
  /** "python-troveclient 8.0.0 (Debian python3-troveclient 1:8.0.0-2)" */
  readonly client: string;
}

/**
 * Checks that `python` can import Trove, its client and the fakes' test library, and returns their
 * versions for the recording's header; throws PrerequisitesMissingError naming the apt packages to install.
 */
export function checkPrerequisites(python: string): InstalledVersions {
  const probe = spawnSync(python, ["-c", PROBE, ...Object.keys(MODULES)], { encoding: "utf8" });
  if (probe.error) throw new PrerequisitesMissingError(["python3", ...Object.values(MODULES)]);
  if (probe.status !== 0)
    throw new Error(`${python} cannot import Trove's modules:\n${probe.stderr.trim().split("\n").slice(-5).join("\n")}`);
  const found = JSON.parse(probe.stdout) as { missing: string[]; trove: string; troveclient: string };
  if (found.missing.length > 0) throw new PrerequisitesMissingError(found.missing.map((module) => MODULES[module]!));
  return {
    server: `OpenStack Trove ${found.trove}${debianVersion("python3-trove")}`,
    client: `python-troveclient ${found.troveclient}${debianVersion("python3-troveclient")}`,
  };
}

function debianVersion(aptPackage: string): string {
  // dpkg-query's own format syntax, not a template placeholder.
  const query = spawnSync("dpkg-query", ["-W", `-f=\${Version}`, aptPackage], { encoding: "utf8" });
  return query.status === 0 ? ` (Debian ${aptPackage} ${query.stdout.trim()})` : "";
}
