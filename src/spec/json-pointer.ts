// RFC 6901 JSON Pointers, enough to follow the local `#/…` refs of a bundled spec. A dozen lines do
// not warrant a dependency; @redocly/openapi-core's resolver works on files, not on parsed objects.

export function escapePointerToken(token: string): string {
  return token.replaceAll("~", "~0").replaceAll("/", "~1");
}

export function pointerOf(...tokens: readonly (string | number)[]): string {
  return tokens.map((token) => `/${escapePointerToken(String(token))}`).join("");
}

/** The value at `pointer` (`/a/b`, or a local ref `#/a/b`) in `document`; throws if there is none. */
export function resolvePointer(document: unknown, pointer: string): unknown {
  const path = pointer.startsWith("#") ? pointer.slice(1) : pointer;
  if (path === "") return document;
  let node: unknown = document;
  for (const raw of path.slice(1).split("/")) {
    const token = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (node === null || typeof node !== "object" || !(token in node)) {
      throw new Error(`JSON pointer ${pointer} does not resolve (no "${token}")`);
    }
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** Follows `$ref` chains until a non-reference object. */
export function dereference<T = unknown>(document: unknown, node: unknown): T {
  let current = node;
  for (let hops = 0; isRef(current); hops++) {
    if (hops > 32) throw new Error(`$ref cycle at ${current.$ref}`);
    current = resolvePointer(document, current.$ref);
  }
  return current as T;
}

function isRef(node: unknown): node is { $ref: string } {
  return typeof node === "object" && node !== null && typeof (node as { $ref?: unknown }).$ref === "string";
}
