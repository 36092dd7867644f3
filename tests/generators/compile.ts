// One TypeScript program over every generator's output, with the settings of a strict consumer project, and
// the lookup of the type each output declares for a component schema.
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import ts from "typescript";
import type { SchemaLocator } from "./generators.js";

/**
 * A strict consumer: `strict`, declaration files checked (`skipLibCheck: false`, so the generated code's runtime
 * packages are checked too). TypeScript's own lib files are the compiler's, not the generators', and checking
 * them costs seconds: `skipDefaultLibCheck`. Bundler resolution, as the generators' fetch clients target.
 */
export const CONSUMER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  skipLibCheck: false,
  skipDefaultLibCheck: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
  types: [],
};

const projectRequire = createRequire(new URL("../../package.json", import.meta.url));

/** The folder of the package `name` that holds the file `entry`. */
function folderOf(entry: string, name: string): string {
  let folder = dirname(entry);
  while (!folder.endsWith(join("node_modules", name))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`No package folder of ${name} above ${entry}`);
    folder = parent;
  }
  return folder;
}

/**
 * The folder of package `name` as the package `from` loads it (its own node_modules first, then the
 * project's): the runtime a generator was installed with, whatever npm hoisted.
 */
export function packageFolder(from: string, name: string): string {
  const fromFolder = folderOf(projectRequire.resolve(from), from);
  return folderOf(createRequire(join(fromFolder, "package.json")).resolve(name), name);
}

export function createConsumerProgram(rootNames: readonly string[]): ts.Program {
  return ts.createProgram({ rootNames, options: CONSUMER_OPTIONS });
}

export interface Finding {
  /** The file the diagnostic is in ("" for a global one). */
  readonly file: string;
  /** `file:line:column TScode message`, file relative to `root`. */
  readonly text: string;
}

export function describeDiagnostics(diagnostics: readonly ts.Diagnostic[], root: string): Finding[] {
  return diagnostics.map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    if (!diagnostic.file || diagnostic.start === undefined) return { file: "", text: `TS${diagnostic.code} ${message}` };
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const file = diagnostic.file.fileName;
    return { file, text: `${relative(root, file)}:${line + 1}:${character + 1} TS${diagnostic.code} ${message}` };
  });
}

/** The exports of a module or namespace, by name, aliases resolved. */
function exportsOf(checker: ts.TypeChecker, symbol: ts.Symbol): Map<string, ts.Symbol> {
  const found = new Map<string, ts.Symbol>();
  for (const exported of checker.getExportsOfModule(symbol)) {
    found.set(exported.name, exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported);
  }
  return found;
}

/** Finds the type of each component schema in one generator's output for one API. */
export class SchemaTypes {
  private readonly named: Map<string, ts.Symbol>;

  constructor(
    private readonly checker: ts.TypeChecker,
    program: ts.Program,
    outDir: string,
    private readonly locator: SchemaLocator,
  ) {
    const fileName = join(outDir, locator.file);
    const source = program.getSourceFile(fileName);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`${fileName}: not in the program, or not a module`);
    const exported = exportsOf(checker, module);
    if (locator.kind === "export") this.named = exported;
    else if (locator.kind === "namespace") {
      const namespace = exported.get(locator.namespace);
      if (!namespace) throw new Error(`${fileName}: no namespace ${locator.namespace}`);
      this.named = exportsOf(checker, namespace);
    } else if (locator.kind === "member") {
      const [first, ...rest] = locator.path;
      const start = exported.get(first);
      if (!start) throw new Error(`${fileName}: no export ${first}`);
      let type = checker.getDeclaredTypeOfSymbol(start);
      for (const name of rest) {
        const property = checker.getPropertyOfType(type, name);
        if (!property) throw new Error(`${fileName}: no ${locator.path.join(".")}`);
        type = checker.getTypeOfSymbol(property);
      }
      this.named = new Map(checker.getPropertiesOfType(type).map((property) => [property.name, property]));
    } else {
      const object = exported.get(locator.object);
      if (!object) throw new Error(`${fileName}: no export ${locator.object}`);
      this.named = new Map(checker.getPropertiesOfType(checker.getTypeOfSymbol(object)).map((property) => [property.name, property]));
    }
  }

  typeOf(name: string): ts.Type | undefined {
    const symbol = this.named.get(name);
    if (!symbol) return undefined;
    if (this.locator.kind === "member") return this.checker.getTypeOfSymbol(symbol);
    if (this.locator.kind !== "zod") return this.checker.getDeclaredTypeOfSymbol(symbol);
    // A zod schema's parsed type is its `_output` (what `z.infer` reads).
    const output = this.checker.getPropertyOfType(this.checker.getTypeOfSymbol(symbol), "_output");
    return output && this.checker.getTypeOfSymbol(output);
  }
}
