// Compares a generated TypeScript type with the schema it was generated from, through the compiler's own
// view of the type (so `unknown & {…}`, aliases and mapped types are judged by what they resolve to).
// It reports what a consumer loses: a type that became unknown/any, a property that is missing or unknown,
// a required property made optional, an anyOf/oneOf branch whose required properties no member keeps, and
// literal values (`const`, `enum`) widened to `string`/`number` or changed.
import ts from "typescript";
import type { Schema, SchemaFacts } from "./schema-facts.js";

/** Deep enough for the inline objects of these specs; component references are audited on their own. */
const MAX_DEPTH = 6;

export class TypeAudit {
  private readonly found = new Set<string>();

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly facts: SchemaFacts,
  ) {}

  get problems(): string[] {
    return [...this.found];
  }

  /** Audits the type generated for component schema `name`. */
  component(name: string, schema: Schema, type: ts.Type | undefined): void {
    if (!type) this.found.add(`${name}: no declaration in the output`);
    else this.audit(type, schema, name, 0);
  }

  private audit(type: ts.Type, schema: Schema, path: string, depth: number): void {
    if (this.isLost(type)) {
      if (this.facts.constrains(schema)) this.found.add(`${path}: ${this.show(type)}`);
      return;
    }
    this.auditLiterals(type, schema, path);
    if (depth >= MAX_DEPTH) return;
    const members = this.objectMembers(type);
    for (const [name, property] of this.facts.properties(schema)) {
      const where = `${path}.${name}`;
      const symbols = members.map((member) => this.checker.getPropertyOfType(member, name));
      const present = symbols.filter((symbol): symbol is ts.Symbol => symbol !== undefined);
      if (present.length === 0) {
        this.found.add(`${where}: missing`);
        continue;
      }
      if (property.required && symbols.some((symbol) => !symbol || this.isOptional(symbol))) {
        this.found.add(`${where}: required by the schema, optional in the type`);
      }
      const constraint: Schema = property.schemas.length === 1 ? property.schemas[0]! : { allOf: property.schemas };
      // Each member of a union type carries the property: each copy must keep what the schema says.
      for (const propertyType of new Set(present.map((symbol) => this.withoutNull(this.checker.getTypeOfSymbol(symbol))))) {
        if (property.schemas.length > 0 && property.schemas.every((one) => this.facts.isComponentRef(one))) {
          // The component is audited on its own; here only whether the reference survived.
          if (this.isLost(propertyType) && this.facts.constrains(constraint)) this.found.add(`${where}: ${this.show(propertyType)}`);
        } else if (property.schemas.length > 0) {
          this.audit(propertyType, constraint, where, depth + 1);
        }
      }
    }
    for (const group of this.facts.alternatives(schema)) {
      group.branches.forEach((branch, index) => {
        const required = [...this.facts.properties(branch)].filter(([, facts]) => facts.required).map(([name]) => name);
        const kept = members.some((member) =>
          required.every((name) => {
            const symbol = this.checker.getPropertyOfType(member, name);
            return symbol !== undefined && !this.isOptional(symbol) && !this.isLost(this.checker.getTypeOfSymbol(symbol));
          }),
        );
        if (required.length > 0 && !kept) {
          this.found.add(
            `${path}: ${group.keyword} branch ${index + 1} (requires ${required.join(", ")}) lost: no member of the type requires it`,
          );
        }
      });
    }
    const items = this.facts.items(schema);
    if (items) {
      for (const member of members) {
        const element = this.checker.getIndexTypeOfType(member, ts.IndexKind.Number);
        if (!element) continue;
        if (this.facts.isComponentRef(items)) {
          if (this.isLost(element) && this.facts.constrains(items)) this.found.add(`${path}[]: ${this.show(element)}`);
        } else this.audit(element, items, `${path}[]`, depth + 1);
      }
    }
  }

  /** `const`/`enum` values must come out as exactly those literals (null aside). */
  private auditLiterals(type: ts.Type, schema: Schema, path: string): void {
    const allowed = this.facts.literals(schema);
    if (!allowed) return;
    const found = new Set<unknown>();
    for (const member of this.members(this.checker.getNonNullableType(type))) {
      if (member.isStringLiteral() || member.isNumberLiteral()) found.add(member.value);
      else if (member.flags & ts.TypeFlags.BooleanLiteral) found.add(this.checker.typeToString(member) === "true");
      else {
        this.found.add(`${path}: ${this.checker.typeToString(member)} where the schema allows only ${this.list(allowed)}`);
        return;
      }
    }
    const same = found.size === allowed.size && [...found].every((value) => allowed.has(value));
    if (!same) this.found.add(`${path}: ${this.list(found)} where the schema allows ${this.list(allowed)}`);
  }

  /** The type without null and undefined (but unknown stays unknown: NonNullable<unknown> is `{}`). */
  private withoutNull(type: ts.Type): ts.Type {
    return this.isLost(type) ? type : this.checker.getNonNullableType(type);
  }

  private isLost(type: ts.Type): boolean {
    return (type.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) !== 0;
  }

  private isOptional(symbol: ts.Symbol): boolean {
    return (symbol.flags & ts.SymbolFlags.Optional) !== 0;
  }

  private members(type: ts.Type): readonly ts.Type[] {
    return type.isUnion() ? type.types : [type];
  }

  /** The object members of a (union) type; null and undefined say nothing about properties. */
  private objectMembers(type: ts.Type): ts.Type[] {
    const objects = ts.TypeFlags.Object | ts.TypeFlags.Intersection | ts.TypeFlags.NonPrimitive;
    return this.members(this.checker.getNonNullableType(type)).filter((member) => (member.flags & objects) !== 0);
  }

  private show(type: ts.Type): string {
    return `lost to ${this.checker.typeToString(type)}`;
  }

  private list(values: Set<unknown>): string {
    return [...values].map((value) => JSON.stringify(value)).join(" | ") || "nothing";
  }
}
