import { AvroTypeError } from '../schema/errors.js';
import type { RecordSchema, Schema, UnionSchema } from '../schema/model.js';
import { branchName, isNamed, shortName } from '../schema/model.js';
import type { CodecContext } from './context.js';
import {
  type ValuePath, checkDepth, convertLogical, decodedLong, formatValuePath, indexSegment, isRecordLike,
  keySegment, longModeOf, newRecord, typeMismatch,
} from './js-value.js';
import { setOwn } from './objects.js';

/**
 * Reads a JSON value as the JavaScript value a decoder of `schema` would produce. Two dialects
 * share this walk and differ only in unions: Avro's JSON encoding wraps a non-null union value
 * as `{"<branch name>": value}`; a field default is the bare value of the union's first branch.
 */

/** How unions are written in the JSON being read. */
export type UnionStyle = 'wrapped' | 'first-branch';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/**
 * Converts `json` (as `JSON.parse` or `parseJsonText` gives it: integers past 2^53 may be
 * bigints) to a value of `s`. Throws AvroTypeError naming the path, e.g. `items[2].price`.
 */
export function readJsonValue(
  s: Schema, json: unknown, ctx: CodecContext, style: UnionStyle, path: ValuePath = [], depth = 0,
): unknown {
  const logical = ctx.logical(s);
  const raw = readRaw(s, json, ctx, style, path, depth);
  return logical === undefined ? raw : convertLogical(() => logical.fromAvro(raw), path);
}

function readRaw(s: Schema, j: unknown, ctx: CodecContext, style: UnionStyle, path: ValuePath, depth: number): unknown {
  switch (s.kind) {
    case 'null':
      if (j === null || j === undefined) return null;
      return typeMismatch(s, j, path);
    case 'boolean':
      if (typeof j === 'boolean') return j;
      return typeMismatch(s, j, path);
    case 'int':
      if (typeof j === 'number' && Number.isInteger(j) && j >= INT_MIN && j <= INT_MAX) return j === 0 ? 0 : j;
      return typeMismatch(s, j, path);
    case 'long': {
      const mode = longModeOf(s, ctx);
      if (typeof j === 'number' && Number.isInteger(j)) {
        if (Number.isSafeInteger(j) || mode === 'bigint') return decodedLong(j, mode, path);
        throw new AvroTypeError(
          `long ${j} is beyond ±(2^53 - 1) and may have lost precision: read the text with fromJsonText and use longs: 'bigint'`,
          formatValuePath(path),
        );
      }
      if (typeof j === 'bigint' && j >= LONG_MIN && j <= LONG_MAX) return decodedLong(j, mode, path);
      return typeMismatch(s, j, path);
    }
    case 'float':
    case 'double': {
      const n = readNumber(j);
      if (n === undefined) return typeMismatch(s, j, path);
      return s.kind === 'float' ? Math.fround(n) : n;
    }
    case 'string':
      if (typeof j === 'string') return j;
      return typeMismatch(s, j, path);
    case 'bytes': {
      const b = latin1Bytes(j);
      if (b === undefined) return typeMismatch(s, j, path, ' (bytes are a string of code points 0-255)');
      return b;
    }
    case 'fixed': {
      const b = latin1Bytes(j);
      if (b === undefined || b.length !== s.size) {
        return typeMismatch(s, j, path, ` (a string of ${s.size} code points 0-255)`);
      }
      return b;
    }
    case 'enum':
      if (typeof j === 'string' && s.symbols.includes(j)) return j;
      return typeMismatch(s, j, path, ` (one of ${s.symbols.join(', ')})`);
    case 'array': {
      if (!Array.isArray(j)) return typeMismatch(s, j, path);
      checkDepth(depth + 1, ctx, path);
      const out: unknown[] = new Array(j.length);
      for (let i = 0; i < j.length; i++) {
        path.push(indexSegment(i));
        out[i] = readJsonValue(s.items, j[i], ctx, style, path, depth + 1);
        path.pop();
      }
      return out;
    }
    case 'map': {
      if (!isJsonObject(j)) return typeMismatch(s, j, path);
      checkDepth(depth + 1, ctx, path);
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(j)) {
        path.push(keySegment(k));
        setOwn(out, k, readJsonValue(s.values, j[k], ctx, style, path, depth + 1));
        path.pop();
      }
      return out;
    }
    case 'record':
      if (!isJsonObject(j)) return typeMismatch(s, j, path);
      checkDepth(depth + 1, ctx, path);
      return readRecord(s, j, ctx, style, path, depth + 1);
    case 'union':
      return readUnion(s, j, ctx, style, path, depth);
  }
}

function readRecord(
  s: RecordSchema, j: Record<string, unknown>, ctx: CodecContext, style: UnionStyle, path: ValuePath, depth: number,
): Record<string, unknown> {
  const out = newRecord(s, ctx);
  for (const f of s.fields) {
    path.push(f.name);
    let v: unknown;
    if (Object.prototype.hasOwnProperty.call(j, f.name)) {
      v = readJsonValue(f.type, j[f.name], ctx, style, path, depth);
    } else if (f.hasDefault) {
      // A default is written in the default dialect whatever the dialect of the datum.
      v = readJsonValue(f.type, f.default, ctx, 'first-branch', path, depth);
    } else {
      throw new AvroTypeError(`missing field ${f.name} of ${s.name} (it has no default)`, formatValuePath(path));
    }
    setOwn(out, f.name, v);
    path.pop();
  }
  return out;
}

function readUnion(
  s: UnionSchema, j: unknown, ctx: CodecContext, style: UnionStyle, path: ValuePath, depth: number,
): unknown {
  if (style === 'first-branch') {
    const first = s.branches[0];
    if (first === undefined) return typeMismatch(s, j, path, ' (an empty union has no values)');
    return readJsonValue(first, j, ctx, style, path, depth);
  }
  if (j === null || j === undefined) {
    const i = s.branches.findIndex((b) => b.kind === 'null');
    if (i < 0) return typeMismatch(s, j, path, ' (null only fits a union with a null branch)');
    return readJsonValue(s.branches[i]!, null, ctx, style, path, depth);
  }
  const keys = isJsonObject(j) ? Object.keys(j) : [];
  if (keys.length !== 1) {
    return typeMismatch(s, j, path, ' (a union value is null or {"<branch name>": value})');
  }
  const key = keys[0]!;
  const i = findBranch(s, key);
  if (i < 0) {
    throw new AvroTypeError(
      `${JSON.stringify(key)} names no branch of ${describe(s)}`,
      formatValuePath(path),
    );
  }
  return readJsonValue(s.branches[i]!, (j as Record<string, unknown>)[key], ctx, style, path, depth);
}

/**
 * Branch named `key`: by full name (or kind) as the spec writes it, else, as a convenience for
 * writers that use short names, the one named branch whose short name it is.
 */
function findBranch(s: UnionSchema, key: string): number {
  const i = s.branches.findIndex((b) => branchName(b) === key);
  if (i >= 0 || key.includes('.')) return i;
  let found = -1;
  for (let k = 0; k < s.branches.length; k++) {
    const b = s.branches[k]!;
    if (isNamed(b) && shortName(b.name) === key) {
      if (found >= 0) return -1;
      found = k;
    }
  }
  return found;
}

function describe(s: UnionSchema): string {
  return `union [${s.branches.map(branchName).join(', ')}]`;
}

/** A number, or one of the strings Java writes for the non-finite ones. */
function readNumber(j: unknown): number | undefined {
  if (typeof j === 'number') return j;
  if (typeof j === 'bigint') return Number(j);
  if (j === 'NaN') return NaN;
  if (j === 'Infinity') return Infinity;
  if (j === '-Infinity') return -Infinity;
  return undefined;
}

/** Bytes of a string of code points 0-255 (ISO-8859-1), or undefined when it is not one. */
export function latin1Bytes(j: unknown): Uint8Array | undefined {
  if (typeof j !== 'string') return undefined;
  const out = new Uint8Array(j.length);
  for (let i = 0; i < j.length; i++) {
    const c = j.charCodeAt(i);
    if (c > 0xff) return undefined;
    out[i] = c;
  }
  return out;
}

function isJsonObject(j: unknown): j is Record<string, unknown> {
  return isRecordLike(j);
}
