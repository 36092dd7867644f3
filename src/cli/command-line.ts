/**
 * The option handling every script shares: node:util's parseArgs in strict mode, a usage text made from
 * the same declarations (so `--help` names every option and environment variable the script reads),
 * and one line with exit code 2 for anything it does not understand.
 *
 * Scripts call `commandLine` before they load their heavy modules, so `--help` and a mistyped option
 * answer at once.
 */
import { parseArgs } from "node:util";

export interface OptionSpec {
  readonly type: "string" | "boolean";
  /** What the option does, one line. */
  readonly description: string;
  /** The value's placeholder in the usage text (`<port>`); string options only. */
  readonly value?: string;
  readonly default?: string;
  /**
   * An environment variable that sets the default (`SANDBOX_PORT`); the option still wins. For a boolean
   * option: 1, true, yes or on sets it, 0, false, no, off or empty leaves it off.
   */
  readonly env?: string;
}

export interface CommandSpec<Options extends Readonly<Record<string, OptionSpec>>> {
  /** The npm script (`sandbox`, `check:breaking`): how the usage text and every message name the command. */
  readonly name: string;
  /** What the command does, a sentence or two. */
  readonly summary: string;
  readonly options: Options;
  /** Environment variables read elsewhere than as an option's default: name → what it does. */
  readonly environment?: Readonly<Record<string, string>>;
  /** Lines after the options (examples, exit codes). */
  readonly notes?: readonly string[];
}

/** An option's parsed value: a boolean, or a string (undefined only for a string option without default). */
type OptionValue<Option extends OptionSpec> = Option["type"] extends "boolean"
  ? boolean
  : Option extends { readonly default: string }
    ? string
    : string | undefined;

export type OptionValues<Options extends Readonly<Record<string, OptionSpec>>> = {
  readonly [Name in keyof Options]: OptionValue<Options[Name]>;
};

export type ParseOutcome<Options extends Readonly<Record<string, OptionSpec>>> =
  | { readonly kind: "options"; readonly values: OptionValues<Options> }
  | { readonly kind: "help"; readonly text: string }
  | { readonly kind: "error"; readonly message: string };

/** `npm run sandbox -- --help`, as a user types it. */
const invocation = (name: string): string => (name === "start" ? "npm start" : `npm run ${name}`);

/** The usage text: the command, its summary, every option with placeholder, default and variable, and the environment. */
export function usage<Options extends Readonly<Record<string, OptionSpec>>>(spec: CommandSpec<Options>): string {
  const names = Object.keys(spec.options);
  const lines = [`Usage: ${invocation(spec.name)}${names.length > 0 ? " -- [options]" : ""}`, "", ...wrap(spec.summary, 100), ""];
  const rows: [string, string][] = Object.entries(spec.options).map(([name, option]) => {
    const left = `--${name}${option.type === "string" ? ` ${option.value ?? "<value>"}` : ""}`;
    const extras = [option.default !== undefined ? `default ${option.default}` : "", option.env ? `env ${option.env}` : ""].filter(Boolean);
    return [left, `${option.description}${extras.length > 0 ? ` (${extras.join("; ")})` : ""}`];
  });
  rows.push(["-h, --help", "show this help and exit"]);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  lines.push("Options:", ...rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`));
  const environment: [string, string][] = [
    ...Object.entries(spec.options)
      .filter(([, option]) => option.env !== undefined)
      .map(([name, option]): [string, string] => [option.env!, `default of --${name}`]),
    ...Object.entries(spec.environment ?? {}),
  ];
  if (environment.length > 0) {
    const envWidth = Math.max(...environment.map(([name]) => name.length)) + 2;
    lines.push("", "Environment:", ...environment.map(([name, what]) => `  ${name.padEnd(envWidth)}${what}`));
  }
  if (spec.notes && spec.notes.length > 0) lines.push("", ...spec.notes);
  return `${lines.join("\n")}\n`;
}

/** Words in lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

/**
 * Parses `argv` against the command's options. Values come from the command line, else the option's
 * environment variable, else its default. `--help`/`-h` anywhere wins over everything else.
 */
export function parseCommandLine<const Options extends Readonly<Record<string, OptionSpec>>>(
  spec: CommandSpec<Options>,
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): ParseOutcome<Options> {
  const hint = `(${invocation(spec.name)} -- --help for usage)`;
  if (argv.some((arg) => arg === "--help" || arg === "-h")) return { kind: "help", text: usage(spec) };
  const parseOptions: Record<string, { type: "string" | "boolean" }> = {};
  for (const [name, option] of Object.entries(spec.options)) parseOptions[name] = { type: option.type };
  let parsed: Record<string, string | boolean | undefined>;
  try {
    parsed = parseArgs({ args: [...argv], options: parseOptions, strict: true, allowPositionals: false }).values as typeof parsed;
  } catch (error) {
    return { kind: "error", message: `${spec.name}: ${describeParseError(error)} ${hint}` };
  }
  const values: Record<string, string | boolean | undefined> = {};
  for (const [name, option] of Object.entries(spec.options)) {
    const given = parsed[name];
    if (option.type === "boolean") {
      const fromEnv = option.env === undefined ? false : booleanFromEnv(env[option.env]);
      if (fromEnv === undefined) {
        const message = `${option.env} must be 1, true, yes or on (or 0, false, no, off), not ${JSON.stringify(env[option.env!])}`;
        return { kind: "error", message: `${spec.name}: ${message} ${hint}` };
      }
      values[name] = given === true || fromEnv;
    } else values[name] = (given as string | undefined) ?? (option.env ? env[option.env] : undefined) ?? option.default;
  }
  return { kind: "options", values: values as OptionValues<Options> };
}

/** A boolean environment variable's value; undefined for one that is not a yes or a no. */
function booleanFromEnv(value: string | undefined): boolean | undefined {
  const word = (value ?? "").trim().toLowerCase();
  if (["1", "true", "yes", "on"].includes(word)) return true;
  if (["", "0", "false", "no", "off"].includes(word)) return false;
  return undefined;
}

/** parseArgs' errors, in one short line each (its own messages run to three sentences). */
function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(message ?? "")?.[1];
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option ${quoted ?? message}`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument ${quoted ?? message}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      // "Option '--port <value>' argument missing" or "Option '--no-docs' does not take an argument".
      const option = quoted?.split(" ")[0] ?? "an option";
      return /argument missing/.test(message ?? "") ? `${option} needs a value` : `${option} takes no value`;
    }
    default:
      return message ?? String(error);
  }
}

/**
 * Parses `process.argv` for a script: prints the usage and exits 0 on `--help`, prints one line and
 * exits 2 on an unknown option or a missing value, and returns the values otherwise.
 */
export function commandLine<const Options extends Readonly<Record<string, OptionSpec>>>(
  spec: CommandSpec<Options>,
  argv: readonly string[] = process.argv.slice(2),
): OptionValues<Options> {
  const outcome = parseCommandLine(spec, argv);
  if (outcome.kind === "help") {
    process.stdout.write(outcome.text);
    process.exit(0);
  }
  if (outcome.kind === "error") usageError(outcome.message);
  return outcome.values;
}

/** One line on stderr and exit 2: the command line asked for something the script cannot do. */
export function usageError(message: string): never {
  console.error(message);
  process.exit(2);
}
