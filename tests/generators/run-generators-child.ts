// `node --import tsx run-generators-child.ts <root> <result.json> <generator id>…`: runs those generators
// (run-generators.ts) and writes what happened to result.json.
import { writeFile } from "node:fs/promises";
import { runGenerators } from "./run-generators.js";

const [root, resultFile, ...ids] = process.argv.slice(2);
if (!root || !resultFile || ids.length === 0) {
  console.error("usage: run-generators-child.ts <root> <result.json> <generator id>…");
  process.exit(2);
}
await writeFile(resultFile, JSON.stringify(await runGenerators(ids, root)));
