import type { Schema } from '../schema/model.js';

/** A short, safe rendering of a value for error messages (never the whole of a long string). */
export function describeValue(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
    case 'bigint':
      return `${v}n`;
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'boolean':
    case 'undefined':
      return String(v);
    case 'symbol':
      return v.toString();
    case 'function':
      return 'a function';
    default:
      break;
  }
  if (v === null) return 'null';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'an invalid Date' : `Date ${v.toISOString()}`;
  if (v instanceof Uint8Array) return `${v.constructor.name} of ${v.length} bytes`;
  if (Array.isArray(v)) return `an array of ${v.length}`;
  const ctor = (v as { constructor?: { name?: unknown } }).constructor;
  return typeof ctor?.name === 'string' && ctor.name !== 'Object' ? `a ${ctor.name}` : 'an object';
}

/** How a schema node reads in a reason string: `"int"`, `fixed "Id" of size 15`. */
export function describeSchema(s: Schema): string {
  return s.kind === 'fixed' ? `fixed "${s.name}" of size ${s.size}` : `"${s.kind}"`;
}

/** The reason a logical type cannot sit on `s`: it needs another underlying type. */
export function wrongUnderlyingType(logicalType: string, needs: string, s: Schema): string {
  return `logical type "${logicalType}" needs ${needs}, not ${describeSchema(s)}; it is ignored`;
}
