/**
 * Raw Avro schema objects given as field types (`@Field({ type: { type: 'fixed', … } })`).
 * Each is parsed by the core parser as if written where it is used (its names take the
 * enclosing record's namespace unless they say otherwise), with the named types already defined in the
 * class graph visible by name; then it is written back in our form, so that a named type
 * defined in two places is written once and a clash of two definitions is caught.
 */
import { AvroSchemaError, isNamed, namespaceOf, parseSchema, qualify } from '../src/index.js';
import type { FieldSchema, NamedSchema, Schema } from '../src/index.js';
import { nameAttrs, refText } from './names.js';

/** Where named definitions met so far live; implemented by the builder. */
export interface NamedTypes {
  /** Full names defined so far. */
  names(): Iterable<string>;
  /**
   * Called for a definition met in a raw schema: returns true when `fullName` is already
   * defined identically (write a reference), false when it is new; throws on a clash.
   */
  claim(fullName: string, canonical: string): boolean;
}

/** Parses a raw schema object and writes it in our form inside namespace `ns`. */
export function writeRawSchema(json: unknown, ns: string, named: NamedTypes): unknown {
  const stubs = new Set<Schema>();
  const registry = new Map<string, NamedSchema>();
  const own = definedNames(json, ns);
  for (const n of named.names()) {
    // A name the raw schema defines itself is parsed from it (and compared on writing).
    if (own.has(n)) continue;
    const stub: NamedSchema = { kind: 'fixed', name: n, namespace: namespaceOf(n), aliases: [], size: 0, attrs: {} };
    stubs.add(stub);
    registry.set(n, stub);
  }
  let node: Schema;
  try {
    node = parseSchema(json, { registry, namespace: ns });
  } catch (e) {
    if (e instanceof AvroSchemaError) throw new Error(`invalid schema: ${e.message}`, { cause: e });
    throw e;
  }
  const seen = new Set<string>();
  const write = (s: Schema, ns: string): unknown => {
    if (isNamed(s)) {
      if (stubs.has(s) || seen.has(s.name)) return refText(s.name, ns);
      seen.add(s.name);
      if (named.claim(s.name, JSON.stringify(bare(s)))) return refText(s.name, ns);
    }
    const attrs = (out: Record<string, unknown>) => {
      if (s.logicalType !== undefined) out['logicalType'] = s.logicalType;
      return Object.assign(out, s.attrs);
    };
    switch (s.kind) {
      case 'record': {
        const out: Record<string, unknown> = { type: s.isError ? 'error' : 'record', ...nameAttrs(s.name, ns) };
        named0(out, s);
        out['fields'] = s.fields.map((f) => field(f, s.namespace));
        return attrs(out);
      }
      case 'enum': {
        const out: Record<string, unknown> = { type: 'enum', ...nameAttrs(s.name, ns) };
        named0(out, s);
        out['symbols'] = [...s.symbols];
        if (s.default !== undefined) out['default'] = s.default;
        return attrs(out);
      }
      case 'fixed': {
        const out: Record<string, unknown> = { type: 'fixed', ...nameAttrs(s.name, ns) };
        named0(out, s);
        out['size'] = s.size;
        return attrs(out);
      }
      case 'array':
        return attrs({ type: 'array', items: write(s.items, ns) });
      case 'map':
        return attrs({ type: 'map', values: write(s.values, ns) });
      case 'union':
        return s.branches.map((b) => write(b, ns));
      default:
        return s.logicalType === undefined && Object.keys(s.attrs).length === 0 ? s.kind : attrs({ type: s.kind });
    }
  };
  const field = (f: FieldSchema, ns: string): unknown => {
    const out: Record<string, unknown> = { name: f.name, type: write(f.type, ns) };
    if (f.doc !== undefined) out['doc'] = f.doc;
    if (f.hasDefault) out['default'] = f.default;
    if (f.order !== 'ascending') out['order'] = f.order;
    if (f.aliases.length) out['aliases'] = [...f.aliases];
    return Object.assign(out, f.attrs);
  };
  return write(node, ns);
}

/** Full names that a raw schema JSON defines, found by the spec's namespace rules. */
function definedNames(json: unknown, ns: string): Set<string> {
  const out = new Set<string>();
  const visit = (j: unknown, ns: string): void => {
    if (Array.isArray(j)) return j.forEach((b) => visit(b, ns));
    if (typeof j !== 'object' || j === null) return;
    const o = j as Record<string, unknown>;
    const t = o['type'];
    if ((t === 'record' || t === 'error' || t === 'enum' || t === 'fixed') && typeof o['name'] === 'string') {
      const name = o['name'];
      const full = name.includes('.') ? name : qualify(name, typeof o['namespace'] === 'string' ? o['namespace'] : ns);
      out.add(full);
      if (Array.isArray(o['fields'])) for (const f of o['fields']) visit((f as Record<string, unknown>)?.['type'], namespaceOf(full));
      return;
    }
    if (typeof t === 'object') visit(t, ns);
    visit(o['items'], ns);
    visit(o['values'], ns);
  };
  visit(json, ns);
  return out;
}

function named0(out: Record<string, unknown>, s: NamedSchema): void {
  if (s.doc !== undefined) out['doc'] = s.doc;
  if (s.aliases.length) out['aliases'] = [...s.aliases];
}

/** A named type's own shape, for comparing two definitions of one name (references by name). */
function bare(s: NamedSchema): unknown {
  const inner = (t: Schema): unknown => {
    if (isNamed(t)) return t.name;
    if (t.kind === 'array') return { array: inner(t.items), lt: t.logicalType, attrs: t.attrs };
    if (t.kind === 'map') return { map: inner(t.values), lt: t.logicalType, attrs: t.attrs };
    if (t.kind === 'union') return t.branches.map(inner);
    return { kind: t.kind, lt: t.logicalType, attrs: t.attrs };
  };
  if (s.kind === 'record') return { ...s, fields: s.fields.map((f) => ({ ...f, type: inner(f.type) })) };
  return s;
}
