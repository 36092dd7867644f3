// `npm run docs:serve` under hostile requests: it must keep serving (no crash, no 5xx), serve only the
// files of its folder (no dotfiles, no symlink leading out), and send the headers that keep a browser from
// sniffing types or framing the pages.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptArgs } from "../support/run-script.js";
import { hostileRequests, junkRequests } from "./hostile-requests.js";
import { describeExchange, type RawAnswer, sendAll, sendRaw } from "./raw-http.js";

const SECRET = "secret outside the docs folder";
const INDEX = "<!doctype html><title>docs</title><p>index</p>\n";
let root = "";
let server: ChildProcess | undefined;
let origin = "";
let serverOutput = "";

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "docs-serve-"));
  const site = join(root, "site");
  const outside = join(root, "outside");
  mkdirSync(join(site, "sub"), { recursive: true });
  mkdirSync(join(site, ".git"));
  mkdirSync(outside);
  writeFileSync(join(site, "index.html"), INDEX);
  writeFileSync(join(site, "page.html"), "<!doctype html><title>page</title>\n");
  writeFileSync(join(site, "api.openapi.yaml"), "openapi: 3.1.0\n");
  writeFileSync(join(site, ".env"), SECRET);
  writeFileSync(join(site, ".git", "config"), SECRET);
  writeFileSync(join(site, "sub", ".hidden"), SECRET);
  writeFileSync(join(outside, "secret.txt"), SECRET);
  symlinkSync(join(outside, "secret.txt"), join(site, "leak.txt"));
  symlinkSync(outside, join(site, "out"), "dir");
  symlinkSync("page.html", join(site, "same-page.html"));

  const child = spawn(process.execPath, [...scriptArgs("scripts/docs-serve.ts"), "--dir", site, "--port", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  server = child;
  child.stdout!.on("data", (chunk) => (serverOutput += chunk));
  child.stderr!.on("data", (chunk) => (serverOutput += chunk));
  origin = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", () => {
      const url = /docs: (http:\/\/[^/\s]+)\//.exec(serverOutput)?.[1];
      if (url) resolve(url);
    });
    child.once("exit", (code) => reject(new Error(`docs:serve exited with ${code}:\n${serverOutput}`)));
  });
}, 60_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  if (root) rmSync(root, { recursive: true, force: true });
});

const get = (target: string, headers: [string, string][] = []) => sendRaw(origin, { target, headers });

/** Still listening and serving the index, and the process has not exited. */
async function expectServing(): Promise<void> {
  const answer = await get("/");
  expect(server!.exitCode, `docs:serve exited:\n${serverOutput}`).toBeNull();
  expect(answer.status, answer.error).toBe(200);
  expect(answer.body).toBe(INDEX);
}

describe("npm run docs:serve", () => {
  it("answers an unsatisfiable Range (bytes=2-1, bytes past the end) with 416, and keeps serving", async () => {
    for (const range of ["bytes=2-1", "bytes=999999-", "bytes=-0"]) {
      const answer = await get("/index.html", [["Range", range]]);
      expect(answer.status, `${range}: ${answer.error ?? ""}`).toBe(416);
      expect(answer.headers["content-range"]).toBe(`bytes */${INDEX.length}`);
    }
    await expectServing();
  });

  it("serves a satisfiable Range as 206 with those bytes", async () => {
    const answer = await get("/index.html", [["Range", "bytes=2-9"]]);
    expect(answer.status).toBe(206);
    expect(answer.headers["content-range"]).toBe(`bytes 2-9/${INDEX.length}`);
    expect(answer.body).toBe(INDEX.slice(2, 10));
  });

  it("serves no dotfile or dot-folder, however the name is spelt", async () => {
    for (const target of ["/.env", "/.git/config", "/sub/.hidden", "/%2eenv", "/%2Egit/config", "/sub/%2ehidden", "/./.env"]) {
      const answer = await get(target);
      expect(answer.status, target).toBe(404);
      expect(answer.body, target).not.toContain(SECRET);
    }
  });

  it("follows no symlink out of its folder, but serves one that stays inside", async () => {
    for (const target of ["/leak.txt", "/out/secret.txt", "/out/"]) {
      const answer = await get(target);
      expect(answer.status, target).toBe(404);
      expect(answer.body, target).not.toContain(SECRET);
    }
    expect((await get("/same-page.html")).status).toBe(200);
  });

  it("sends nosniff, a Content-Security-Policy and frame headers, also on a 404", async () => {
    for (const target of ["/", "/page.html", "/api.openapi.yaml", "/missing.html"]) {
      const { headers } = await get(target);
      expect(headers["x-content-type-options"], target).toBe("nosniff");
      expect(headers["x-frame-options"], target).toBe("DENY");
      const policy = headers["content-security-policy"] ?? "";
      expect(policy, target).toMatch(/(^|;)\s*default-src 'self'(;|$)/);
      expect(policy, target).toMatch(/(^|;)\s*frame-ancestors 'none'(;|$)/);
      expect(policy, target).toMatch(/(^|;)\s*object-src 'none'(;|$)/);
    }
  });

  const paths = ["/", "/index.html", "/page.html", "/sub", "/missing.html"];
  const requests = [
    ...hostileRequests(paths),
    ...[
      "bytes=2-1",
      "bytes=-0",
      "bytes=a-b",
      "bytes=0-1,2-3,4-5",
      "bytes=99999999999999999999-",
      "bytes=-99999999999999999999",
      "items=0-1",
      "bytes=",
      "bytes=1-0,0-0",
    ].flatMap((range) => paths.map((target) => ({ target, headers: [["Range", range]] as [string, string][] }))),
    ...["/.env", "/.git/config", "/%2e%2e/outside/secret.txt", "/leak.txt", "/out/secret.txt", "/sub/..%2f..%2foutside/secret.txt"].map(
      (target) => ({ target }),
    ),
    ...junkRequests(paths, 300, 20_250_601),
  ];

  it(`survives ${requests.length} hostile requests: no crash, no 5xx, nothing from outside its folder`, async () => {
    const answers: RawAnswer[] = await sendAll(origin, requests);
    const failures = requests
      .map((request, index) => ({ request, answer: answers[index]! }))
      .filter(({ answer }) => answer.status === undefined || answer.status >= 500 || answer.body.includes(SECRET))
      .map(({ request, answer }) => describeExchange(request, answer));
    expect(failures).toEqual([]);
    await expectServing();
  }, 60_000);
});
