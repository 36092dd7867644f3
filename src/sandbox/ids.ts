import { randomUUID } from "node:crypto";

/** A new resource ID, as the real services issue them (UUID v4). */
export const newId = (): string => randomUUID();

/** A timestamp as Cloud Databases and Z.com send them: seconds precision with a trailing Z. */
export const isoSeconds = (milliseconds: number): string =>
  new Date(Math.floor(milliseconds / 1000) * 1000).toISOString().replace(".000Z", "Z");
