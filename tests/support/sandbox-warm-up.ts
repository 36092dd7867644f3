// Valid request cases written by hand, and a warm-up that gives a freshly reset sandbox things the
// documented examples do not have: backups made through the API (full and incremental, instance and HA),
// a restored instance, an enabled Z.com backup with runs, and a schedule that has run.
import type { ApiId } from "../../src/apis.js";
import { type BodyCase, IdRef, type RequestCase, type RequestRunner, type Segment, type SentRequest } from "./sandbox-requests.js";

export const INSTANCE = "d4603f69-ec7e-4e9b-803f-600b9205576f";
export const HA = "130922a2-b9ab-4e95-86be-9c5d79171b5e";
export const COMPLETED_BACKUP = "d9f56b04-e17d-41f0-ae92-30a3b47b8d29";
export const FREE_VM = "53235-4ioifjw-32423423";

/** A request with the demo token on the demo account's path, no flaws. */
export function validCase(
  api: ApiId,
  operationId: string,
  method: string,
  init: { ids?: Record<string, string | IdRef>; body?: unknown; query?: Record<string, string>; advanceSeconds?: number } = {},
): RequestCase {
  const ids: Record<string, Segment> = {};
  for (const [name, value] of Object.entries(init.ids ?? {})) {
    ids[name] = value instanceof IdRef ? { kind: "ref", ref: value } : { kind: "raw", raw: encodeURIComponent(value), label: "given" };
  }
  const body: BodyCase =
    init.body === undefined ? { kind: "none" } : { kind: "json", value: init.body, contentType: "application/json", label: "valid" };
  return {
    api,
    operationId,
    method,
    token: "demo",
    account: "own",
    ids,
    query: Object.entries(init.query ?? {}).map(([name, raw]) => ({ name, raw: encodeURIComponent(raw), invalid: false })),
    body,
    host: undefined,
    advanceSeconds: init.advanceSeconds ?? 0,
  };
}

/** Sends a case that must be answered without problems; returns the answer. */
export async function sendClean(runner: RequestRunner, requestCase: RequestCase): Promise<SentRequest> {
  const sent = await runner.send(requestCase);
  if (sent.problems.length > 0) throw new Error(`${requestCase.operationId}: ${sent.problems.join("; ")}`);
  return sent;
}

export async function warmUp(runner: RequestRunner): Promise<void> {
  const create = (backup: Record<string, unknown>, advanceSeconds = 0) =>
    sendClean(runner, validCase("cloud-databases", "createBackup", "POST", { body: { backup }, advanceSeconds }));
  const full = await create({ name: "warm-up full", instance: INSTANCE });
  await create({ name: "warm-up other", instance: "34d6c8bf-539e-47d1-8a06-2b7590521309" });
  await create({ name: "warm-up ha", instance: null, source: { type: "ha", id: HA } });
  const parentId = (full.body as { backup: { id: string } }).backup.id;
  await create({ name: "warm-up incremental", instance: INSTANCE, parent_id: parentId }, 120);
  await sendClean(
    runner,
    validCase("cloud-databases", "restoreBackup", "POST", {
      body: { instance: { name: "warm-up restore", flavorRef: 1, volume: { size: 2 }, restorePoint: { backupRef: COMPLETED_BACKUP } } },
      advanceSeconds: 120,
    }),
  );
  await sendClean(runner, validCase("zcom-compute", "enableZcomBackup", "POST", { body: { backup: { instance_id: FREE_VM } } }));
  // Two simulated days: Z.com runs exist, the documented schedule has run.
  await sendClean(runner, validCase("zcom-compute", "listZcomBackups", "GET", { advanceSeconds: 2 * 86_400 + 3_600 }));
  await sendClean(runner, validCase("cloud-databases", "listBackups", "GET"));
}

/**
 * Keeps a few things around for operations that use them up (deleting schedules, disabling Z.com
 * backups, enabling backup for a VM that has none): without it, after the first success every further
 * request of such an operation would meet a 404 or 400 and exercise nothing else.
 */
export async function replenish(runner: RequestRunner, operationId: string): Promise<void> {
  const zcom = runner.sandbox.zcomCompute;
  const freeVms = () => {
    const used = new Set([...zcom.backups.values()].map((backup) => backup.instanceId));
    return runner.pool("vm").filter((vm) => !used.has(vm));
  };
  if (["showSchedule", "updateSchedule", "deleteSchedule"].includes(operationId) && runner.pool("schedule").length < 2) {
    const restored = await sendClean(
      runner,
      validCase("cloud-databases", "restoreBackup", "POST", {
        body: { instance: { name: "replenish", flavorRef: 1, volume: { size: 2 }, restorePoint: { backupRef: COMPLETED_BACKUP } } },
      }),
    );
    const instance = (restored.body as { instance: { id: string } }).instance.id;
    await sendClean(
      runner,
      validCase("cloud-databases", "createSchedule", "POST", {
        body: { schedule: { action: "backup", day_of_week: 3, hour: 2, minute: 15, instance_id: instance } },
      }),
    );
  }
  if (["showZcomBackup", "disableZcomBackup", "createZcomBackupImage"].includes(operationId)) {
    for (const vm of freeVms().slice(0, Math.max(0, 3 - runner.pool("zcomBackup").length))) {
      await sendClean(runner, validCase("zcom-compute", "enableZcomBackup", "POST", { body: { backup: { instance_id: vm } } }));
    }
  }
  if (operationId === "enableZcomBackup" && freeVms().length === 0) {
    const backups = runner.pool("zcomBackup");
    await sendClean(runner, validCase("zcom-compute", "disableZcomBackup", "DELETE", { ids: { backup_id: backups[backups.length - 1]! } }));
  }
}
