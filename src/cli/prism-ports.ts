import type { ApiDefinition } from "../apis.js";
import { isAddressInUse, PortInUseError, type PortSource } from "./ports.js";

/** The mocks' ports: the first API on `first`, each next one on the next port (4010, 4011). */
export const mockPorts = (apis: readonly ApiDefinition[], first: number): number[] =>
  apis.map((_api, index) => (first === 0 ? 0 : first + index));

/**
 * Prism's own failure when its port was taken after all (between our check and its start): it exits
 * with "listen EADDRINUSE" in its log, which startPrism passes on in its error's message.
 */
export function prismPortError(error: unknown, port: number, source: PortSource, what: string): unknown {
  const message = error instanceof Error ? error.message : String(error);
  return isAddressInUse(error) || /\bEADDRINUSE\b/.test(message) ? new PortInUseError(port, source, what) : error;
}
