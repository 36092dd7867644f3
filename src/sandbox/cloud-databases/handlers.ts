import { badRequest } from "../api-error.js";
import type { SandboxConfig } from "../config.js";
import type { HandlerResult, OperationHandler, RequestContext } from "../http/handler.js";
import type { BackupRecord } from "./model.js";
import type { CloudDatabasesStore } from "./store.js";
import { backupView, haView, restoredInstanceView, scheduleView } from "./views.js";

/** One handler per operationId of the Cloud Databases spec. */
export function cloudDatabasesHandlers(store: CloudDatabasesStore, config: SandboxConfig): Record<string, OperationHandler> {
  const listed = (context: RequestContext, backups: BackupRecord[]): HandlerResult => {
    const limit = Math.min(Number(context.query.limit ?? config.pageSize), config.pageSize);
    const marker = context.query.marker === undefined ? 0 : Number(context.query.marker);
    if (!Number.isInteger(marker) || marker < 0)
      throw badRequest(`Validation error: query parameter marker "${context.query.marker}" is not a marker this server issued.`);
    const page = backups.slice(marker, marker + limit);
    const body: Record<string, unknown> = {
      backups: page.map((backup) => backupView(backup, store.now(), config, "integer", store.region)),
    };
    // Trove (`_paginate`, PaginatedDataView) links every full page, even when nothing follows: the
    // request's own URL with its marker moved to the end.
    if (page.length === limit) {
      const next = new URL(context.url);
      next.searchParams.delete("marker");
      next.searchParams.append("marker", String(marker + limit));
      body.links = [{ href: next.toString(), rel: "next" }];
    }
    return { status: 200, body };
  };
  const scheduleBody = (schedule: Parameters<typeof scheduleView>[0]) =>
    scheduleView(schedule, store.nextRun(schedule), store.scheduleIsRunning(schedule));

  return {
    listBackups: (context) => {
      if (context.query.datastore !== undefined) store.requireDatastore(String(context.query.datastore));
      return listed(
        context,
        store.listBackups(context.account, {
          ...(context.query.datastore !== undefined ? { datastore: String(context.query.datastore) } : {}),
          ...(context.query.instance_id !== undefined ? { instanceId: String(context.query.instance_id) } : {}),
        }),
      );
    },
    listInstanceBackups: (context) => {
      // Trove loads the instance first: once deleted, its backups are only in the account's list.
      const instance = store.getInstance(context.account, context.path.instanceId!);
      return listed(context, store.listBackups(context.account, { instanceId: instance.id }));
    },
    listHaInstanceBackups: (context) => {
      store.getHa(context.account, context.path.haId!);
      return listed(context, store.listBackups(context.account, { haId: context.path.haId! }));
    },
    createBackup: (context) => {
      const backup = store.createBackup(context.account, context.body.backup);
      // As created (NEW), even if the clock has moved on while the request was handled.
      return { status: 202, body: { backup: backupView(backup, backup.createdAt, config, "boolean", store.region) } };
    },
    showBackup: (context) => ({
      status: 200,
      body: { backup: backupView(store.getBackup(context.account, context.path.backupId!), store.now(), config, "integer", store.region) },
    }),
    deleteBackup: (context) => {
      store.deleteBackup(context.account, context.path.backupId!);
      return { status: 202 };
    },
    restoreBackup: (context) => {
      const instance = store.restore(context.account, context.body.instance);
      return { status: 200, body: { instance: restoredInstanceView(instance, store.now(), context.baseUrl) } };
    },
    showHaInstance: (context) => {
      const ha = store.getHa(context.account, context.path.haId!);
      return { status: 200, body: { ha_instance: haView(ha, store.haIsBackingUp(ha)) } };
    },
    createSchedule: (context) => ({
      status: 202,
      body: { schedule: scheduleBody(store.createSchedule(context.account, context.body.schedule)) },
    }),
    listSchedules: (context) => ({ status: 200, body: { schedules: store.listSchedules(context.account).map(scheduleBody) } }),
    showSchedule: (context) => ({
      status: 200,
      body: { schedule: scheduleBody(store.getSchedule(context.account, context.path.scheduleId!)) },
    }),
    updateSchedule: (context) => {
      store.updateSchedule(context.account, context.path.scheduleId!, context.body.schedule);
      return { status: 202 };
    },
    deleteSchedule: (context) => {
      store.deleteSchedule(context.account, context.path.scheduleId!);
      return { status: 202 };
    },
    copyBackup: (context) => {
      store.copyBackup(context.account, context.path.backupId!, context.body["copy-backup"]);
      return { status: 202 };
    },
  };
}
