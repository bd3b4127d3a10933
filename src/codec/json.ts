import type { Schema } from '../schema/model.js';
import { branchName } from '../schema/model.js';
import type { CodecContext } from './context.js';
import {
  type ValuePath, checkDepth, convertLogical, indexSegment, isLong, isRecordLike, keySegment, readField,
  typeMismatch,
} from './js-value.js';
import { readJsonValue } from './json-read.js';
import { parseJsonText, stringifyJson } from '../schema/json-text.js';
import { setOwn } from './objects.js';
import { isMapLike, isValidLeaf, selectBranch } from './validate.js';

export { JsonSyntaxError } from '../schema/json-text.js';

/**
 * Avro's JSON encoding (spec "JSON Encoding"), interpreted over the schema graph. Where the
 * spec is silent it follows Java, the reference implementation: union branches are keyed by
 * full name, NaN and ±Infinity are the strings "NaN", "Infinity" and "-Infinity", bytes and
 * fixed are strings of code points 0-255. Logical types are written as their underlying value.
 *
 * Longs beyond ±(2^53 - 1) stay exact: {@link toJsonValue} gives them as `bigint`s, which
 * {@link toJsonText} writes as bare integers and {@link fromJsonText} reads back exactly.
 */

/** Options of {@link toJsonText}. */
export interface JsonTextOptions {
  /** Indentation, as `JSON.stringify`'s `space` (default none: one line). */
  readonly space?: string | number;
}

/**
 * The JSON value (plain objects, arrays, strings, numbers, booleans, null; `bigint` for longs
 * that a number cannot hold) encoding `value` as `schema`. Throws AvroTypeError with the path
 * of the part that does not fit.
 */
export function toJsonValue(schema: Schema, value: unknown, ctx: CodecContext): unknown {
  return writeValue(schema, value, ctx, [], 0);
}

/**
 * The value a decoder would produce from `json`, a JSON value in Avro's JSON encoding. Record
 * fields missing from `json` take their defaults. `path` prefixes the locations in errors.
 */
export function fromJsonValue(schema: Schema, json: unknown, ctx: CodecContext, path: readonly string[] = []): unknown {
  return readJsonValue(schema, json, ctx, 'wrapped', path.slice());
}

/** `value` as Avro JSON text (one line unless `options.space` asks for indentation). */
export function toJsonText(schema: Schema, value: unknown, ctx: CodecContext, options: JsonTextOptions = {}): string {
  return stringifyJson(toJsonValue(schema, value, ctx), options.space);
}

/**
 * Reads Avro JSON text. Integer literals beyond ±(2^53 - 1) are read exactly (as longs they
 * need `longs: 'bigint'`). Throws JsonSyntaxError for text that is not JSON.
 */
export function fromJsonText(schema: Schema, text: string, ctx: CodecContext): unknown {
  // Each union level adds one JSON level, so twice the value depth bounds honest input.
  const json = parseJsonText(text, { maxDepth: 2 * ctx.limits.maxDepth + 2 });
  return fromJsonValue(schema, json, ctx);
}

function writeValue(s: Schema, v: unknown, ctx: CodecContext, path: ValuePath, depth: number): unknown {
  const logical = ctx.logical(s);
  if (logical !== undefined) {
    const raw = convertLogical(() => logical.toAvro(v), path);
    return writeRaw(s, raw, ctx, path, depth);
  }
  return writeRaw(s, v, ctx, path, depth);
}

function writeRaw(s: Schema, v: unknown, ctx: CodecContext, path: ValuePath, depth: number): unknown {
  switch (s.kind) {
    case 'null':
      if (v === null || v === undefined) return null;
      return typeMismatch(s, v, path);
    case 'boolean':
    case 'string':
    case 'enum':
      if (!isValidLeaf(s, v)) return typeMismatch(s, v, path);
      return v;
    case 'int':
      if (!isValidLeaf(s, v)) return typeMismatch(s, v, path);
      return (v as number) === 0 ? 0 : v;
    case 'long': {
      if (!isLong(v)) return typeMismatch(s, v, path);
      if (typeof v === 'number') return v === 0 ? 0 : v;
      const n = Number(v);
      return Number.isSafeInteger(n) ? n : v;
    }
    case 'float':
      if (typeof v !== 'number') return typeMismatch(s, v, path);
      // Round first: a double too large for a float is written as the float it becomes.
      return Number.isFinite(Math.fround(v)) ? shortestFloat(Math.fround(v)) : nonFinite(Math.fround(v));
    case 'double':
      if (typeof v !== 'number') return typeMismatch(s, v, path);
      return Number.isFinite(v) ? v : nonFinite(v);
    case 'bytes':
      if (!(v instanceof Uint8Array)) return typeMismatch(s, v, path);
      return latin1String(v);
    case 'fixed':
      if (!isValidLeaf(s, v)) return typeMismatch(s, v, path);
      return latin1String(v as Uint8Array);
    case 'array': {
      if (!Array.isArray(v)) return typeMismatch(s, v, path);
      checkDepth(depth + 1, ctx, path);
      const out: unknown[] = new Array(v.length);
      for (let i = 0; i < v.length; i++) {
        path.push(indexSegment(i));
        out[i] = writeValue(s.items, v[i], ctx, path, depth + 1);
        path.pop();
      }
      return out;
    }
    case 'map': {
      if (!isMapLike(v)) return typeMismatch(s, v, path);
      checkDepth(depth + 1, ctx, path);
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) {
        path.push(keySegment(k));
        setOwn(out, k, writeValue(s.values, v[k], ctx, path, depth + 1));
        path.pop();
      }
      return out;
    }
    case 'record': {
      if (!isRecordLike(v)) return typeMismatch(s, v, path);
      checkDepth(depth + 1, ctx, path);
      const out: Record<string, unknown> = {};
      for (const f of s.fields) {
        path.push(f.name);
        setOwn(out, f.name, writeValue(f.type, readField(v, f.name), ctx, path, depth + 1));
        path.pop();
      }
      return out;
    }
    case 'union': {
      const i = selectBranch(s, v, ctx);
      if (i < 0) return typeMismatch(s, v, path);
      const b = s.branches[i]!;
      if (b.kind === 'null') return null;
      const out: Record<string, unknown> = {};
      setOwn(out, branchName(b), writeValue(b, v, ctx, path, depth));
      return out;
    }
  }
}

/** Java writes NaN and the infinities as these strings (JSON has no literal for them). */
function nonFinite(v: number): string {
  return v !== v ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
}

/**
 * The number with the fewest digits that reads back as the same float, so a float written as
 * 0.1f prints as 0.1 (as Java's Float.toString does) instead of 0.10000000149011612.
 */
function shortestFloat(f: number): number {
  if (f === 0) return f;
  for (let p = 1; p < 9; p++) {
    const n = Number(f.toPrecision(p));
    if (Math.fround(n) === f) return n;
  }
  return f;
}

/** ISO-8859-1 text of bytes: one code point 0-255 per byte. */
function latin1String(b: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < b.length; i += CHUNK) {
    out += String.fromCharCode(...b.subarray(i, Math.min(b.length, i + CHUNK)));
  }
  return out;
}
