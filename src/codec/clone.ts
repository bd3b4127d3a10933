import type { Schema } from '../schema/model.js';
import type { CodecContext } from './context.js';
import {
  type ValuePath, checkDepth, convertLogical, decodedLong, indexSegment, isLong, isRecordLike, keySegment,
  longModeOf, newRecord, readField, typeMismatch,
} from './js-value.js';
import { setOwn } from './objects.js';
import { isMapLike, isValidLeaf, selectBranch } from './validate.js';

/**
 * A deep copy of `value` in the representation a decoder of `schema` gives: records are
 * instances of their registered class (else plain objects) holding only the schema's fields,
 * bytes are fresh `Uint8Array`s, longs follow the long mode, floats are rounded to 32 bits,
 * lone surrogates in strings become U+FFFD (UTF-8 cannot carry them), maps are plain objects
 * whose keys (even `__proto__`) are own data. Logical values go through
 * `toAvro` and `fromAvro`. Throws AvroTypeError with the path of a part that does not fit.
 */
export function cloneValue(schema: Schema, value: unknown, ctx: CodecContext): unknown {
  return cloneAny(schema, value, ctx, [], 0);
}

function cloneAny(s: Schema, v: unknown, ctx: CodecContext, path: ValuePath, depth: number): unknown {
  const logical = ctx.logical(s);
  if (logical === undefined) return cloneRaw(s, v, ctx, path, depth);
  const raw = convertLogical(() => logical.toAvro(v), path);
  const copy = cloneRaw(s, raw, ctx, path, depth);
  return convertLogical(() => logical.fromAvro(copy), path);
}

function cloneRaw(s: Schema, v: unknown, ctx: CodecContext, path: ValuePath, depth: number): unknown {
  switch (s.kind) {
    case 'null':
      if (v === null || v === undefined) return null;
      return typeMismatch(s, v, path);
    case 'boolean':
    case 'enum':
      if (!isValidLeaf(s, v)) return typeMismatch(s, v, path);
      return v;
    case 'string':
      if (typeof v !== 'string') return typeMismatch(s, v, path);
      return wellFormed(v);
    case 'int':
      if (!isValidLeaf(s, v)) return typeMismatch(s, v, path);
      return (v as number) === 0 ? 0 : v;
    case 'long':
      if (!isLong(v)) return typeMismatch(s, v, path);
      return decodedLong(v, longModeOf(s, ctx), path);
    case 'float':
      if (typeof v !== 'number') return typeMismatch(s, v, path);
      return Math.fround(v);
    case 'double':
      if (typeof v !== 'number') return typeMismatch(s, v, path);
      return v;
    case 'bytes':
    case 'fixed':
      if (!isValidLeaf(s, v)) return typeMismatch(s, v, path);
      // new Uint8Array(view) copies, and gives a plain Uint8Array even for a Buffer.
      return new Uint8Array(v as Uint8Array);
    case 'array': {
      if (!Array.isArray(v)) return typeMismatch(s, v, path);
      checkDepth(depth + 1, ctx, path);
      const out: unknown[] = new Array(v.length);
      for (let i = 0; i < v.length; i++) {
        path.push(indexSegment(i));
        out[i] = cloneAny(s.items, v[i], ctx, path, depth + 1);
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
        setOwn(out, wellFormed(k), cloneAny(s.values, v[k], ctx, path, depth + 1));
        path.pop();
      }
      return out;
    }
    case 'record': {
      if (!isRecordLike(v)) return typeMismatch(s, v, path);
      checkDepth(depth + 1, ctx, path);
      const out = newRecord(s, ctx);
      for (const f of s.fields) {
        path.push(f.name);
        setOwn(out, f.name, cloneAny(f.type, readField(v, f.name), ctx, path, depth + 1));
        path.pop();
      }
      return out;
    }
    case 'union': {
      const i = selectBranch(s, v, ctx);
      if (i < 0) return typeMismatch(s, v, path);
      return cloneAny(s.branches[i]!, v, ctx, path, depth);
    }
  }
}

const toWellFormed = (String.prototype as { toWellFormed?: (this: string) => string }).toWellFormed;

/** `s` with each lone surrogate replaced by U+FFFD, as a UTF-8 round trip gives it. */
function wellFormed(s: string): string {
  if (toWellFormed !== undefined) return toWellFormed.call(s);
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
