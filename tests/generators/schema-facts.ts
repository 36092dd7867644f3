// What a component schema of a bundled spec promises a generated type: its properties and which are
// required, the alternatives of its anyOf/oneOf, and the literal values it allows. Read from the bundle
// itself, so the audit checks the generators against the spec, never against one generator's output.

export type Schema = { readonly [keyword: string]: unknown };

export interface PropertyFacts {
  /** Every schema that constrains the property (its own, and one per allOf member that declares it). */
  readonly schemas: Schema[];
  required: boolean;
}

export interface AlternativeGroup {
  readonly keyword: "anyOf" | "oneOf";
  readonly branches: readonly Schema[];
}

/** Keywords that say nothing about a value's type: a schema with only these is `{}`, and `unknown` is its right type. */
const ANNOTATIONS = new Set(["title", "description", "examples", "example", "default", "deprecated", "readOnly", "writeOnly", "$comment"]);

export class SchemaFacts {
  constructor(private readonly document: { components?: { schemas?: Record<string, unknown> } }) {}

  /** The component schemas of the bundle, by name. */
  components(): [string, Schema][] {
    return Object.entries(this.document.components?.schemas ?? {}) as [string, Schema][];
  }

  /** Follows local `$ref`s (`#/components/schemas/X`) to the schema they name. */
  resolve(schema: Schema): Schema {
    let current = schema;
    for (let hops = 0; typeof current.$ref === "string"; hops++) {
      const match = /^#\/components\/schemas\/([^/]+)$/.exec(current.$ref);
      const target = match ? this.document.components?.schemas?.[decodeURIComponent(match[1]!)] : undefined;
      if (!target || hops > 20) throw new Error(`Cannot resolve ${current.$ref}`);
      current = target as Schema;
    }
    return current;
  }

  /** A schema that is only a reference to a component, checked on its own. */
  isComponentRef(schema: Schema): boolean {
    return typeof schema.$ref === "string" && Object.keys(schema).every((key) => key === "$ref" || ANNOTATIONS.has(key));
  }

  /** Whether the schema constrains its value at all (else `unknown` is what a generator should make of it). */
  constrains(schema: Schema): boolean {
    return Object.keys(this.resolve(schema)).some((key) => !ANNOTATIONS.has(key) && !key.startsWith("x-"));
  }

  /** Properties declared by the schema and its allOf members (not by anyOf/oneOf branches: see alternatives). */
  properties(schema: Schema): Map<string, PropertyFacts> {
    const facts = new Map<string, PropertyFacts>();
    const entry = (name: string): PropertyFacts => {
      const found = facts.get(name) ?? { schemas: [], required: false };
      facts.set(name, found);
      return found;
    };
    const visit = (raw: Schema): void => {
      const resolved = this.resolve(raw);
      for (const [name, property] of Object.entries((resolved.properties ?? {}) as Record<string, Schema>))
        entry(name).schemas.push(property);
      for (const name of (resolved.required ?? []) as string[]) entry(name).required = true;
      for (const member of (resolved.allOf ?? []) as Schema[]) visit(member);
    };
    visit(schema);
    return facts;
  }

  /** The anyOf/oneOf groups of the schema and of its allOf members: each group needs one branch to hold. */
  alternatives(schema: Schema): AlternativeGroup[] {
    const resolved = this.resolve(schema);
    const groups: AlternativeGroup[] = [];
    for (const keyword of ["anyOf", "oneOf"] as const) {
      if (Array.isArray(resolved[keyword])) groups.push({ keyword, branches: resolved[keyword] as Schema[] });
    }
    for (const member of (resolved.allOf ?? []) as Schema[]) groups.push(...this.alternatives(member));
    return groups;
  }

  /**
   * The non-null literal values the schema allows (`const`, `enum`; allOf intersects, anyOf/oneOf unite), or
   * undefined when it does not restrict its value to literals.
   */
  literals(schema: Schema): Set<unknown> | undefined {
    const resolved = this.resolve(schema);
    let allowed: Set<unknown> | undefined;
    const narrow = (values: Set<unknown> | undefined): void => {
      if (values) allowed = allowed ? new Set([...allowed].filter((value) => values.has(value))) : values;
    };
    if ("const" in resolved) narrow(new Set([resolved.const]));
    if (Array.isArray(resolved.enum)) narrow(new Set(resolved.enum));
    for (const member of (resolved.allOf ?? []) as Schema[]) narrow(this.literals(member));
    for (const keyword of ["anyOf", "oneOf"] as const) {
      if (!Array.isArray(resolved[keyword])) continue;
      const branches = (resolved[keyword] as Schema[]).map((branch) => this.literals(branch));
      if (branches.every((values) => values !== undefined)) narrow(new Set(branches.flatMap((values) => [...values!])));
    }
    if (allowed) allowed.delete(null);
    return allowed;
  }

  /** The item schema of an array schema. */
  items(schema: Schema): Schema | undefined {
    const resolved = this.resolve(schema);
    const types = Array.isArray(resolved.type) ? resolved.type : [resolved.type];
    return types.includes("array") && typeof resolved.items === "object" ? (resolved.items as Schema) : undefined;
  }
}
