// Concurrent requests over real HTTP: waves of 200 requests at once in one account, creates (full and
// incremental, instances and an HA group) mixed with deletes (of documented backups, of backups the waves
// made, of parents while their incrementals are being made, twice over), the clock moved between waves.
// Afterwards the account's backups are what the answers say: every create that got 202 is there unless
// it or an ancestor was deleted (202), nothing else; a delete stopped by a running incremental (422
// naming it) may have deleted the incrementals it met before that one, and only those; no incremental
// without its parent; every answer documented, no 5xx; and account 5678 sees none of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APIS } from "../../src/apis.js";
import { type CloudDatabasesClient, createCloudDatabasesClient } from "../../src/clients/cloud-databases.js";
import { ManualClock } from "../../src/sandbox/clock.js";
import { DEMO_TOKEN, OTHER_DEMO_TOKEN } from "../../src/sandbox/config.js";
import { createSandbox } from "../../src/sandbox/server.js";
import { loadBundle } from "../../src/spec/load-bundle.js";
import { createResponseOracle } from "../support/response-oracle.js";

const ACCOUNT = "1234";
const OTHER_ACCOUNT = "5678";
const HA = "130922a2-b9ab-4e95-86be-9c5d79171b5e";
const WAVE = 200;
const RESTORED_INSTANCES = 40;

const clock = new ManualClock();
const sandbox = createSandbox({ clock, config: { validateResponses: true } });
const oracle = createResponseOracle(loadBundle(APIS.find((api) => api.id === "cloud-databases")!));
let baseUrl = "";
const client = (token: string): CloudDatabasesClient => createCloudDatabasesClient({ baseUrl, authToken: token });

beforeAll(async () => {
  baseUrl = `${await sandbox.listen(0, "127.0.0.1")}/v1.0`;
});
afterAll(async () => {
  await sandbox.close();
});

interface Outcome {
  readonly operationId: string;
  readonly status: number;
  readonly body: unknown;
}
const outcomes: Outcome[] = [];

/** Awaits a client call and keeps its status and body for the spec check at the end. */
async function recorded<T extends { response: Response; data?: unknown; error?: unknown }>(
  operationId: string,
  call: Promise<T>,
): Promise<T> {
  const result = await call;
  outcomes.push({ operationId, status: result.response.status, body: result.response.ok ? result.data : result.error });
  return result;
}

interface Listed {
  readonly id: string;
  readonly parent_id: string | null;
}

/** Every backup of an account, following the `next` links. */
async function listAll(token: string, accountId: string): Promise<Listed[]> {
  const db = client(token);
  const listed: Listed[] = [];
  let query: { limit?: number; marker?: string } = {};
  for (let page = 0; page < 1_000; page++) {
    const { data, response } = await recorded("listBackups", db.GET("/{accountId}/backups", { params: { path: { accountId }, query } }));
    expect(response.status).toBe(200);
    listed.push(...data!.backups.map((backup) => ({ id: backup.id, parent_id: backup.parent_id })));
    const next = data!.links?.find((link) => link.rel === "next");
    if (!next) return listed;
    const params = new URL(next.href).searchParams;
    const limit = params.get("limit");
    query = { ...(limit === null ? {} : { limit: Number(limit) }), marker: params.get("marker")! };
  }
  throw new Error("the next links never end");
}

/** What the answers say happened: backups made (with their parents) and backups deleted. */
class Ledger {
  readonly parents = new Map<string, string | null>();
  readonly created: string[] = [];
  /** Backups a delete accepted (202), and in which wave. */
  readonly deleted = new Map<string, number>();
  /** Deletes that a running incremental stopped (422 naming it). */
  readonly stopped: { readonly root: string; readonly running: string }[] = [];
  constructor(initial: readonly Listed[]) {
    for (const backup of initial) this.parents.set(backup.id, backup.parent_id);
  }
  /** The backup and its ancestors, nearest first. */
  lineage(id: string): string[] {
    const line: string[] = [];
    for (let current: string | null | undefined = id; current; current = this.parents.get(current)) line.push(current);
    return line;
  }
  /** Deleted itself, or an ancestor was: deleting a backup deletes its incrementals. */
  removed(id: string): boolean {
    return this.lineage(id).some((current) => this.deleted.has(current));
  }
  /**
   * Perhaps deleted by a stopped delete: an incremental under its root that is neither the running one nor
   * on the way to it (those it met first, in an order the answers do not tell).
   */
  mayBeRemoved(id: string): boolean {
    return this.stopped.some(({ root, running }) => {
      const line = this.lineage(id);
      return line.includes(root) && id !== root && !this.lineage(running).includes(id);
    });
  }
}

const shuffle = <T>(items: T[], seed: number): T[] => {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
  return items;
};

describe("200 concurrent requests at a time in one account", () => {
  it("leave exactly the backups the answers account for, with no orphans, documented answers only, invisible to another account", async () => {
    const db = client(DEMO_TOKEN);
    const path = { accountId: ACCOUNT };
    const initial = await listAll(DEMO_TOKEN, ACCOUNT);
    const ledger = new Ledger(initial);

    // Sources: the documented instances, the HA group, and instances restored from completed backups.
    const restores = await Promise.all(
      Array.from({ length: RESTORED_INSTANCES }, (_, index) =>
        recorded(
          "restoreBackup",
          db.POST("/{accountId}/instances", {
            params: { path },
            body: {
              instance: {
                name: `restored-${index}`,
                flavorRef: 1,
                volume: { size: 2 },
                restorePoint: { backupRef: ["d9f56b04-e17d-41f0-ae92-30a3b47b8d29", "c6bbca39-e530-41f3-b073-03144dea04e3"][index % 2]! },
              },
            },
          }),
        ),
      ),
    );
    const restored = restores.map((result) => result.data!.instance.id);
    const sources: { type: "instance" | "ha"; id: string }[] = [
      ...new Set(
        [...sandbox.cloudDatabases.instances.values()].filter((instance) => instance.account === ACCOUNT).map((instance) => instance.id),
      ),
    ].map((id) => ({ type: "instance" as const, id }));
    sources.push({ type: "ha", id: HA });
    expect(sources.length).toBeGreaterThanOrEqual(RESTORED_INSTANCES + 2);
    expect(new Set(restored).size).toBe(RESTORED_INSTANCES);

    let creates = 0;
    let wave = 1;
    const sourceOf = new Map<string, string>();
    const createOne = async (source: { type: "instance" | "ha"; id: string }, name: string, parentId?: string) => {
      const backup =
        source.type === "ha"
          ? { name, instance: null, source: { type: "ha" as const, id: source.id }, ...(parentId ? { parent_id: parentId } : {}) }
          : { name, instance: source.id, ...(parentId ? { parent_id: parentId } : {}) };
      const result = await recorded("createBackup", db.POST("/{accountId}/backups", { params: { path }, body: { backup } }));
      if (result.response.status === 202) {
        const created = result.data!.backup;
        creates++;
        ledger.created.push(created.id);
        ledger.parents.set(created.id, created.parent_id);
        sourceOf.set(created.id, source.id);
        expect(created.parent_id).toBe(parentId ?? null);
      }
      return { source: source.id, status: result.response.status };
    };
    const deleteOne = async (backupId: string) => {
      const result = await recorded(
        "deleteBackup",
        db.DELETE("/{accountId}/backups/{backupId}", { params: { path: { accountId: ACCOUNT, backupId } } }),
      );
      if (result.response.status === 202) {
        // Deletion is asynchronous: a second delete before it has run (same wave, same clock) is accepted too.
        const before = ledger.deleted.get(backupId);
        expect(before === undefined || before === wave, `${backupId} deleted again in a later wave`).toBe(true);
        ledger.deleted.set(backupId, wave);
      }
      if (result.response.status === 422) {
        const running = /^Backup (\S+) cannot be deleted because it is running\.$/.exec(
          (result.error as { unprocessableEntity: { message: string } }).unprocessableEntity.message,
        )?.[1];
        expect(running, JSON.stringify(result.error)).toBeDefined();
        expect(ledger.lineage(running!), `${running} is ${backupId} or one of its incrementals`).toContain(backupId);
        ledger.stopped.push({ root: backupId, running: running! });
      }
      return result.response.status;
    };

    // Wave 1: two full creates per source (one of each pair must be refused: one backup at a time),
    // incrementals on documented completed backups, and deletes of documented backups (each twice, a
    // parent and its incremental among them).
    const documentedCompleted = [
      ["e2d3dfca-430f-4cd2-bec0-884cd7426f13", "34d6c8bf-539e-47d1-8a06-2b7590521309"],
      ["5890e1cc-c5ad-460c-baec-cfdaf2ccf796", "c7855b60-2a50-4ed9-8de3-f35f2067fb2a"],
      ["6fdbf0cc-8950-481b-995f-1f041abda2b6", "e84b5d1c-97c9-4aa1-9f0a-dbf867f1087c"],
      ["d9f56b04-e17d-41f0-ae92-30a3b47b8d29", "f4aaba46-fb5f-4316-988d-88da77759968"],
    ] as const;
    const wave1: (() => Promise<unknown>)[] = [];
    for (const [index, source] of sources.entries()) {
      wave1.push(
        () => createOne(source, `wave1-${index}-a`),
        () => createOne(source, `wave1-${index}-b`),
      );
    }
    for (const [parent, instance] of documentedCompleted) {
      for (let copy = 0; copy < 3; copy++)
        wave1.push(() => createOne({ type: "instance", id: instance }, `wave1-incremental-${copy}`, parent));
    }
    wave1.push(() => createOne({ type: "ha", id: HA }, "wave1-ha-incremental", "c6bbca39-e530-41f3-b073-03144dea04e3"));
    for (const id of [
      "0c1b5616-fdc5-45ae-b2dc-6f1440d55d0e",
      "e1cb03fd-c108-4702-a04b-653491e41a91",
      "b3b8ef8b-36a6-4043-9997-701b34a2b805",
      "36d274f5-dfa9-42fc-afee-5f5117a16746",
      "87972694-4be2-40f5-83f8-501656e0032a",
    ]) {
      wave1.push(
        () => deleteOne(id),
        () => deleteOne(id),
      );
    }
    while (wave1.length < WAVE) wave1.push(() => deleteOne(`00000000-0000-4000-8000-${String(wave1.length).padStart(12, "0")}`));
    expect(wave1.length).toBe(WAVE);
    const wave1Results = (await Promise.all(shuffle(wave1, 1).map((run) => run()))) as unknown[];
    // Per source, exactly one create of the wave succeeds: the others find its backup running (422), or
    // a parent deleted under them (404).
    const createdPerSource = new Map<string, number>();
    for (const result of wave1Results) {
      if (typeof result === "object" && result !== null && (result as { status: number }).status === 202) {
        const source = (result as { source: string }).source;
        createdPerSource.set(source, (createdPerSource.get(source) ?? 0) + 1);
      }
    }
    for (const source of sources) expect(createdPerSource.get(source.id), `creates of ${source.id} that succeeded`).toBe(1);

    // Waves 2 and 3, each after the clock has let every running backup complete: incrementals on the
    // previous wave's backups raced against deletes of those same parents, fresh full backups, deletes
    // of what no longer exists.
    for (wave = 2; wave <= 3; wave++) {
      clock.advance(70_000);
      const alive = ledger.created.filter((id) => !ledger.removed(id));
      const runs: (() => Promise<unknown>)[] = [];
      for (const [index, parent] of alive.entries()) {
        const source = sources.find((candidate) => candidate.id === sourceOf.get(parent))!;
        runs.push(() => createOne(source, `wave${wave}-incremental-${index}`, parent));
        if (index % 3 === 0) runs.push(() => deleteOne(parent));
      }
      for (const [index, id] of [...ledger.deleted.keys()].entries()) if (index % 2 === 0) runs.push(() => deleteOne(id));
      for (let index = 0; runs.length < WAVE; index++)
        runs.push(() => createOne(sources[index % sources.length]!, `wave${wave}-full-${index}`));
      await Promise.all(shuffle(runs.slice(0, WAVE), wave).map((run) => run()));
    }

    // The end state, through the API, once the accepted deletions have run.
    clock.advance(sandbox.config.backupPhaseSeconds.deleting * 1000);
    const final = await listAll(DEMO_TOKEN, ACCOUNT);
    const finalIds = new Set(final.map((backup) => backup.id));
    expect(finalIds.size, "a backup is listed twice").toBe(final.length);
    const everything = [...initial.map((backup) => backup.id), ...ledger.created];
    const deletes = ledger.deleted.size;
    const removedWithParents = everything.filter((id) => ledger.removed(id) && !ledger.deleted.has(id)).length;
    const kept = everything.filter((id) => !ledger.removed(id) && !ledger.mayBeRemoved(id));
    const perhaps = everything.filter((id) => !ledger.removed(id) && ledger.mayBeRemoved(id));
    expect(
      [...finalIds].filter((id) => !everything.includes(id)),
      "backups no answer accounts for",
    ).toEqual([]);
    expect(
      everything.filter((id) => ledger.removed(id) && finalIds.has(id)),
      "deleted (202), or under a deleted backup, yet listed",
    ).toEqual([]);
    expect(
      kept.filter((id) => !finalIds.has(id)),
      `gone though no delete reached them (initial ${initial.length}, creates ${creates}, deletes ${deletes})`,
    ).toEqual([]);
    for (const backup of final) if (backup.parent_id !== null) expect(finalIds.has(backup.parent_id), `orphan ${backup.id}`).toBe(true);
    expect(creates).toBeGreaterThan(100);
    expect(deletes).toBeGreaterThan(20);
    expect(removedWithParents).toBeGreaterThan(0);

    // Account 5678 sees none of it: its list is empty of them; its token gets 404 on its own path and
    // 403 on 1234's, for reads and deletes alike; and nothing of 1234 is gone afterwards.
    const other = client(OTHER_DEMO_TOKEN);
    const otherListed = await listAll(OTHER_DEMO_TOKEN, OTHER_ACCOUNT);
    expect(otherListed.filter((backup) => finalIds.has(backup.id) || ledger.parents.has(backup.id))).toEqual([]);
    const probes = await Promise.all(
      final.flatMap((backup) => [
        recorded(
          "showBackup",
          other.GET("/{accountId}/backups/{backupId}", { params: { path: { accountId: OTHER_ACCOUNT, backupId: backup.id } } }),
        ),
        recorded(
          "deleteBackup",
          other.DELETE("/{accountId}/backups/{backupId}", { params: { path: { accountId: OTHER_ACCOUNT, backupId: backup.id } } }),
        ),
        recorded(
          "showBackup",
          other.GET("/{accountId}/backups/{backupId}", { params: { path: { accountId: ACCOUNT, backupId: backup.id } } }),
        ),
        recorded(
          "deleteBackup",
          other.DELETE("/{accountId}/backups/{backupId}", { params: { path: { accountId: ACCOUNT, backupId: backup.id } } }),
        ),
      ]),
    );
    expect(probes.map((probe) => probe.response.status)).toEqual(final.flatMap(() => [404, 404, 403, 403]));
    expect((await listAll(DEMO_TOKEN, ACCOUNT)).map((backup) => backup.id).sort()).toEqual([...finalIds].sort());

    // Every answer: no 5xx, a documented status, a body that matches it; the sandbox saw no violation.
    const problems = outcomes.flatMap((outcome) => {
      const operation = oracle.operations.find((candidate) => candidate.operationId === outcome.operationId)!;
      const problem = outcome.status >= 500 ? `${outcome.status} server error` : oracle.problem(operation, outcome.status, outcome.body);
      return problem ? [`${outcome.operationId}: ${problem}`] : [];
    });
    expect(problems).toEqual([]);
    expect(sandbox.violations).toEqual([]);
    const statuses = outcomes.reduce<Record<string, number>>((counts, outcome) => {
      const key = `${outcome.operationId} ${outcome.status}`;
      counts[key] = (counts[key] ?? 0) + 1;
      return counts;
    }, {});
    console.log(
      `concurrency: ${outcomes.length} requests over HTTP, 5xx: ${outcomes.filter((outcome) => outcome.status >= 500).length}; ` +
        `creates ${creates}, deletes ${deletes}, removed with parents ${removedWithParents}, stopped deletes ${ledger.stopped.length} ` +
        `(${perhaps.filter((id) => !finalIds.has(id)).length} of ${perhaps.length} incrementals they reached deleted), ` +
        `listed ${final.length}; ${JSON.stringify(statuses)}`,
    );
  });
});
