// Proves that code run in this process neither reaches the network nor starts a process (an installer, a
// formatter, `npx`): while `run` runs, every socket connect, DNS lookup, fetch and child_process call is
// recorded and refused. Node has no switch that forbids these in-process, so the entry points are wrapped;
// every TCP client (http, https, undici's fetch) goes through net.Socket#connect.
import childProcess from "node:child_process";
import dns from "node:dns";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";

type Patchable = Record<string, unknown>;

const PROCESS_CALLS = ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"] as const;
const DNS_CALLS = ["lookup", "resolve", "resolve4", "resolve6"] as const;

export async function refusingNetworkAndProcesses<T>(run: () => Promise<T>): Promise<{ result: T; attempts: string[] }> {
  const attempts: string[] = [];
  const restores: (() => void)[] = [];
  const replace = (owner: Patchable, name: string, label: string): void => {
    const original = owner[name];
    owner[name] = (...args: unknown[]) => {
      const detail = args.find((arg) => typeof arg === "string") ?? JSON.stringify(args[0])?.slice(0, 120);
      attempts.push(`${label}(${detail ?? ""})`);
      throw new Error(`${label} refused: generators must run offline and in-process`);
    };
    restores.push(() => {
      owner[name] = original;
    });
  };
  for (const name of PROCESS_CALLS) replace(childProcess as unknown as Patchable, name, `child_process.${name}`);
  for (const name of DNS_CALLS) {
    replace(dns as unknown as Patchable, name, `dns.${name}`);
    replace(dns.promises as unknown as Patchable, name, `dns.promises.${name}`);
  }
  replace(net.Socket.prototype as unknown as Patchable, "connect", "net.Socket#connect");
  replace(globalThis as unknown as Patchable, "fetch", "fetch");
  // ESM imports of node: builtins read a copy of their exports; this refreshes it (and again after restoring).
  syncBuiltinESMExports();
  try {
    return { result: await run(), attempts };
  } finally {
    for (const restore of restores.reverse()) restore();
    syncBuiltinESMExports();
  }
}
