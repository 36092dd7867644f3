// Requests that race over real sockets, all in flight at once: N deletes of one backup are all accepted
// while its asynchronous deletion runs (Trove 18 answers 202 until its task manager has removed it) and
// start it once, so that it is gone, once, when the deletion ends; N creates on one source make exactly one backup (one at a time per instance or HA group); an
// incremental made while its parent is deleted never outlives it. Every answer is a documented one.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/sandbox/clock.js";
import { createSandbox, type Sandbox } from "../../src/sandbox/server.js";
import { type RawAnswer, type RawRequestOptions, sendRaw } from "./raw-http.js";
import { createAnswerChecker } from "./sandbox-answers.js";

const N = 20;
const TENANT = "1864e71d2deb46f6b47526b69c65a45d";
const INSTANCES = ["d4603f69-ec7e-4e9b-803f-600b9205576f", "34d6c8bf-539e-47d1-8a06-2b7590521309"];
const HA = "130922a2-b9ab-4e95-86be-9c5d79171b5e";
const DEMO: [string, string] = ["X-Auth-Token", "demo-token"];
const JSON_TYPE: [string, string] = ["Content-Type", "application/json"];

const clock = new ManualClock();
const checker = createAnswerChecker();
let sandbox: Sandbox;
let origin = "";
beforeAll(async () => {
  sandbox = createSandbox({ clock, config: { validateResponses: true } });
  origin = await sandbox.listen(0, "127.0.0.1");
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

/** Sends every request at once, each on its own connection, and checks each answer against the specs. */
async function race(requests: readonly RawRequestOptions[]): Promise<RawAnswer[]> {
  const answers = await Promise.all(requests.map((request) => sendRaw(origin, request, 10_000)));
  const problems = answers
    .map((answer, index) => checker.problem(requests[index]!.method ?? "GET", requests[index]!.target, answer))
    .filter((problem) => problem !== undefined);
  expect(problems).toEqual([]);
  expect(sandbox.violations).toEqual([]);
  return answers;
}

const count = (answers: readonly RawAnswer[], status: number) => answers.filter((answer) => answer.status === status).length;
const createBackup = (source: Record<string, unknown>, name = "race"): RawRequestOptions => ({
  method: "POST",
  target: "/v1.0/1234/backups",
  headers: [DEMO, JSON_TYPE],
  body: JSON.stringify({ backup: { name, ...source } }),
});

describe(`${N} requests at once`, () => {
  it("N deletes of each of three backups: all 202 while the deletion runs, one deletion, then 404", async () => {
    const made = await race(INSTANCES.map((instance) => createBackup({ instance })));
    const ids = made.map((answer) => (JSON.parse(answer.body) as { backup: { id: string } }).backup.id);
    ids.push("d9f56b04-e17d-41f0-ae92-30a3b47b8d29");
    clock.advance(120_000);
    const deletes = ids.flatMap((id) =>
      Array.from({ length: N }, () => ({ method: "DELETE", target: `/v1.0/1234/backups/${id}`, headers: [DEMO] })),
    );
    const requestedAt = clock.now();
    const answers = await race(deletes);
    for (const [index, id] of ids.entries()) {
      const mine = answers.slice(index * N, (index + 1) * N);
      expect(count(mine, 202), id).toBe(N);
      // The deletion is under way, to end after the documented phase.
      expect(sandbox.cloudDatabases.backups.get(id)?.goneAt, id).toBe(requestedAt + sandbox.config.backupPhaseSeconds.deleting * 1000);
    }
    clock.advance(sandbox.config.backupPhaseSeconds.deleting * 1000);
    const after = await race(deletes);
    for (const [index, id] of ids.entries()) {
      expect(count(after.slice(index * N, (index + 1) * N), 404), id).toBe(N);
      expect(sandbox.cloudDatabases.backups.has(id)).toBe(false);
    }
  });

  it("N creates on each of two instances and an HA group: exactly one backup each (one at a time), the others 422", async () => {
    const sources = [...INSTANCES.map((instance) => ({ instance })), { instance: null, source: { type: "ha", id: HA } }];
    const before = sandbox.cloudDatabases.backups.size;
    const answers = await race(sources.flatMap((source) => Array.from({ length: N }, (_, index) => createBackup(source, `race ${index}`))));
    for (const [index, source] of sources.entries()) {
      const mine = answers.slice(index * N, (index + 1) * N);
      expect([count(mine, 202), count(mine, 422)], JSON.stringify(source)).toEqual([1, N - 1]);
    }
    expect(sandbox.cloudDatabases.backups.size).toBe(before + sources.length);
  });

  it("incrementals made while their parent is deleted: none outlives its parent", async () => {
    const parent = (await race([createBackup({ instance: INSTANCES[0] }, "parent")]))[0]!;
    const parentId = (JSON.parse(parent.body) as { backup: { id: string } }).backup.id;
    clock.advance(120_000);
    const requests: RawRequestOptions[] = [];
    for (let index = 0; index < N; index++) {
      requests.push(createBackup({ instance: INSTANCES[0], parent_id: parentId }, `child ${index}`));
      if (index % 4 === 0) requests.push({ method: "DELETE", target: `/v1.0/1234/backups/${parentId}`, headers: [DEMO] });
    }
    const answers = await race(requests);
    expect(count(answers, 202)).toBeGreaterThanOrEqual(1);
    for (const backup of sandbox.cloudDatabases.backups.values()) {
      if (backup.parentId !== null && backup.source.id === INSTANCES[0])
        expect(sandbox.cloudDatabases.backups.has(backup.parentId), `${backup.id}'s parent`).toBe(true);
    }
  });

  it("N deletes of one schedule, N disables of one Z.com backup, N enables on one VM: exactly one success each", async () => {
    const schedule = [...sandbox.cloudDatabases.schedules.keys()][0]!;
    const zcomBackup = [...sandbox.zcomCompute.backups.values()].find((backup) => backup.tenant === TENANT)!.id;
    const freeVm = "53235-4ioifjw-32423423";
    const answers = await race([
      ...Array.from({ length: N }, () => ({ method: "DELETE", target: `/v1.0/1234/schedules/${schedule}`, headers: [DEMO] })),
      ...Array.from({ length: N }, () => ({ method: "DELETE", target: `/v2/${TENANT}/backup/${zcomBackup}`, headers: [DEMO] })),
      ...Array.from({ length: N }, () => ({
        method: "POST",
        target: `/v2/${TENANT}/backup`,
        headers: [DEMO, JSON_TYPE],
        body: JSON.stringify({ backup: { instance_id: freeVm } }),
      })),
    ]);
    expect([count(answers.slice(0, N), 202), count(answers.slice(0, N), 404)]).toEqual([1, N - 1]);
    expect([count(answers.slice(N, 2 * N), 204), count(answers.slice(N, 2 * N), 404)]).toEqual([1, N - 1]);
    expect([count(answers.slice(2 * N), 201), count(answers.slice(2 * N), 400)]).toEqual([1, N - 1]);
  });
});
