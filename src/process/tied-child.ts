import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";

/**
 * Preloaded into a child: exit once standard input ends, which happens when the parent is gone, however it
 * went (even SIGKILL, which no handler of the parent sees), so a mock is never left running on its own.
 */
const EXIT_WITH_PARENT = "data:text/javascript,process.stdin.on('end',()=>process.exit(0)).on('error',()=>process.exit(0)).resume()";

/** Runs `node <args>` as a child that ends when this process ends. Its stdin is the tie: leave it alone. */
export function spawnTiedNode(
  args: readonly string[],
  options: Omit<SpawnOptions, "stdio"> & { stdio?: ["pipe", "pipe" | "inherit", "pipe" | "inherit"] } = {},
): ChildProcess {
  return spawn(process.execPath, ["--import", EXIT_WITH_PARENT, ...args], { ...options, stdio: options.stdio ?? ["pipe", "pipe", "pipe"] });
}
