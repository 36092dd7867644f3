import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAddressInUse, listenOn, PortInUseError } from "../../src/cli/ports.js";
import { prismPortError } from "../../src/cli/prism-ports.js";
import { runScript } from "../support/run-script.js";

const run = (script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) => runScript(script, args, { env, timeoutMs: 50_000 });

describe("a port already in use", () => {
  let busy: Server;
  let port: number;
  let site: string;

  beforeAll(async () => {
    busy = createServer((_request, response) => response.end("busy"));
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    port = (busy.address() as { port: number }).port;
    site = await mkdtemp(join(tmpdir(), "port-in-use-site-"));
    await writeFile(join(site, "index.html"), "<!DOCTYPE html><title>site</title>");
  });
  afterAll(async () => {
    await new Promise((resolve) => busy?.close(resolve));
    if (site) await rm(site, { recursive: true, force: true });
  });

  it("is one line naming the option or variable to change, and exit 1, for every server script", { timeout: 60_000 }, async () => {
    const P = String(port);
    const cases: [script: string, args: string[], env: NodeJS.ProcessEnv, line: string][] = [
      ["scripts/sandbox.ts", [], { SANDBOX_PORT: P }, `sandbox: port ${P} is in use: pass --port or set SANDBOX_PORT`],
      ["scripts/mock.ts", ["--port", P], {}, `mock: port ${P} (cloud-databases mock) is in use: pass --port or set MOCK_PORT`],
      ["scripts/docs-serve.ts", ["--port", P, "--dir", site], {}, `docs:serve: port ${P} is in use: pass --port or set DOCS_PORT`],
      ["scripts/start.ts", ["--port", P], {}, `start: port ${P} (docs) is in use: pass --port or set DOCS_PORT`],
      [
        "scripts/start.ts",
        ["--port", "0", "--mock-port", P],
        {},
        `start: port ${P} (cloud-databases mock) is in use: pass --mock-port or set MOCK_PORT`,
      ],
      ["scripts/dev.ts", ["--sandbox-port", "0"], { DOCS_PORT: P }, `dev: port ${P} (docs) is in use: pass --port or set DOCS_PORT`],
      [
        "scripts/dev.ts",
        ["--port", "0", "--sandbox-port", P],
        {},
        `dev: port ${P} (sandbox) is in use: pass --sandbox-port or set SANDBOX_PORT`,
      ],
    ];
    const runs = await Promise.all(cases.map(([script, args, env]) => run(script, args, env)));
    for (const [index, [script, args, , line]] of cases.entries()) {
      const { code, stderr } = runs[index]!;
      const what = `${script} ${args.join(" ")}`;
      expect(stderr.split("\n").filter(Boolean), what).toEqual([`${line}, or stop what listens there`]);
      expect(code, what).toBe(1);
    }
  });

  it("is told the same way when a server finds it taken while it starts (after the early check)", async () => {
    const server = createServer();
    const error = await listenOn(
      () => new Promise((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", () => resolve(server))),
      port,
      {
        flag: "--port",
        env: "SANDBOX_PORT",
      },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as Error).message).toBe(`port ${port} is in use: pass --port or set SANDBOX_PORT, or stop what listens there`);
  });

  it("is read from Prism's own log when Prism finds it taken", () => {
    // What startPrism rejects with when Prism exits on a busy port (Prism 5.14 prints Node's listen error).
    const prismExit = new Error(
      `Prism exited with 1 before listening on http://127.0.0.1:${port}:\nlisten EADDRINUSE: address already in use 127.0.0.1:${port}\n`,
    );
    const error = prismPortError(prismExit, port, { flag: "--port", env: "MOCK_PORT" }, "zcom-compute mock");
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as Error).message).toBe(
      `port ${port} (zcom-compute mock) is in use: pass --port or set MOCK_PORT, or stop what listens there`,
    );
    const other = new Error("Prism exited with 1: some other failure");
    expect(prismPortError(other, port, { flag: "--port" }, "mock")).toBe(other);
    expect(isAddressInUse(Object.assign(new Error("x"), { code: "EADDRINUSE" }))).toBe(true);
  });
});
