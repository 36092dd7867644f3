import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../src/cli/command-line.js";

const SPEC = {
  name: "sandbox",
  summary: "A test command.",
  options: {
    "reject-unknown-fields": { type: "boolean", env: "SANDBOX_REJECT_UNKNOWN_FIELDS", description: "refuse unknown fields" },
  },
} as const;

const parse = (argv: readonly string[], env: NodeJS.ProcessEnv = {}) => parseCommandLine(SPEC, argv, env);

describe("a boolean option with an environment variable", () => {
  it("is off by default, on with the flag or a true-ish variable, and the flag wins", () => {
    expect(parse([])).toEqual({ kind: "options", values: { "reject-unknown-fields": false } });
    expect(parse(["--reject-unknown-fields"])).toEqual({ kind: "options", values: { "reject-unknown-fields": true } });
    for (const value of ["1", "true", "TRUE", "yes", "on"])
      expect(parse([], { SANDBOX_REJECT_UNKNOWN_FIELDS: value }), value).toEqual({
        kind: "options",
        values: { "reject-unknown-fields": true },
      });
    for (const value of ["0", "false", "no", "off", ""])
      expect(parse([], { SANDBOX_REJECT_UNKNOWN_FIELDS: value }), value).toEqual({
        kind: "options",
        values: { "reject-unknown-fields": false },
      });
    expect(parse(["--reject-unknown-fields"], { SANDBOX_REJECT_UNKNOWN_FIELDS: "0" })).toEqual({
      kind: "options",
      values: { "reject-unknown-fields": true },
    });
  });

  it("refuses a variable that is neither, in one line", () => {
    expect(parse([], { SANDBOX_REJECT_UNKNOWN_FIELDS: "maybe" })).toEqual({
      kind: "error",
      message:
        'sandbox: SANDBOX_REJECT_UNKNOWN_FIELDS must be 1, true, yes or on (or 0, false, no, off), not "maybe" (npm run sandbox -- --help for usage)',
    });
  });

  it("names the variable in the usage", () => {
    const help = parse(["--help"]);
    expect(help.kind).toBe("help");
    expect(help.kind === "help" && help.text).toContain(
      "--reject-unknown-fields  refuse unknown fields (env SANDBOX_REJECT_UNKNOWN_FIELDS)",
    );
  });
});
