/**
 * Which operations use a component: a change to a shared schema breaks every operation whose request or
 * response reaches it through $refs, but `redocly diff` reports it once, at the first operation it met
 * it in (removing a BackupStatus value showed up under listBackups only).
 */
import { pointerTokens } from "./classify.js";

/** One operation that reaches a component, and through which of its parts. */
export interface OperationUse {
  /** `GET /{accountId}/backups (listBackups)`, as the rest of the report names operations. */
  readonly operation: string;
  /** `request body`, `query parameter limit`, `response 200`, in the order the operation declares them. */
  readonly parts: readonly string[];
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

type Node = Record<string, unknown>;
const isObject = (value: unknown): value is Node => value !== null && typeof value === "object";

/**
 * The component a pointer is in: `#/components/schemas/BackupStatus/enum` → `#/components/schemas/BackupStatus`;
 * undefined outside components. Uses are tracked per component: a bundle's $refs point at components.
 */
export function componentOf(pointer: string): string | undefined {
  const tokens = pointerTokens(pointer);
  if (tokens[0] !== "components" || tokens.length < 3) return undefined;
  return `#/components/${escapeToken(tokens[1]!)}/${escapeToken(tokens[2]!)}`;
}

const escapeToken = (token: string): string => token.replaceAll("~", "~0").replaceAll("/", "~1");

/** Finds the operations of one bundled document that reach components, remembering what each component reaches. */
export class ComponentUses {
  readonly #document: unknown;
  /** Component → every component it reaches, itself included. */
  readonly #closures = new Map<string, ReadonlySet<string>>();

  constructor(document: unknown) {
    this.#document = document;
  }

  /** Every operation whose parameters, request body or responses reach `component` (a pointer into it is fine too). */
  operationsUsing(pointer: string): OperationUse[] {
    const component = componentOf(pointer);
    if (component === undefined) return [];
    const uses: OperationUse[] = [];
    const paths = isObject(this.#document) && isObject(this.#document.paths) ? this.#document.paths : {};
    for (const [path, item] of Object.entries(paths)) {
      if (!isObject(item)) continue;
      for (const method of HTTP_METHODS) {
        const operation = item[method];
        if (!isObject(operation)) continue;
        const parts = this.#parts(item, operation).filter((part) => this.#reaches(part.node, component));
        if (parts.length === 0) continue;
        const id = typeof operation.operationId === "string" ? ` (${operation.operationId})` : "";
        uses.push({ operation: `${method.toUpperCase()} ${path}${id}`, parts: parts.map((part) => part.label) });
      }
    }
    return uses;
  }

  /** An operation's parts, each with its node: path-level and own parameters, the request body, each response. */
  #parts(item: Node, operation: Node): { label: string; node: unknown }[] {
    const parts: { label: string; node: unknown }[] = [];
    for (const parameters of [item.parameters, operation.parameters]) {
      if (!Array.isArray(parameters)) continue;
      for (const parameter of parameters) parts.push({ label: this.#parameterLabel(parameter), node: parameter });
    }
    if (operation.requestBody !== undefined) parts.push({ label: "request body", node: operation.requestBody });
    if (isObject(operation.responses)) {
      for (const [code, response] of Object.entries(operation.responses)) parts.push({ label: `response ${code}`, node: response });
    }
    return parts;
  }

  #parameterLabel(parameter: unknown): string {
    const node = isObject(parameter) && typeof parameter.$ref === "string" ? this.#resolve(parameter.$ref) : parameter;
    return isObject(node) && typeof node.in === "string" && typeof node.name === "string"
      ? `${node.in} parameter ${node.name}`
      : "a parameter";
  }

  #reaches(node: unknown, component: string): boolean {
    for (const ref of refsIn(node)) {
      const target = componentOf(ref);
      if (target !== undefined && this.#closure(target).has(component)) return true;
    }
    return false;
  }

  /** Every component `component` reaches through $refs, itself included (cycles end where they began). */
  #closure(component: string): ReadonlySet<string> {
    const known = this.#closures.get(component);
    if (known) return known;
    const reached = new Set<string>();
    const pending = [component];
    while (pending.length > 0) {
      const next = pending.pop()!;
      if (reached.has(next)) continue;
      reached.add(next);
      for (const ref of refsIn(this.#resolve(next))) {
        const target = componentOf(ref);
        if (target !== undefined && !reached.has(target)) pending.push(target);
      }
    }
    this.#closures.set(component, reached);
    return reached;
  }

  #resolve(ref: string): unknown {
    let node: unknown = this.#document;
    for (const token of pointerTokens(ref)) node = isObject(node) ? node[token] : undefined;
    return node;
  }
}

/** Every local `$ref` in a subtree. */
function refsIn(node: unknown): string[] {
  const refs: string[] = [];
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (Array.isArray(current)) stack.push(...current);
    else if (isObject(current)) {
      if (typeof current.$ref === "string" && current.$ref.startsWith("#/")) refs.push(current.$ref);
      for (const [key, value] of Object.entries(current)) if (key !== "$ref") stack.push(value);
    }
  }
  return refs;
}
