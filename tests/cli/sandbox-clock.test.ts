// `npm run sandbox` and its clock: an absurd --speed is one line and exit 2 (--speed 1e12 hung the first
// request and took the clock past year 9999); the start-up lines name the admin token; and SIGTERM
// stops it promptly right after the clock jumped ten years over 200 schedules (the catch-up of that jump
// blocked the event loop, and with it the signal, for minutes).
import { type ChildProcess, spawn } from "node:child_process";
import { connect } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { runScript, scriptArgs } from "../support/run-script.js";

// A speed the script wrongly accepts starts a server: killed rather than left running.
const run = (script: string, args: readonly string[]) => runScript(script, args, { timeoutMs: 20_000 });

describe("--speed", () => {
  it("refuses what is not a speed, or an absurd one, in one line with exit 2 (sandbox and dev)", { timeout: 30_000 }, async () => {
    const cases = [
      ...["1e12", "1000001", "0", "abc", "Infinity"].map((speed) => ["scripts/sandbox.ts", speed] as const),
      ["scripts/dev.ts", "1e12"] as const,
    ];
    const runs = await Promise.all(cases.map(([script, speed]) => run(script, ["--port", "0", "--speed", speed])));
    for (const [index, result] of runs.entries()) {
      const [script, speed] = cases[index]!;
      expect(result.code, `${script} --speed ${speed}: ${result.stderr}`).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^(sandbox|dev): --speed must be a number above 0 and at most 1000000 .*\n$/);
      expect(result.stderr.split("\n")).toHaveLength(2);
    }
  });
});

describe("the sandbox process", () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });

  it("prints its admin token, and stops promptly on SIGTERM while catching up a ten-year jump of 200 schedules, a client stalled mid-body", {
    timeout: 30_000,
  }, async () => {
    child = spawn(process.execPath, [...scriptArgs("scripts/sandbox.ts"), "--port", "0", "--quotas", "instances=300"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (chunk) => (output += chunk));
    child.stderr!.on("data", (chunk) => (output += chunk));
    const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
      child!.once("exit", (code) => resolve({ code, at: performance.now() })),
    );
    const started = await new Promise<{ url: string; admin: string }>((resolve, reject) => {
      child!.stdout!.on("data", () => {
        const url = /Cloud Databases on (http:\/\/[^/\s]+)\/v1\.0/.exec(output)?.[1];
        const admin = /admin token "([^"]+)"/.exec(output)?.[1];
        if (url && admin) resolve({ url, admin });
      });
      void exited.then(({ code }) => reject(new Error(`the sandbox exited with ${code}:\n${output}`)));
    });
    const { url, admin } = started;
    const call = async (method: string, path: string, token: string, body?: unknown) => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { "X-Auth-Token": token, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return text === "" ? undefined : (JSON.parse(text) as Record<string, { id: string }>);
    };
    // 200 instances (restored from a documented backup), each with a schedule; eight at a time.
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < 200) {
          const index = next++;
          const restored = await call("POST", "/v1.0/1234/instances", "demo-token", {
            instance: {
              name: `i${index}`,
              flavorRef: 1,
              volume: { size: 1 },
              restorePoint: { backupRef: "d9f56b04-e17d-41f0-ae92-30a3b47b8d29" },
            },
          });
          await call("POST", "/v1.0/1234/schedules", "demo-token", {
            schedule: {
              action: "backup",
              day_of_week: index % 7,
              hour: index % 24,
              minute: index % 60,
              instance_id: restored!.instance!.id,
            },
          });
        }
      }),
    );
    await call("POST", "/_sandbox/clock", admin, { advanceSeconds: 315_576_000 });
    // A client stalled halfway through a body: stopping must not wait for its request timeout.
    const { hostname, port } = new URL(url);
    const stalled = connect(Number(port), hostname);
    stalled.on("error", () => undefined);
    stalled.write("POST /v1.0/1234/backups HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{");
    // The request that catches up, and SIGTERM right behind it.
    void fetch(`${url}/v1.0/1234/backups`, { headers: { "X-Auth-Token": "demo-token" } }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const signalled = performance.now();
    child.kill("SIGTERM");
    const result = await Promise.race([exited, new Promise<undefined>((resolve) => setTimeout(resolve, 10_000))]);
    expect(result, `no exit within 10 s of SIGTERM:\n${output}`).toBeDefined();
    stalled.destroy();
    console.log(
      `sandbox exited ${(result!.at - signalled).toFixed(0)} ms after SIGTERM, right after a ten-year jump, with a stalled client`,
    );
    expect(result!.code).toBe(0);
    expect(result!.at - signalled).toBeLessThan(5_000);
  });
});
