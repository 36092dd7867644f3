// Type tests of the error bodies, checked by `tsc --noEmit` in `npm test`: each documented fault has its
// own schema, so the generated types tell a 404 from a 422 and a misspelt fault name does not compile.
// Every `@ts-expect-error` fails the type check if its line ever compiles.
import { expectTypeOf } from "vitest";
import type { paths as CloudDatabasesPaths } from "../../generated/cloud-databases/schema.js";
import type { paths as ZcomPaths } from "../../generated/zcom-compute/schema.js";
import { createCloudDatabasesClient } from "../../src/clients/cloud-databases.js";
import { createZcomComputeClient } from "../../src/clients/zcom-compute.js";

type ShowBackup = CloudDatabasesPaths["/{accountId}/backups/{backupId}"]["get"]["responses"];
type DeleteBackup = CloudDatabasesPaths["/{accountId}/backups/{backupId}"]["delete"]["responses"];
type ShowZcomBackup = ZcomPaths["/{tenant_id}/backup/{backup_id}"]["get"]["responses"];
type Body<R> = R extends { content: { "application/json": infer B } } ? B : never;

const detail = { code: 404, message: "The resource could not be found." };

export function eachStatusHasItsFault(): void {
  const notFound: Body<ShowBackup[404]> = { itemNotFound: detail };
  expectTypeOf(notFound.itemNotFound.message).toEqualTypeOf<string>();
  // @ts-expect-error: a 404's body is itemNotFound, not unprocessableEntity.
  const wrongFault: Body<ShowBackup[404]> = { unprocessableEntity: detail };
  // @ts-expect-error: a 404's body has no unprocessableEntity to read.
  notFound.unprocessableEntity;
  const unprocessable: Body<DeleteBackup[422]> = { unprocessableEntity: { code: 422, message: "running" } };
  // @ts-expect-error: a 422's body is unprocessableEntity, not itemNotFound.
  const swapped: Body<DeleteBackup[422]> = { itemNotFound: detail };
  void wrongFault;
  void swapped;
  void unprocessable;
}

export function badRequestHasTwoShapes(): void {
  const fault: Body<ShowBackup[400]> = { badRequest: { code: 400, message: "Invalid input" } };
  const http: Body<ShowBackup[400]> = { code: "400 Bad Request", title: "Bad Request", message: "Malformed request body" };
  // @ts-expect-error: the HTTP layer's code is the status line, a string.
  const numeric: Body<ShowBackup[400]> = { code: 400, title: "Bad Request", message: "Malformed request body" };
  void fault;
  void http;
  void numeric;
}

export async function narrowingTheErrorOfACall(): Promise<void> {
  const db = createCloudDatabasesClient({ baseUrl: "http://127.0.0.1:4010", authToken: "token" });
  const { error } = await db.GET("/{accountId}/backups/{backupId}", {
    params: { path: { accountId: "1234", backupId: "0c1b5616-fdc5-45ae-b2dc-6f1440d55d0e" } },
  });
  if (error && "itemNotFound" in error) {
    expectTypeOf(error.itemNotFound.code).toEqualTypeOf<number>();
    // @ts-expect-error: a misspelt fault name does not compile.
    error.itemNotFund;
  }
  if (error && "title" in error) expectTypeOf(error.code).toEqualTypeOf<string>();
}

export async function zcomFaults(): Promise<void> {
  const unauthorized: Body<ShowZcomBackup[401]> = { error: { code: 401, title: "Unauthorized", message: "no token" } };
  // @ts-expect-error: Keystone's 401 names no fault, it is `error`, and carries a title.
  const novaStyle: Body<ShowZcomBackup[401]> = { unauthorized: detail };
  void unauthorized;
  void novaStyle;
  const compute = createZcomComputeClient({ baseUrl: "http://127.0.0.1:4011", authToken: "token" });
  const { error } = await compute.GET("/{tenant_id}/backup/{backup_id}", { params: { path: { tenant_id: "t", backup_id: "b" } } });
  if (error && "itemNotFound" in error) expectTypeOf(error.itemNotFound.message).toEqualTypeOf<string>();
  // @ts-expect-error: without narrowing, no one fault name can be read.
  error?.itemNotFound;
}
