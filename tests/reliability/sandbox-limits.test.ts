// The sandbox's timeouts and connection cap, with the timeouts shortened to a second or so: a client
// that stops halfway through a request, or never finishes its headers, or holds an idle connection, is
// cut off; connections beyond the cap are refused and the server goes on serving the others.
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/sandbox/clock.js";
import { createSandbox, type Sandbox } from "../../src/sandbox/server.js";
import { sendRaw } from "./raw-http.js";

const LIMITS = { requestTimeoutMs: 1_000, headersTimeoutMs: 500, idleTimeoutMs: 1_500 };
const CAP = 4;

let timed: Sandbox;
let capped: Sandbox;
let timedOrigin = "";
let cappedOrigin = "";
beforeAll(async () => {
  timed = createSandbox({ clock: new ManualClock(), config: LIMITS });
  capped = createSandbox({ clock: new ManualClock(), config: { maxConnections: CAP } });
  timedOrigin = await timed.listen(0, "127.0.0.1");
  cappedOrigin = await capped.listen(0, "127.0.0.1");
});
afterAll(async () => {
  await Promise.all([timed.close(), capped.close()]);
});

interface Ending {
  /** Milliseconds from the last byte sent to the server closing the connection (or the test giving up). */
  readonly afterMs: number;
  readonly closed: boolean;
  readonly received: string;
}

/** Opens a connection, sends `text`, and waits for the server to close it (at most `waitMs`). */
function sendAndWait(origin: string, text: string, waitMs: number): Promise<Ending> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let received = "";
    let sentAt = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ afterMs: performance.now() - sentAt, closed: false, received });
    }, waitMs);
    socket.on("data", (chunk) => (received += chunk.toString("latin1")));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ afterMs: performance.now() - sentAt, closed: true, received });
    });
    socket.write(text, "latin1", () => (sentAt = performance.now()));
  });
}

const faultOf = (received: string) => JSON.parse(received.slice(received.indexOf("\r\n\r\n") + 4)) as Record<string, { code: number }>;

describe("timeouts", () => {
  it("a request that stops halfway through its body is answered 408 and closed after the request timeout", async () => {
    const head =
      "POST /v1.0/1234/backups HTTP/1.1\r\nHost: x\r\nX-Auth-Token: demo-token\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n";
    const ending = await sendAndWait(timedOrigin, `${head}${'{"backup": {"name": "half'.padEnd(50, " ")}`, 8_000);
    console.log(`half-body socket closed after ${ending.afterMs.toFixed(0)} ms (request timeout ${LIMITS.requestTimeoutMs} ms)`);
    expect(ending.closed).toBe(true);
    expect(ending.afterMs).toBeGreaterThan(LIMITS.requestTimeoutMs * 0.9);
    expect(ending.afterMs).toBeLessThan(LIMITS.requestTimeoutMs + 3_000);
    expect(ending.received).toMatch(/^HTTP\/1\.1 408 /);
    expect(faultOf(ending.received)).toEqual({ badRequest: { code: 408, message: expect.stringContaining("1 s") } });
  });

  it("headers that never end are cut off after the headers timeout", async () => {
    const ending = await sendAndWait(timedOrigin, "GET /v1.0/1234/backups HTTP/1.1\r\nHost: x\r\nX-Auth-Token: demo", 8_000);
    expect(ending.closed).toBe(true);
    expect(ending.afterMs).toBeLessThan(LIMITS.headersTimeoutMs + 3_000);
    expect(ending.received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it("an idle kept-alive connection is closed, and one that never sends anything too", async () => {
    const kept = await sendAndWait(timedOrigin, "GET /_sandbox/clock HTTP/1.1\r\nHost: x\r\n\r\n", 8_000);
    expect(kept.received).toMatch(/^HTTP\/1\.1 200 /);
    expect(kept.closed).toBe(true);
    expect(kept.afterMs).toBeLessThan(LIMITS.idleTimeoutMs + 3_000);
    const silent = await sendAndWait(timedOrigin, "", 8_000);
    expect(silent.closed).toBe(true);
    expect(silent.afterMs).toBeLessThan(LIMITS.idleTimeoutMs + 3_000);
  });

  it("a request that completes in time is answered as usual", async () => {
    const answer = await sendRaw(timedOrigin, { target: "/v1.0/1234/backups", headers: [["X-Auth-Token", "demo-token"]] });
    expect(answer.status).toBe(200);
  });

  it("refuses limits that cannot work, saying which", () => {
    expect(() => createSandbox({ config: { requestTimeoutMs: 0 } })).toThrow(/request timeout/);
    expect(() => createSandbox({ config: { headersTimeoutMs: 5_000, requestTimeoutMs: 1_000 } })).toThrow(/headers timeout/);
    expect(() => createSandbox({ config: { maxConnections: 0 } })).toThrow(/connections/);
    expect(() => createSandbox({ config: { idleTimeoutMs: Number.NaN } })).toThrow(/idle timeout/);
  });
});

describe("the connection cap", () => {
  it(`refuses connections beyond ${CAP} without crashing, and serves the ones it holds`, async () => {
    const { hostname, port } = new URL(cappedOrigin);
    const open = (): Promise<Socket> =>
      new Promise((resolve, reject) => {
        const socket = connect(Number(port), hostname, () => resolve(socket));
        socket.once("error", reject);
      });
    const held: Socket[] = [];
    for (let index = 0; index < CAP; index++) held.push(await open());
    // Beyond the cap: the server closes each at once, without a byte.
    const extra = await Promise.all(
      Array.from({ length: 20 }, () => sendAndWait(cappedOrigin, "GET /_sandbox/clock HTTP/1.1\r\nHost: x\r\n\r\n", 5_000)),
    );
    for (const ending of extra) {
      expect(ending.closed).toBe(true);
      expect(ending.received).toBe("");
    }
    // The held connections still get answers.
    const answers = await Promise.all(
      held.map(
        (socket) =>
          new Promise<string>((resolve) => {
            let text = "";
            socket.on("data", (chunk) => (text += chunk.toString("latin1")));
            socket.on("close", () => resolve(text));
            socket.write("GET /_sandbox/clock HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
          }),
      ),
    );
    for (const text of answers) expect(text).toMatch(/^HTTP\/1\.1 200 /);
    // And once they are gone, new connections are served again.
    expect((await sendRaw(cappedOrigin, { target: "/_sandbox/clock" })).status).toBe(200);
  });
});
