import { parse } from "yaml";

/**
 * What openapi-typescript reads from a bundle: all of it but the examples of media types and
 * components and the code samples, which it does not put in the types. An example edit leaves it the
 * same, so `npm run dev` skips the types (and loading TypeScript) for it.
 */
export const typesInput = (bundle: string): string => typesInputOf(parse(bundle));

/** The same, of a parsed bundle. */
export function typesInputOf(document: unknown): string {
  return JSON.stringify(document, (key, value: unknown) => {
    if (key === "x-codeSamples") return undefined;
    if (key === "content" && isRecord(value)) {
      return Object.fromEntries(
        Object.entries(value).map(([type, media]) => [type, isRecord(media) ? { ...media, examples: undefined } : media]),
      );
    }
    if (key === "components" && isRecord(value)) return { ...value, examples: undefined };
    return value;
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);
