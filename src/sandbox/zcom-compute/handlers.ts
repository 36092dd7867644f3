import type { OperationHandler } from "../http/handler.js";
import { isoSeconds } from "../ids.js";
import type { ZcomBackupRecord, ZcomComputeStore } from "./store.js";

/** One handler per operationId of the Z.com spec. */
export function zcomComputeHandlers(store: ZcomComputeStore): Record<string, OperationHandler> {
  const view = (backup: ZcomBackupRecord) => ({ instance_id: backup.instanceId, id: backup.id, backupruns: store.runs(backup) });
  return {
    listZcomBackups: (context) => ({ status: 200, body: { backup: store.list(context.account).map(view) } }),
    // The page shows one backup as a one-element array; the sandbox answers in that documented shape.
    showZcomBackup: (context) => ({ status: 200, body: { backup: [view(store.get(context.account, context.path.backup_id!))] } }),
    enableZcomBackup: (context) => {
      const backup = store.enable(context.account, context.body.backup.instance_id);
      return { status: 201, body: { backup: { instance_id: backup.instanceId, created_at: isoSeconds(backup.createdAt), id: backup.id } } };
    },
    disableZcomBackup: (context) => {
      store.disable(context.account, context.path.backup_id!);
      return { status: 204 };
    },
    createZcomBackupImage: (context) => {
      const { backuprun_id, image_name } = context.body.createImage;
      store.createImage(context.account, context.path.backup_id!, backuprun_id, image_name);
      return { status: 202 };
    },
  };
}
