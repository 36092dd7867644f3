/**
 * JSON response bodies as Buffers, byte for byte what `JSON.stringify` makes, with parts that never
 * change serialized once.
 *
 * Why: a CPU profile of the sandbox under load (`npm run bench -- --profile`) showed a third of each
 * listBackups request in Fastify's `JSON.stringify` of the body, `Buffer.byteLength` of the result and
 * the UTF-8 encoding of that string when it is written, although most of the body is the documented
 * examples' backups, which never change. An object passed through {@link frozenJson} is deep-frozen and
 * its JSON encoded once; {@link jsonBuffer} copies those bytes into the bodies that contain it.
 */

/** The JSON of each frozen part, with a number naming it in body signatures. */
const fragments = new WeakMap<object, { readonly bytes: Buffer; readonly id: number }>();
let fragmentCount = 0;

/**
 * Whole bodies made of frozen parts, by signature (their text with each part's number in place of its
 * bytes): a list of the same documented backups is the same bytes every time, so it is built once and
 * the same Buffer is written again (sockets only read it). First in, first out beyond BODY_CACHE_SIZE.
 */
const bodies = new Map<string, Buffer>();
const BODY_CACHE_SIZE = 256;

/** Deep-freezes `value` and remembers its JSON, so that every body containing it reuses the bytes. */
export function frozenJson<T extends object>(value: T): T {
  deepFreeze(value);
  fragments.set(value, { bytes: Buffer.from(JSON.stringify(value)), id: fragmentCount++ });
  return value;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
}

/** Plain objects and arrays: what the sandbox's handlers answer with. Anything else goes through JSON.stringify whole. */
export function isJsonContainer(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** `Buffer.from(JSON.stringify(value))`, reusing the bytes of every {@link frozenJson} part (do not modify the result). */
export function jsonBuffer(value: object): Buffer {
  const pieces = new Pieces();
  write(value, pieces);
  if (pieces.fragments === 0) return Buffer.from(pieces.signature);
  const cached = bodies.get(pieces.signature);
  if (cached) return cached;
  const bytes = pieces.assemble();
  if (bodies.size >= BODY_CACHE_SIZE) bodies.delete(bodies.keys().next().value!);
  bodies.set(pieces.signature, bytes);
  return bytes;
}

/**
 * A body as text and frozen parts, in order, and its signature: the text with `\0<number>\0` for each
 * part (JSON text never holds a raw NUL: JSON.stringify escapes it).
 */
class Pieces {
  readonly #parts: (string | Buffer)[] = [];
  #text = "";
  #size = 0;
  signature = "";
  fragments = 0;

  text(text: string): void {
    this.#text += text;
    this.signature += text;
  }

  fragment(fragment: { readonly bytes: Buffer; readonly id: number }): void {
    this.#flush();
    this.#parts.push(fragment.bytes);
    this.#size += fragment.bytes.length;
    this.signature += `\0${fragment.id}\0`;
    this.fragments++;
  }

  #flush(): void {
    if (this.#text === "") return;
    this.#parts.push(this.#text);
    this.#size += Buffer.byteLength(this.#text);
    this.#text = "";
  }

  assemble(): Buffer {
    this.#flush();
    const buffer = Buffer.allocUnsafe(this.#size);
    let offset = 0;
    for (const part of this.#parts) {
      if (typeof part === "string") offset += buffer.write(part, offset);
      else offset += part.copy(buffer, offset);
    }
    return buffer;
  }
}

/** A plain object or array without its own toJSON: serialized here, part by part. */
const walkable = (value: unknown): value is object =>
  isJsonContainer(value) && typeof (value as { toJSON?: unknown }).toJSON !== "function";

/**
 * Writes `value`; returns false (writing nothing) where JSON.stringify would leave it out of an object:
 * undefined, a function, a symbol, or an object whose toJSON gives one of those.
 */
function write(value: unknown, out: Pieces): boolean {
  if (walkable(value)) {
    const fragment = fragments.get(value);
    if (fragment) {
      out.fragment(fragment);
    } else if (Array.isArray(value)) {
      out.text("[");
      for (let index = 0; index < value.length; index++) {
        if (index > 0) out.text(",");
        if (!write(value[index], out)) out.text("null");
      }
      out.text("]");
    } else {
      out.text("{");
      let first = true;
      for (const key of Object.keys(value)) {
        const item = (value as Record<string, unknown>)[key];
        const json = walkable(item) ? undefined : JSON.stringify(item);
        if (json === undefined && !walkable(item)) continue;
        out.text(`${first ? "" : ","}${JSON.stringify(key)}:`);
        first = false;
        if (json === undefined) write(item, out);
        else out.text(json);
      }
      out.text("}");
    }
    return true;
  }
  // Primitives, and objects JSON.stringify treats its own way (toJSON, boxed values, class instances).
  const json = JSON.stringify(value);
  if (json === undefined) return false;
  out.text(json);
  return true;
}
