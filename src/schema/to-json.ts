import type { FieldSchema, NamedSchema, Schema } from './model.js';
import { isNamed } from './model.js';

/** Options of {@link schemaToJson}. */
export interface SchemaJsonOptions {
  /** Drop docs, aliases, defaults, orders, logical types and custom attributes (default false). */
  bare?: boolean;
  /** Namespace to write names relative to (a protocol's); default the null namespace. */
  namespace?: string;
  /** Named types already written (e.g. earlier in a protocol): written by name only. */
  written?: Set<string>;
}

/**
 * The JSON form of a parsed schema: each named type written in full where it first occurs
 * and by full name afterwards, so the result parses back to the same graph.
 */
export function schemaToJson(schema: Schema, options: SchemaJsonOptions = {}): unknown {
  const written = options.written ?? new Set<string>();
  const bare = options.bare ?? false;

  function attrs(out: Record<string, unknown>, s: { logicalType?: string; attrs: Readonly<Record<string, unknown>> }) {
    if (bare) return out;
    if (s.logicalType !== undefined) out['logicalType'] = s.logicalType;
    for (const k of Object.keys(s.attrs)) {
      Object.defineProperty(out, k, { value: s.attrs[k], enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  function field(f: FieldSchema, ns: string): unknown {
    const out: Record<string, unknown> = { name: f.name, type: visit(f.type, ns) };
    if (!bare) {
      if (f.doc !== undefined) out['doc'] = f.doc;
      if (f.hasDefault) out['default'] = f.default;
      if (f.order !== 'ascending') out['order'] = f.order;
      if (f.aliases.length) out['aliases'] = [...f.aliases];
      for (const k of Object.keys(f.attrs)) {
        Object.defineProperty(out, k, { value: f.attrs[k], enumerable: true, writable: true, configurable: true });
      }
    }
    return out;
  }

  /**
   * The start of a named type's definition. Names are written in full; a name in the null
   * namespace written inside a namespaced definition also needs `"namespace": ""`, or parsing
   * it back would put it in the enclosing namespace.
   */
  function head(type: string, s: NamedSchema, ns: string): Record<string, unknown> {
    const out: Record<string, unknown> = { type, name: s.name };
    if (s.namespace === '' && ns !== '') out['namespace'] = '';
    return out;
  }

  function visit(s: Schema, ns: string): unknown {
    if (isNamed(s)) {
      if (written.has(s.name)) return s.name;
      written.add(s.name);
    }
    switch (s.kind) {
      case 'record': {
        const out = head(s.isError ? 'error' : 'record', s, ns);
        if (!bare && s.doc !== undefined) out['doc'] = s.doc;
        if (!bare && s.aliases.length) out['aliases'] = [...s.aliases];
        out['fields'] = s.fields.map((f) => field(f, s.namespace));
        return attrs(out, s);
      }
      case 'enum': {
        const out = head('enum', s, ns);
        if (!bare && s.doc !== undefined) out['doc'] = s.doc;
        if (!bare && s.aliases.length) out['aliases'] = [...s.aliases];
        out['symbols'] = [...s.symbols];
        if (!bare && s.default !== undefined) out['default'] = s.default;
        return attrs(out, s);
      }
      case 'fixed': {
        const out = head('fixed', s, ns);
        if (!bare && s.doc !== undefined) out['doc'] = s.doc;
        if (!bare && s.aliases.length) out['aliases'] = [...s.aliases];
        out['size'] = s.size;
        return attrs(out, s);
      }
      case 'array':
        return attrs({ type: 'array', items: visit(s.items, ns) }, s);
      case 'map':
        return attrs({ type: 'map', values: visit(s.values, ns) }, s);
      case 'union':
        return s.branches.map((b) => visit(b, ns));
      default: {
        if (bare || (s.logicalType === undefined && Object.keys(s.attrs).length === 0)) return s.kind;
        return attrs({ type: s.kind }, s);
      }
    }
  }
  return visit(schema, options.namespace ?? '');
}
