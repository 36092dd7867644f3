// A control for the audit: a small spec and two hand-written outputs of it, one that keeps everything and
// one that loses it the ways real generators did on this project's bundles (an anyOf of `required` lists
// turned into `unknown & {…}`, a bare `const` widened to `string`, a schema turned into `unknown`, a
// property dropped). They are compiled in the same program as the generators' outputs.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

export const CONTROL_SPEC = {
  components: {
    schemas: {
      Choice: {
        type: "object",
        required: ["kind"],
        allOf: [{ anyOf: [{ required: ["a"] }, { required: ["b"] }] }],
        properties: { kind: { type: "string", const: "x" }, a: { type: "string" }, b: { type: "string" } },
      },
      Gone: { type: "object", properties: { f: { type: "string" } } },
      Missing: { type: "object", required: ["f"], properties: { f: { type: "string" }, g: { type: "integer" } } },
    },
  },
};

export const CONTROL_OUTPUTS = {
  faithful: `export type Choice = { kind: "x"; a: string; b?: string } | { kind: "x"; a?: string; b: string };
export type Gone = { f?: string };
export type Missing = { f: string; g?: number };
`,
  lossy: `export type Choice = unknown & { kind: string; a?: string; b?: string };
export type Gone = unknown;
export type Missing = { f?: string };
`,
};

/** What the audit must report on the lossy output, in its words. */
export const CONTROL_LOSSES = [
  'Choice.kind: string where the schema allows only "x"',
  "Choice: anyOf branch 1 (requires a) lost: no member of the type requires it",
  "Choice: anyOf branch 2 (requires b) lost: no member of the type requires it",
  "Gone: lost to unknown",
  "Missing.f: required by the schema, optional in the type",
  "Missing.g: missing",
];

/** Writes both outputs under `root`; returns their files. */
export async function writeControlOutputs(root: string): Promise<Record<keyof typeof CONTROL_OUTPUTS, string>> {
  await mkdir(root, { recursive: true });
  const files = { faithful: join(root, "faithful.ts"), lossy: join(root, "lossy.ts") };
  await writeFile(files.faithful, CONTROL_OUTPUTS.faithful);
  await writeFile(files.lossy, CONTROL_OUTPUTS.lossy);
  return files;
}
