import { createServer, type Server } from "node:http";
import { DEFAULT_CONFIG, resolveAdminToken } from "../sandbox/config.js";
import { clientErrorHandler, guardServer, limitServer, serverOptions } from "../sandbox/http/transport.js";
import { createSandbox, type Sandbox, type SandboxOptions } from "../sandbox/server.js";

export interface SandboxHost {
  readonly server: Server;
  /** The admin token of /_sandbox/reset and /_sandbox/clock: the same across restarts. */
  readonly adminToken: string;
  /** A new sandbox from the bundles in generated/ now, answering on the same port; the old one's data is gone. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The sandbox behind a port that stays open across restarts: this server owns the socket and hands each
 * request to the current sandbox's Fastify router (`app.routing`). A restart builds the new sandbox
 * first, so a bundle it cannot serve (a new operation without a handler) leaves the old one answering,
 * and no request meets a closed port meanwhile.
 */
export async function createSandboxHost(given: SandboxOptions = {}): Promise<SandboxHost> {
  // Chosen once, so that a restart on a fresh bundle does not change the token the user was shown.
  const adminToken = resolveAdminToken(given.config?.adminToken, given.config?.tokens ?? DEFAULT_CONFIG.tokens);
  const options: SandboxOptions = { ...given, config: { ...given.config, adminToken } };
  let current = await readySandbox(options);
  // The same limits and refusals as the sandbox's own server (src/sandbox/http/transport.ts): this one replaces it.
  const limits = current.config;
  const server = createServer(serverOptions(limits), (request, response) => current.app.routing(request, response));
  limitServer(server, limits);
  server.on("clientError", clientErrorHandler(limits));
  guardServer(server);
  return {
    server,
    adminToken,
    async restart() {
      const next = await readySandbox(options);
      const previous = current;
      current = next;
      await previous.close();
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await current.close();
    },
  };
}

async function readySandbox(options: SandboxOptions): Promise<Sandbox> {
  const sandbox = createSandbox(options);
  await sandbox.app.ready();
  return sandbox;
}
