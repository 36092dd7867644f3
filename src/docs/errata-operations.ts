// Which operations each erratum concerns, so that the reference can link an operation to its errata and
// the errata page can link back. An erratum concerns an operation when what it checks (its `verify`)
// lies in that operation, or in a component the operation uses (a schema, parameter, response or
// example, followed through $refs), or when the operation's own text cites the erratum's id.
import type { Erratum } from "../errata/register.js";
import { pointerOf, resolvePointer } from "../spec/json-pointer.js";
import type { OpenApiDocument } from "../spec/openapi-types.js";
import { listOperations, type OperationEntry } from "../spec/operations.js";

/** Operation IDs per erratum id, in the spec's operation order; an erratum of the whole API (its server) has none. */
export function errataOperations(spec: OpenApiDocument, errata: readonly Erratum[]): Map<string, string[]> {
  const operations = listOperations(spec);
  const reach = new Map(operations.map((operation) => [operation.operationId, reachable(spec, operation)]));
  const result = new Map<string, string[]>();
  for (const erratum of errata) {
    const targets = targetPointers(spec, operations, erratum);
    const concerned = operations.filter((operation) => {
      const { pointers, text } = reach.get(operation.operationId)!;
      return (
        targets.some((target) => [...pointers].some((pointer) => pointer === target || target.startsWith(`${pointer}/`))) ||
        citesId(text, erratum.id)
      );
    });
    result.set(
      erratum.id,
      concerned.map((operation) => operation.operationId),
    );
  }
  return result;
}

const citesId = (text: string, id: string): boolean => new RegExp(`(^|[^A-Z0-9-])${id}($|[^A-Z0-9-])`).test(text);

/** JSON pointers (without `#`) of what the erratum checks, in the bundled spec. */
function targetPointers(spec: OpenApiDocument, operations: readonly OperationEntry[], erratum: Erratum): string[] {
  const { verify } = erratum;
  const byId = (operationId: string) =>
    operations.filter((operation) => operation.operationId === operationId).map((operation) => operation.pointer);
  if (verify.example) return byId(verify.example.operationId);
  if (verify.response_code) return byId(verify.response_code.operationId);
  if (verify.accepts) return [pointerOf("components", "schemas", verify.accepts.schema)];
  if (verify.pointer) return [verify.pointer.path];
  // A conformance erratum's patch names the parts of the spec the real server contradicts; one that names
  // a broken claim is linked only where the spec's text cites it.
  if (verify.conformance) return (verify.conformance.patch ?? []).map((operation) => operation.path);
  // "METHOD /server-path/path": the operation whose server URL path and path key make that request line.
  const [method, target] = verify.path.spec.split(" ") as [string, string];
  const serverPath = new URL((spec.servers?.[0]?.url ?? "").replace(/\{[^}]+\}/g, "x")).pathname.replace(/\/$/, "");
  const serverPathPattern = serverPath.replace(/x/g, "[^/]+");
  return operations
    .filter(
      (operation) =>
        operation.method === method.toLowerCase() && new RegExp(`^${serverPathPattern}${escapeRegExp(operation.path)}$`).test(target),
    )
    .map((operation) => operation.pointer);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Every pointer an operation reaches (itself, its path item's parameters, every $ref followed) and all the text on the way. */
function reachable(spec: OpenApiDocument, operation: OperationEntry): { pointers: Set<string>; text: string } {
  const pointers = new Set<string>([operation.pointer]);
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (typeof node === "string") texts.push(node);
    else if (Array.isArray(node)) for (const item of node) visit(item);
    else if (node !== null && typeof node === "object") {
      const ref = (node as { $ref?: unknown }).$ref;
      if (typeof ref === "string" && ref.startsWith("#/")) {
        const pointer = ref.slice(1);
        if (!pointers.has(pointer)) {
          pointers.add(pointer);
          visit(resolvePointer(spec, pointer));
        }
      }
      for (const [key, value] of Object.entries(node)) if (key !== "$ref") visit(value);
    }
  };
  visit(operation.operation);
  visit(spec.paths[operation.path]?.parameters);
  return { pointers, text: texts.join("\n") };
}
