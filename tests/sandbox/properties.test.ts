// Property-based tests of the stateful sandbox, in-process (`app.inject()`, no sockets), response
// validation on, on a manual clock the generated requests move.
//
// 1. Every operation of both bundled specs gets RUNS_PER_OPERATION generated requests, valid and flawed
//    (bodies from the schemas and examples, then mutated; odd path ids; bad JSON; wrong Content-Type;
//    wrong, absent and other accounts' tokens; wrong methods; odd Host headers; bodies over the limit).
//    For every one: no 5xx; a status documented for the operation (for a wrong method: for its path);
//    a body that matches that status's schema; the status the request's flaws call for; nothing of
//    account 1234 shown to account 5678; and the sandbox's own `violations` stays empty.
//    After each operation's run, no backup of the demo account is gone that only another operation
//    could delete.
// 2. A model-based run (fast-check commands) of creates, deletes, restores, schedules, clock moves and
//    random requests checks that no backup is lost that was not deleted (or taken with its parent).
// 3. Whatever the sandbox's own clock endpoint is sent, it answers 200 or 400 and the APIs no 5xx.
//
// Fixed seeds (FC_SEED=<n> to draw others). The sandbox keeps its state from test to test and its clock
// only goes forward, so a failure replays by running this whole file with the seed it printed as FC_SEED's
// base; per-operation properties report the first failing request unshrunk, with its answer.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { APIS } from "../../src/apis.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import { DEMO_TOKEN } from "../../src/sandbox/config.js";
import { createSandbox } from "../../src/sandbox/server.js";
import { backupCommands, checkBackupsKept, listAll, startModel } from "../support/backup-model.js";
import { describeSent, loadApiContexts, RequestRunner, requestCaseArbitrary, Tally } from "../support/sandbox-requests.js";
import { replenish, sendClean, validCase, warmUp } from "../support/sandbox-warm-up.js";

const SEED = Number(process.env.FC_SEED ?? 20_260_105);
const RUNS_PER_OPERATION = 1_000;
const MODEL_RUNS = 300;

const apis = loadApiContexts();
const clock = new ManualClock();
// Quotas far above what these runs make: thousands of generated creates would otherwise meet them, by
// design; tests/sandbox/quotas.test.ts holds the sandbox to them.
const UNBOUNDED = { backups: 1_000_000, instances: 1_000_000, images: 1_000_000 };
const sandbox = createSandbox({ clock, config: { validateResponses: true, quotas: UNBOUNDED } });
const tally = new Tally();
const runner = new RequestRunner({ sandbox, clock, apis, tally });
const started = performance.now();

afterAll(async () => {
  await sandbox.close();
});

describe(`every operation gets ${RUNS_PER_OPERATION} generated requests`, () => {
  let index = 0;
  for (const api of APIS) {
    for (const operation of apis[api.id].oracle.operations) {
      const seed = SEED + index++;
      it(`${api.id} ${operation.operationId}: documented status and body, no 5xx, the status its flaws call for, nothing lost`, async () => {
        sandbox.reset();
        await warmUp(runner);
        const before = await snapshot();
        await fc.assert(
          fc.asyncProperty(requestCaseArbitrary(apis[api.id], operation), async (requestCase) => {
            await replenish(runner, operation.operationId);
            const sent = await runner.send(requestCase);
            if (sent.problems.length > 0) throw new Error(describeSent(sent));
          }),
          // The sandbox keeps its state from one run to the next, so a shrunk case would run in another
          // state: report the first failing case as it was, with the seed to replay the whole sequence.
          { numRuns: RUNS_PER_OPERATION, seed, endOnFailure: true },
        );
        expectNothingLost(before, await snapshot(), operation.operationId);
      });
    }
  }
});

interface Snapshot {
  /** Cloud Databases backup id → its parent, and whether a schedule made it. */
  readonly backups: Map<string, { parent: string | null; automated: boolean }>;
  readonly zcomBackups: Set<string>;
}

/** The demo account's backups in both APIs, through the APIs. */
async function snapshot(): Promise<Snapshot> {
  const backups = new Map(
    (await listAll(runner)).map((b) => [b.id, { parent: b.parent_id, automated: b.is_automated === 1 || b.is_automated === true }]),
  );
  const zcom = await sendClean(runner, validCase("zcom-compute", "listZcomBackups", "GET"));
  return { backups, zcomBackups: new Set((zcom.body as { backup: { id: string }[] }).backup.map((backup) => backup.id)) };
}

/**
 * Only deleteBackup deletes Cloud Databases backups that no schedule made (a schedule's retention may
 * delete its own backups, and with them incrementals built on them); only disabling deletes a Z.com
 * backup (the enable property disables one now and then to free a VM).
 */
function expectNothingLost(before: Snapshot, after: Snapshot, operationId: string): void {
  if (operationId !== "deleteBackup") {
    const keptByRule = (id: string): boolean => {
      const backup = before.backups.get(id);
      return backup !== undefined && !backup.automated && (backup.parent === null || keptByRule(backup.parent));
    };
    const lost = [...before.backups.keys()].filter((id) => keptByRule(id) && !after.backups.has(id));
    expect(lost, `${operationId} lost Cloud Databases backups`).toEqual([]);
  }
  if (operationId !== "disableZcomBackup" && operationId !== "enableZcomBackup") {
    expect(
      [...before.zcomBackups].filter((id) => !after.zcomBackups.has(id)),
      `${operationId} lost Z.com backups`,
    ).toEqual([]);
  }
}

describe("model-based: no backup is lost that was not deleted", () => {
  // 300 command sequences: about 2.5 s alone on two idle cores, up to 20 s on a machine five times
  // oversubscribed; the timeout is three times that.
  it("creates, deletes, restores, schedules, clock moves and random requests keep every backup that should be kept", {
    timeout: 60_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(backupCommands(apis), async (commands) => {
        sandbox.reset();
        const setup = await startModel(runner, clock);
        await fc.asyncModelRun(() => setup, commands);
        await checkBackupsKept(setup.model, setup.real);
      }),
      { numRuns: MODEL_RUNS, seed: SEED },
    );
  });
});

describe("the sandbox's own clock endpoint", () => {
  // POST /_sandbox/clock moves the simulated time for everyone: whatever it is sent, it answers 200 or
  // 400, and both APIs go on answering without a 5xx. (A separate sandbox: the clock does not go back.)
  it("refuses what it cannot honour, and never leaves the APIs answering 5xx", async () => {
    const own = createSandbox({ clock: new ManualClock(), config: { validateResponses: true } });
    const inject = async (method: "GET" | "POST", url: string, payload?: unknown) =>
      own.app.inject({
        method,
        url,
        // Moving the clock needs the admin token; the APIs, a tenant's.
        headers: { "x-auth-token": url.startsWith("/_sandbox/") ? own.config.adminToken : DEMO_TOKEN },
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.integer({ min: 0, max: 30 * 86_400 }),
            fc.double({ min: 0, noNaN: true }),
            fc.constantFrom(1e9, 1e12, 1e14, 8.64e12, 2.5e11, 1e300, Number.MAX_VALUE, -1, -0.5),
            fc.constantFrom<unknown>("60", null, true, [], {}),
          ),
          async (advanceSeconds) => {
            const moved = await inject("POST", "/_sandbox/clock", { advanceSeconds });
            expect([200, 400], moved.body).toContain(moved.statusCode);
            for (const url of [`/v1.0/1234/backups`, `/v1.0/1234/schedules`, `/v2/1864e71d2deb46f6b47526b69c65a45d/backup`]) {
              const answer = await inject("GET", url);
              expect(answer.statusCode, `${url} after advancing ${advanceSeconds} s: ${answer.body.slice(0, 200)}`).toBe(200);
            }
            expect(own.violations).toEqual([]);
          },
        ),
        { numRuns: 200, seed: SEED, endOnFailure: true },
      );
    } finally {
      await own.close();
    }
  });
});

describe("totals", () => {
  it(`every operation got at least ${RUNS_PER_OPERATION} requests, none answered 5xx or an undocumented status`, () => {
    const perOperation = [...apis["cloud-databases"].oracle.operations, ...apis["zcom-compute"].oracle.operations].map(
      (operation) => [operation.operationId, tally.perOperation.get(operation.operationId) ?? 0] as const,
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `property requests: ${tally.requests}, 5xx: ${tally.fiveXx}, undocumented statuses: ${tally.undocumented}, ` +
        `bodies not matching their schema: ${tally.bodyMismatches}, ` +
        `per operation: ${perOperation.map(([id, count]) => `${id} ${count}`).join(", ")}; ${seconds} s`,
    );
    console.log(
      `statuses: ${[...tally.statuses]
        .map(
          ([id, byStatus]) =>
            `${id} ${[...byStatus]
              .sort(([a], [b]) => a - b)
              .map(([status, count]) => `${status}×${count}`)
              .join(" ")}`,
        )
        .join("; ")}`,
    );
    for (const [operationId, count] of perOperation) expect(count, operationId).toBeGreaterThanOrEqual(RUNS_PER_OPERATION);
    expect(tally.fiveXx).toBe(0);
    expect(tally.undocumented).toBe(0);
    expect(tally.bodyMismatches).toBe(0);
    expect(sandbox.violations).toEqual([]);
  });
});
