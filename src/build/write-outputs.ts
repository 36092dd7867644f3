import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Files the build makes, by path relative to their output folder. */
export type OutputFiles = ReadonlyMap<string, string>;

/** Writes the build's files into `outDir`, each in place. */
export async function writeOutputs(outDir: string, files: OutputFiles): Promise<void> {
  for (const [path, content] of files) {
    await mkdir(dirname(join(outDir, path)), { recursive: true });
    await writeFile(join(outDir, path), content);
  }
}
