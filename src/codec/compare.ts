import { AvroTypeError } from '../schema/errors.js';
import type { Schema } from '../schema/model.js';
import type { CodecContext } from './context.js';
import {
  type ValuePath, checkDepth, convertLogical, formatValuePath, indexSegment, isLong, isRecordLike, readField,
  typeMismatch,
} from './js-value.js';
import { isValidLeaf, selectBranch } from './validate.js';

/**
 * Orders two values of `schema` as the spec's "Sort Order" section says, and as Java's
 * `BinaryData.compare` does on their encodings: records field by field (honouring each
 * field's `order`), enums by symbol position, unions by branch index then value, bytes, fixed
 * and strings by unsigned bytes (strings by UTF-8, i.e. by code point), arrays element by
 * element then by length. Floats and doubles follow Java's `Double.compare`: -0 sorts before
 * 0, and NaN equals NaN and sorts after +Infinity.
 *
 * Returns -1, 0 or 1. Throws AvroTypeError for maps (the spec forbids comparing them unless
 * under an `"order": "ignore"` field) and for values that do not fit the schema.
 */
export function compareValues(schema: Schema, a: unknown, b: unknown, ctx: CodecContext): number {
  return compareAny(schema, a, b, ctx, [], 0);
}

function compareAny(s: Schema, a: unknown, b: unknown, ctx: CodecContext, path: ValuePath, depth: number): number {
  const logical = ctx.logical(s);
  if (logical === undefined) return compareRaw(s, a, b, ctx, path, depth);
  if (logical.compare !== undefined) {
    const c = convertLogical(() => logical.compare!(a, b), path);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  const ra = convertLogical(() => logical.toAvro(a), path);
  const rb = convertLogical(() => logical.toAvro(b), path);
  return compareRaw(s, ra, rb, ctx, path, depth);
}

function compareRaw(s: Schema, a: unknown, b: unknown, ctx: CodecContext, path: ValuePath, depth: number): number {
  switch (s.kind) {
    case 'null':
      leaf(s, a, path);
      leaf(s, b, path);
      return 0;
    case 'boolean':
      leaf(s, a, path);
      leaf(s, b, path);
      return a === b ? 0 : a ? 1 : -1;
    case 'int':
      leaf(s, a, path);
      leaf(s, b, path);
      return sign(a as number, b as number);
    case 'long':
      // `<` compares a number with a bigint exactly, so mixed inputs need no conversion.
      if (!isLong(a)) typeMismatch(s, a, path);
      if (!isLong(b)) typeMismatch(s, b, path);
      return sign(a, b);
    case 'float':
      if (typeof a !== 'number') typeMismatch(s, a, path);
      if (typeof b !== 'number') typeMismatch(s, b, path);
      // Compare what would be written: the values rounded to 32 bits.
      return compareDoubles(Math.fround(a), Math.fround(b));
    case 'double':
      if (typeof a !== 'number') typeMismatch(s, a, path);
      if (typeof b !== 'number') typeMismatch(s, b, path);
      return compareDoubles(a, b);
    case 'bytes':
    case 'fixed':
      leaf(s, a, path);
      leaf(s, b, path);
      return compareBytes(a as Uint8Array, b as Uint8Array);
    case 'string':
      leaf(s, a, path);
      leaf(s, b, path);
      return compareStrings(a as string, b as string);
    case 'enum':
      leaf(s, a, path);
      leaf(s, b, path);
      return sign(s.symbols.indexOf(a as string), s.symbols.indexOf(b as string));
    case 'array': {
      if (!Array.isArray(a)) return typeMismatch(s, a, path);
      if (!Array.isArray(b)) return typeMismatch(s, b, path);
      checkDepth(depth + 1, ctx, path);
      const n = Math.min(a.length, b.length);
      for (let i = 0; i < n; i++) {
        path.push(indexSegment(i));
        const c = compareAny(s.items, a[i], b[i], ctx, path, depth + 1);
        path.pop();
        if (c !== 0) return c;
      }
      return sign(a.length, b.length);
    }
    case 'map':
      throw new AvroTypeError(
        'maps cannot be compared (spec "Sort Order"); give the field holding it "order": "ignore"',
        formatValuePath(path),
      );
    case 'record': {
      if (!isRecordLike(a)) return typeMismatch(s, a, path);
      if (!isRecordLike(b)) return typeMismatch(s, b, path);
      checkDepth(depth + 1, ctx, path);
      for (const f of s.fields) {
        if (f.order === 'ignore') continue;
        path.push(f.name);
        const c = compareAny(f.type, readField(a, f.name), readField(b, f.name), ctx, path, depth + 1);
        path.pop();
        if (c !== 0) return f.order === 'descending' ? -c : c;
      }
      return 0;
    }
    case 'union': {
      const ia = selectBranch(s, a, ctx);
      if (ia < 0) return typeMismatch(s, a, path);
      const ib = selectBranch(s, b, ctx);
      if (ib < 0) return typeMismatch(s, b, path);
      if (ia !== ib) return ia < ib ? -1 : 1;
      return compareAny(s.branches[ia]!, a, b, ctx, path, depth);
    }
  }
}

function leaf(s: Schema, v: unknown, path: ValuePath): void {
  if (!isValidLeaf(s, v)) typeMismatch(s, v, path);
}

function sign(a: number | bigint, b: number | bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Java's `Double.compare`: total order with -0 < 0 and NaN (all NaNs equal) above +Infinity. */
export function compareDoubles(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  const aNaN = a !== a;
  const bNaN = b !== b;
  if (aNaN || bNaN) return aNaN === bNaN ? 0 : aNaN ? 1 : -1;
  if (a === 0) {
    const aNeg = Object.is(a, -0);
    const bNeg = Object.is(b, -0);
    return aNeg === bNeg ? 0 : aNeg ? -1 : 1;
  }
  return 0;
}

/** Unsigned lexicographic order, a prefix first. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return sign(a.length, b.length);
}

/**
 * Order of the strings' UTF-8 encodings, which is code point order. JavaScript's `<` compares
 * UTF-16 units instead, which puts astral characters (surrogates 0xD800-0xDFFF) before
 * U+E000-U+FFFF. A lone surrogate counts as U+FFFD, the character our UTF-8 encoder writes.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    if (x === y && (x < 0xd800 || x > 0xdfff)) {
      i++;
      j++;
      continue;
    }
    const cx = codePointAt(a, i);
    const cy = codePointAt(b, j);
    if (cx !== cy) return cx < cy ? -1 : 1;
    i += cx > 0xffff ? 2 : 1;
    j += cy > 0xffff ? 2 : 1;
  }
  return sign(a.length - i, b.length - j);
}

function codePointAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) return c;
  if (c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return 0xfffd;
}
