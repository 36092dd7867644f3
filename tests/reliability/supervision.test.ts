// `npm start` and `npm run mock` never leave a mock running on its own: when a child ends, when the parent
// hits an error nobody caught, or when the parent itself is killed, every child goes. Run on the same
// Supervisor and tied children as the scripts, with cheap stand-ins for Prism (tests/reliability/fixtures).
import { type ChildProcess, spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { scriptArgs } from "../support/run-script.js";

const FIXTURE = "tests/reliability/fixtures/services.ts";
const started: ChildProcess[] = [];
const orphans: number[] = [];

afterAll(() => {
  for (const child of started) child.kill("SIGKILL");
  for (const pid of orphans) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

interface Running {
  readonly parent: ChildProcess;
  readonly pids: number[];
  readonly url: string;
  readonly exited: Promise<{ code: number | null; output: string }>;
}

async function start(): Promise<Running> {
  const parent = spawn(process.execPath, scriptArgs(FIXTURE), { stdio: ["ignore", "pipe", "pipe"] });
  started.push(parent);
  let output = "";
  parent.stdout!.on("data", (chunk) => (output += chunk));
  parent.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; output: string }>((resolve) =>
    parent.once("exit", (code) => resolve({ code, output })),
  );
  const { pids, url } = await new Promise<{ pids: number[]; url: string }>((resolve, reject) => {
    parent.stdout!.on("data", () => {
      const line = output.split("\n").find((candidate) => candidate.startsWith("{"));
      if (line) resolve(JSON.parse(line) as { pids: number[]; url: string });
    });
    exited.then(({ code }) => reject(new Error(`the services exited with ${code}:\n${output}`)));
  });
  orphans.push(...pids);
  return { parent, pids, url, exited };
}

/** Waits until none of `pids` runs, up to `ms` (a busy machine takes seconds); returns those still running. */
async function gone(pids: readonly number[], ms: number): Promise<number[]> {
  const until = Date.now() + ms;
  while (pids.some(alive) && Date.now() < until) await sleep(50);
  return pids.filter(alive);
}

describe.concurrent("the services of npm start", () => {
  it("all stop, with a message naming it and exit 1, when one child ends on its own", async () => {
    const { pids, url, exited } = await start();
    expect((await fetch(url)).status).toBe(200);
    process.kill(pids[0]!, "SIGKILL");
    const { code, output } = await exited;
    expect(code).toBe(1);
    expect(output).toMatch(/services: child one exited \(SIGKILL\); stopping everything\./);
    expect(await gone(pids, 20_000)).toEqual([]);
    await expect(fetch(url)).rejects.toThrow();
  }, 60_000);

  it("all stop, with the error and exit 1, when the parent throws an error nobody catches", async () => {
    const { parent, pids, exited } = await start();
    parent.kill("SIGUSR2");
    const { code, output } = await exited;
    expect(code).toBe(1);
    expect(output).toMatch(/services: unexpected error: Error: thrown on purpose/);
    expect(await gone(pids, 20_000)).toEqual([]);
  }, 60_000);

  it("children end by themselves when the parent is killed outright (SIGKILL)", async () => {
    const { parent, pids, exited } = await start();
    parent.kill("SIGKILL");
    await exited;
    expect(await gone(pids, 20_000)).toEqual([]);
  }, 60_000);
});
