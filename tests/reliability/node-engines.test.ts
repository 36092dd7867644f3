// A fresh machine: `npm ci` must install without an EBADENGINE warning on every Node the project
// says it supports. npm compares each installed package's `engines.node` (recorded in the lockfile)
// with the running Node; the project's own `engines.node` is true only if every Node it admits
// satisfies every installed package's range, i.e. ours is a subset of each of theirs (semver's check,
// the same semantics npm uses).
import { readFileSync } from "node:fs";
import semver from "semver";
import { describe, expect, it } from "vitest";

interface LockedPackage {
  readonly version?: string;
  readonly engines?: Readonly<Record<string, string>> | readonly string[];
  readonly dev?: boolean;
  readonly optional?: boolean;
}

const manifest = JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } };
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, LockedPackage> };
const ours = manifest.engines.node;

describe(`engines.node "${ours}" in package.json`, () => {
  it("admits the Node lines the README names (20, 22, 24) and no end-of-life line below 20.19", () => {
    expect(semver.validRange(ours), "not a valid semver range").not.toBeNull();
    for (const line of ["20", "22", "24"]) expect(semver.intersects(ours, `${line}.x`), `Node ${line}`).toBe(true);
    expect(semver.satisfies("20.18.3", ours)).toBe(false);
    expect(semver.satisfies("18.20.8", ours)).toBe(false);
  });

  it("is within every installed package's engines.node, so npm ci prints no EBADENGINE", () => {
    const conflicts = Object.entries(lock.packages)
      .filter(([path, locked]) => path !== "" && locked.engines && !Array.isArray(locked.engines))
      .map(([path, locked]) => ({ path, needs: (locked.engines as Record<string, string>).node }))
      .filter(({ needs }) => needs !== undefined && !semver.subset(ours, needs))
      .map(({ path, needs }) => `${path.replace(/^.*node_modules\//, "")}@${lock.packages[path]!.version} needs node ${needs}`);
    expect(conflicts).toEqual([]);
  });
});
