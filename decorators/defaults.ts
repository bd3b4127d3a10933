/**
 * Field defaults are given as JavaScript values of the field (`new Date(0)`, `Status.Active`,
 * `new Uint8Array([1])`, `"0.00"` for a decimal, an instance of a record class) and written
 * as the JSON the spec wants. The real codec does the checking: the value is encoded with the
 * field's type (conversions and logical types included), decoded again with every logical
 * type switched off, and the raw value is written as JSON (bytes as code points 0-255).
 * For a union, the default belongs to the first branch, as the spec says.
 */
import { Type, parseSchema } from '../src/index.js';
import type { LogicalTypeDefinition, Schema } from '../src/index.js';
import type { BuiltSchema } from './build.js';
import { conversionTypes, namedTypes } from './engine.js';
import { AvroDecoratorError } from './errors.js';

/** Converts every pending default of `built` and writes it into the schema JSON. */
export function fillDefaults(built: BuiltSchema): void {
  if (built.defaults.length === 0) return;
  const root = parseSchema(JSON.parse(JSON.stringify(built.json)), { validateDefaults: false });
  const named = namedTypes(root);
  const logicalTypes = conversionTypes(built, root);
  const off = disabledLogicalTypes(root);
  const constructors = new Map(built.classes);
  for (const d of built.defaults) {
    const declared = declaredType(named, d.record, d.field);
    const node = declared.kind === 'union' ? declared.branches[0]! : declared;
    let bytes: Uint8Array;
    try {
      bytes = Type.fromNode(node, { constructors, logicalTypes, codegen: false }).toBuffer(d.value);
    } catch (e) {
      const hint = d.value === null && declared.kind !== 'union'
        ? ' (for a null default, make the field nullable: { nullable: true, default: null })'
        : declared.kind === 'union'
          ? ` (a union's default belongs to its first branch, here ${describeBranch(node)}: list the default's branch first)`
          : '';
      throw new AvroDecoratorError(d.label, undefined, `the default ${show(d.value)} does not fit the field's type: ${(e as Error).message}${hint}`, { cause: e });
    }
    const raw = Type.fromNode(node, { logicalTypes: off, longs: 'bigint', codegen: false }).fromBuffer(bytes);
    try {
      d.json['default'] = toJson(node, raw, off);
    } catch (e) {
      throw new AvroDecoratorError(d.label, undefined, `the default ${show(d.value)} cannot be written as JSON: ${(e as Error).message}`, { cause: e });
    }
  }
}

function declaredType(named: ReturnType<typeof namedTypes>, record: string, field: string): Schema {
  const rec = named.get(record);
  if (rec?.kind !== 'record') throw new Error(`unreachable: ${record} is not a record`);
  return rec.fields.find((f) => f.name === field)!.type;
}

/** Definitions that refuse every logical type found in the graph, so values stay raw. */
function disabledLogicalTypes(root: Schema): Record<string, LogicalTypeDefinition> {
  const out: Record<string, LogicalTypeDefinition> = {};
  const seen = new Set<Schema>();
  const visit = (s: Schema): void => {
    if (seen.has(s)) return;
    seen.add(s);
    if (s.logicalType !== undefined) out[s.logicalType] = { name: s.logicalType, bind: () => 'raw values wanted' };
    if (s.kind === 'record') for (const f of s.fields) visit(f.type);
    else if (s.kind === 'array') visit(s.items);
    else if (s.kind === 'map') visit(s.values);
    else if (s.kind === 'union') s.branches.forEach(visit);
  };
  visit(root);
  return out;
}

const LATIN1 = (b: Uint8Array): string => {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return s;
};

/** A raw decoded value of `s` as default JSON. */
function toJson(s: Schema, v: unknown, off: Record<string, LogicalTypeDefinition>): unknown {
  switch (s.kind) {
    case 'int':
    case 'long':
    case 'float':
    case 'double':
      if (typeof v === 'bigint') {
        if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
          throw new Error(`${v} is past 2^53, which JSON numbers in JavaScript cannot hold exactly`);
        }
        return Number(v);
      }
      if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
      return v;
    case 'bytes':
    case 'fixed':
      return LATIN1(v as Uint8Array);
    case 'array':
      return (v as unknown[]).map((x) => toJson(s.items, x, off));
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as object)) {
        Object.defineProperty(out, k, { value: toJson(s.values, x, off), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'record': {
      const out: Record<string, unknown> = {};
      const rec = v as Record<string, unknown>;
      for (const f of s.fields) {
        Object.defineProperty(out, f.name, { value: toJson(f.type, rec[f.name], off), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'union': {
      const b = s.branches.find((x) => Type.fromNode(x, { logicalTypes: off, longs: 'bigint', codegen: false }).isValid(v));
      return b === undefined ? v : toJson(b, v, off);
    }
    default:
      return v;
  }
}

function describeBranch(s: Schema): string {
  return 'name' in s ? s.name : s.kind;
}

function show(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Date) return `Date(${Number.isNaN(v.getTime()) ? 'invalid' : v.toISOString()})`;
  if (v instanceof Uint8Array) return `${v.constructor.name}(${v.length})`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
