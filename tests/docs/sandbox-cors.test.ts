import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/sandbox/clock.js";
import { DEMO_TOKEN } from "../../src/sandbox/config.js";
import { createSandbox, type Sandbox } from "../../src/sandbox/server.js";

// The try-it pages call the sandbox from another port of 127.0.0.1, so the browser asks it for CORS
// first. Only pages served from this machine get it; everything else behaves as without CORS.

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = createSandbox({ clock: new ManualClock() });
  await sandbox.app.ready();
});
afterAll(async () => {
  await sandbox.close();
});

const preflight = (origin: string) =>
  sandbox.app.inject({
    method: "OPTIONS",
    url: "/v1.0/1234/backups",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type,x-auth-token" },
  });

describe("the sandbox's CORS for the docs site", () => {
  it("lets a page on a loopback origin send a token and a JSON body, and read the answer", async () => {
    for (const origin of ["http://127.0.0.1:8080", "http://localhost:43117", "http://[::1]:8080"]) {
      const answer = await preflight(origin);
      expect(answer.statusCode, origin).toBe(204);
      expect(answer.headers["access-control-allow-origin"]).toBe(origin);
      expect(String(answer.headers["access-control-allow-methods"]).split(/,\s*/)).toEqual(
        expect.arrayContaining(["POST", "GET", "PUT", "DELETE"]),
      );
      expect(String(answer.headers["access-control-allow-headers"]).toLowerCase().split(/,\s*/)).toEqual(
        expect.arrayContaining(["content-type", "x-auth-token"]),
      );
    }
    const listed = await sandbox.app.inject({
      method: "GET",
      url: "/v1.0/1234/backups",
      headers: { origin: "http://127.0.0.1:8080", "x-auth-token": DEMO_TOKEN },
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.headers["access-control-allow-origin"]).toBe("http://127.0.0.1:8080");
  });

  it("gives a page from anywhere else no CORS headers, and its preflight the answer it gets without CORS", async () => {
    const withoutCors = await sandbox.app.inject({ method: "OPTIONS", url: "/v1.0/1234/backups" });
    expect(withoutCors.statusCode).toBeGreaterThanOrEqual(400);
    for (const origin of ["https://evil.example", "http://127.0.0.1.evil.example:8080", "null", "http://192.168.1.5:8080"]) {
      const answer = await preflight(origin);
      expect(answer.headers["access-control-allow-origin"], origin).toBeUndefined();
      expect(answer.statusCode, origin).toBe(withoutCors.statusCode);
      expect(answer.json(), origin).toEqual(withoutCors.json());
    }
    const listed = await sandbox.app.inject({
      method: "GET",
      url: "/v1.0/1234/backups",
      headers: { origin: "https://evil.example", "x-auth-token": DEMO_TOKEN },
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("leaves requests without Origin, and OPTIONS that is no preflight, as they were", async () => {
    const options = await sandbox.app.inject({ method: "OPTIONS", url: "/v1.0/1234/backups", headers: { "x-auth-token": DEMO_TOKEN } });
    expect(options.statusCode).toBe(405);
    expect(options.headers.allow).toBe("GET, POST");
    const fromPage = await sandbox.app.inject({
      method: "OPTIONS",
      url: "/v1.0/1234/backups",
      headers: { origin: "http://127.0.0.1:8080", "x-auth-token": DEMO_TOKEN },
    });
    expect(fromPage.statusCode).toBe(405);
    const unknown = await sandbox.app.inject({
      method: "OPTIONS",
      url: "/v1.0/1234/nothing-here",
      headers: { "x-auth-token": DEMO_TOKEN },
    });
    expect(unknown.statusCode).toBe(404);
  });
});
