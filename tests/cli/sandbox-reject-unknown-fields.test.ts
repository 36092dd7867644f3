// `npm run sandbox -- --reject-unknown-fields` and SANDBOX_REJECT_UNKNOWN_FIELDS=1 reach the sandbox: a
// misspelt field is refused there, where the sandbox started without them ignores it (tests/scenarios/
// unknown-fields.test.ts has both modes in-process).
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../src/mock/free-port.js";
import { scriptArgs } from "../support/run-script.js";

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill();
});

/** Starts scripts/sandbox.ts on a free port; its base URL once it says it listens. */
async function start(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ url: string; stdout: () => string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [...scriptArgs("scripts/sandbox.ts"), "--port", String(port), ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", () => output.includes("press Ctrl-C") && resolve());
    child.on("exit", (code) => reject(new Error(`the sandbox exited with ${code}: ${output}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stdout: () => output };
}

const typo = (url: string) =>
  fetch(`${url}/v1.0/1234/backups`, {
    method: "POST",
    headers: { "X-Auth-Token": "demo-token", "Content-Type": "application/json" },
    body: JSON.stringify({ backup: { name: "typo", instance: "d4603f69-ec7e-4e9b-803f-600b9205576f", parentId: "x" } }),
  });

describe("npm run sandbox's --reject-unknown-fields", () => {
  it("is taken from the flag and from SANDBOX_REJECT_UNKNOWN_FIELDS, and said at start", { timeout: 60_000 }, async () => {
    const [flag, variable] = await Promise.all([start(["--reject-unknown-fields"], {}), start([], { SANDBOX_REJECT_UNKNOWN_FIELDS: "1" })]);
    for (const sandbox of [flag, variable]) {
      const response = await typo(sandbox.url);
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toContain("backup.parentId");
      expect(sandbox.stdout()).toContain("--reject-unknown-fields");
    }
  });
});
