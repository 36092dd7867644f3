import type { FastifyInstance, FastifyRequest } from "fastify";
import { ApiError, forbidden, unauthorized } from "../api-error.js";
import { type Clock, LATEST_TIME } from "../clock.js";
import type { CloudDatabasesStore } from "../cloud-databases/store.js";
import { grantOf, type SandboxConfig, type TokenGrant } from "../config.js";

interface ControlDependencies {
  readonly clock: Clock;
  readonly reset: () => void;
  /** Back to the documented data for these accounts only. */
  readonly resetAccounts: (grant: TokenGrant) => void;
  readonly cloudDatabases: CloudDatabasesStore;
  readonly config: SandboxConfig;
}

const MAX_ADVANCE_SECONDS = 315_576_000;

/** Who calls a control route: the sandbox's admin, or a tenant (the accounts its token owns). */
type Caller = { readonly admin: true } | { readonly admin: false; readonly grant: TokenGrant };

/**
 * The caller of a control route, by its X-Auth-Token: the admin token or a tenant's token; anything
 * else is a 401.
 */
function callerOf(request: FastifyRequest, config: SandboxConfig): Caller {
  const token = request.headers["x-auth-token"];
  if (token === config.adminToken) return { admin: true };
  const grant = grantOf(config, token);
  if (grant) return { admin: false, grant };
  throw unauthorized(
    "The sandbox's control routes need an X-Auth-Token: the admin token (printed at start) for the whole sandbox, or a tenant's token for its own accounts.",
  );
}

/**
 * The sandbox's own endpoints under /_sandbox, outside both APIs: reset the data, read or advance the
 * simulated clock, delete an instance (to see its backups outlive it). What changes the sandbox for
 * everyone (a whole reset, the clock) needs the admin token; a tenant's token resets only its own
 * accounts. Their bodies are a field or two, so they are checked inline rather than through a spec.
 */
export function registerControlRoutes(app: FastifyInstance, deps: ControlDependencies): void {
  const clockBody = () => ({ now: new Date(deps.clock.now()).toISOString() });
  app.post("/_sandbox/reset", async (request, reply) => {
    const caller = callerOf(request, deps.config);
    if (caller.admin) deps.reset();
    else deps.resetAccounts(caller.grant);
    return reply.code(204).send();
  });
  app.get("/_sandbox/clock", async () => clockBody());
  app.post("/_sandbox/clock", async (request) => {
    if (!callerOf(request, deps.config).admin) throw forbidden("Only the admin token may move the clock: it moves for every account.");
    const seconds = (request.body as { advanceSeconds?: unknown } | undefined)?.advanceSeconds;
    // At most ten years a call, and never past the clock's end (see LATEST_TIME).
    if (typeof seconds !== "number" || !(seconds >= 0 && seconds <= MAX_ADVANCE_SECONDS))
      throw new ApiError(400, 'Send {"advanceSeconds": <a number of seconds, 0 to 315576000 (ten years)>}.');
    const latest = new Date(LATEST_TIME).toISOString();
    if (deps.clock.now() + seconds * 1000 > LATEST_TIME)
      throw new ApiError(
        400,
        `The clock stops at ${latest}: it is ${new Date(deps.clock.now()).toISOString()}, so at most ${Math.floor((LATEST_TIME - deps.clock.now()) / 1000)} more seconds.`,
      );
    deps.clock.advance(seconds * 1000);
    return clockBody();
  });
  app.delete<{ Params: { accountId: string; instanceId: string } }>(
    "/_sandbox/cloud-databases/:accountId/instances/:instanceId",
    async (request, reply) => {
      const caller = callerOf(request, deps.config);
      if (!caller.admin && caller.grant.cloudDatabasesAccount !== request.params.accountId)
        throw forbidden(`This token does not own account ${request.params.accountId}.`);
      deps.cloudDatabases.deleteInstance(request.params.accountId, request.params.instanceId);
      return reply.code(204).send();
    },
  );
}
