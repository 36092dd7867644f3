import type { FastifyInstance } from "fastify";
import { ApiError, unauthorized } from "../api-error.js";
import type { Clock } from "../clock.js";
import type { CloudDatabasesStore } from "../cloud-databases/store.js";
import { grantOf, type SandboxConfig } from "../config.js";

interface ControlDependencies {
  readonly clock: Clock;
  readonly reset: () => void;
  readonly cloudDatabases: CloudDatabasesStore;
  readonly config: SandboxConfig;
}

const MAX_ADVANCE_SECONDS = 315_576_000;
const LATEST_TIME = Date.UTC(9999, 0, 1);

/**
 * The sandbox's own endpoints under /_sandbox, outside both APIs: reset the data, read or advance the
 * simulated clock, delete an instance (to see its backups outlive it). Their bodies are two fields, so
 * they are checked inline rather than through a spec.
 */
export function registerControlRoutes(app: FastifyInstance, deps: ControlDependencies): void {
  const clockBody = () => ({ now: new Date(deps.clock.now()).toISOString() });
  app.post("/_sandbox/reset", async (_request, reply) => {
    deps.reset();
    return reply.code(204).send();
  });
  app.get("/_sandbox/clock", async () => clockBody());
  app.post("/_sandbox/clock", async (request) => {
    const seconds = (request.body as { advanceSeconds?: unknown } | undefined)?.advanceSeconds;
    // Past year 9999 a timestamp has no four-digit year (every later answer was a 500), and the
    // schedules run every simulated day in between: at most ten years a call.
    if (
      typeof seconds !== "number" ||
      !(seconds >= 0 && seconds <= MAX_ADVANCE_SECONDS) ||
      deps.clock.now() + seconds * 1000 > LATEST_TIME
    ) {
      throw new ApiError(400, 'Send {"advanceSeconds": <a number of seconds, 0 to 315576000 (ten years)>}; the clock stops at 9999-01-01.');
    }
    deps.clock.advance(seconds * 1000);
    return clockBody();
  });
  app.delete<{ Params: { accountId: string; instanceId: string } }>(
    "/_sandbox/cloud-databases/:accountId/instances/:instanceId",
    async (request, reply) => {
      const token = request.headers["x-auth-token"];
      const grant = grantOf(deps.config, token);
      if (!grant || grant.cloudDatabasesAccount !== request.params.accountId) throw unauthorized();
      deps.cloudDatabases.deleteInstance(request.params.accountId, request.params.instanceId);
      return reply.code(204).send();
    },
  );
}
