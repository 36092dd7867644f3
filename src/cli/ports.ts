/**
 * Ports given on the command line: a number check, and a port already in use told in one line that
 * names the option or variable to change, instead of an EADDRINUSE stack trace.
 */
import { createServer } from "node:net";
import { usageError } from "./command-line.js";

/** Where a port comes from, for the advice: `pass --port or set SANDBOX_PORT`. */
export interface PortSource {
  readonly flag: string;
  readonly env?: string;
}

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    source: PortSource,
    what?: string,
  ) {
    super(
      `port ${port}${what ? ` (${what})` : ""} is in use: pass ${source.flag}${source.env ? ` or set ${source.env}` : ""}, or stop what listens there`,
    );
    this.name = "PortInUseError";
  }
}

export const isAddressInUse = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === "EADDRINUSE";

/** The port an option names, or one line and exit 2 when it is not a port number. */
export function readPort(command: string, source: PortSource, text: string | undefined): number {
  const port = Number(text);
  if (text === undefined || text.trim() === "" || !Number.isInteger(port) || port < 0 || port > 65535) {
    usageError(`${command}: ${source.flag} must be a port number from 0 to 65535, not "${text ?? ""}"`);
  }
  return port;
}

/**
 * Fails with PortInUseError when something already listens on host:port. For servers this process
 * does not open itself (Prism runs as a child, and says so only in its own log), and for checking
 * every port of a command before it spends time building. Port 0 (any free port) is always free.
 */
export async function ensurePortFree(port: number, host: string, source: PortSource, what?: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error) => reject(isAddressInUse(error) ? new PortInUseError(port, source, what) : error));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** Runs `listen`, turning EADDRINUSE into PortInUseError. */
export async function listenOn<T>(listen: () => Promise<T>, port: number, source: PortSource, what?: string): Promise<T> {
  try {
    return await listen();
  } catch (error) {
    throw isAddressInUse(error) ? new PortInUseError(port, source, what) : error;
  }
}

/**
 * What a server script does with an error it cannot go on after: a port in use is one line, anything
 * else its message; both exit 1.
 */
export function exitWithError(command: string, error: unknown): never {
  if (error instanceof PortInUseError) console.error(`${command}: ${error.message}`);
  else console.error(`${command}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
