// The long-running commands (`npm start`, `npm run mock`, `npm run docs:serve`) run several services: Prism
// children, their guards, the docs server. They live and die together: Ctrl-C stops them all (exit 0); any
// one ending on its own, failing to start, or an error nobody caught stops all the others, with a message
// naming what happened (exit 1). Children are also tied to this process (tied-child.ts), so not even a
// SIGKILL of it leaves one running.
import type { ChildProcess } from "node:child_process";
import type { Server } from "node:http";

export interface Service {
  readonly name: string;
  /** Settles, with the reason, when the service ends without being asked to. */
  readonly ended: Promise<string>;
  stop(): Promise<void>;
}

export class Supervisor {
  private readonly services: Service[] = [];
  private stopping = false;

  /** `label` starts every message (`start: …`). Installs the signal and error handlers at once. */
  constructor(private readonly label: string) {
    const onSignal = (signal: NodeJS.Signals) => {
      if (this.stopping) process.exit(1);
      console.log(`\n${signal}: stopping…`);
      void this.stopAll(0);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    process.on("uncaughtException", (error) => void this.fail(`unexpected error: ${withStack(error)}`));
    process.on("unhandledRejection", (error) => void this.fail(`unexpected error: ${withStack(error)}`));
  }

  /** Adds a running service; from now on its end stops everything. */
  add(service: Service): void {
    this.services.push(service);
    service.ended.then((reason) => {
      if (!this.stopping) void this.fail(`${service.name} ${reason}`);
    });
  }

  /** Runs `start` (which adds services); if it throws, stops what was started and exits 1. */
  async starting(start: () => Promise<void>): Promise<void> {
    try {
      await start();
    } catch (error) {
      await this.fail(`could not start: ${describe(error)}`);
    }
  }

  /** Stops everything with a message and exit code 1. */
  async fail(reason: string): Promise<never> {
    if (!this.stopping) console.error(`${this.label}: ${reason}; stopping everything.`);
    return this.stopAll(1);
  }

  private async stopAll(code: number): Promise<never> {
    if (!this.stopping) {
      this.stopping = true;
      await Promise.allSettled(this.services.map((service) => service.stop()));
    }
    process.exit(code);
  }
}

export const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const withStack = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/**
 * A child process as a service: it ends when it exits; stopping sends SIGTERM and waits for the exit.
 * `lastOutput` tells what it printed last, for the message when it ends on its own.
 */
export function childService(name: string, child: ChildProcess, lastOutput: () => string = () => ""): Service {
  const exited = new Promise<string>((resolve) =>
    child.once("exit", (code, signal) => {
      const output = lastOutput().trim();
      resolve(`exited (${signal ?? `code ${code}`})${output ? `; its last output:\n${output}\n` : ""}`);
    }),
  );
  return {
    name,
    ended: exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}

/** An HTTP server as a service: it ends when it closes or fails; stopping closes it and its connections. */
export function serverService(name: string, server: Server): Service {
  return {
    name,
    ended: new Promise<string>((resolve) => {
      server.once("error", (error) => resolve(`failed: ${describe(error)}`));
      server.once("close", () => resolve("closed"));
    }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
