import { AvroDecodeError } from '../wire/errors.js';
import type { ByteReader } from '../wire/reader.js';
import type { ByteWriter } from '../wire/writer.js';
import { AvroTypeError } from '../schema/errors.js';
import type { ArraySchema, MapSchema, Schema } from '../schema/model.js';
import type { CodecContext } from './context.js';
import { minEncodedSize } from './sizes.js';
import { describeSchema, isMapLike, isValidLeaf, selectBranch } from './validate.js';
import { setOwn } from './objects.js';
import { readField } from './js-value.js';
import { fieldDefault } from './field-defaults.js';

/**
 * The interpreted reference codec for Avro's binary encoding: a walk over the schema graph.
 * Compiled codecs must produce the same bytes and values; this one also serves where code
 * generation is not allowed and to explain, with a path, why the compiled path failed.
 */

function fail(s: Schema, v: unknown, path: string[]): never {
  throw new AvroTypeError(`expected ${describeSchema(s)}, got ${show(v)}`, formatPath(path));
}

/** Writes `v` as `s`; throws AvroTypeError with the value path when it does not fit. */
export function encodeValue(s: Schema, v: unknown, w: ByteWriter, ctx: CodecContext, path: string[] = []): void {
  const logical = ctx.logical(s);
  if (logical !== undefined) {
    let raw: unknown;
    try {
      raw = logical.toAvro(v);
    } catch (e) {
      throw new AvroTypeError(`${(e as Error).message}`, formatPath(path), { cause: e });
    }
    encodeRaw(s, raw, w, ctx, path);
    return;
  }
  encodeRaw(s, v, w, ctx, path);
}

function encodeRaw(s: Schema, v: unknown, w: ByteWriter, ctx: CodecContext, path: string[]): void {
  switch (s.kind) {
    case 'null':
      if (v !== null && v !== undefined) fail(s, v, path);
      return;
    case 'boolean':
      if (typeof v !== 'boolean') fail(s, v, path);
      w.writeBoolean(v);
      return;
    case 'int':
      if (!isValidLeaf(s, v)) fail(s, v, path);
      w.writeInt(v as number);
      return;
    case 'long':
      if (typeof v === 'bigint') {
        if (!isValidLeaf(s, v)) fail(s, v, path);
        w.writeBigLong(v);
      } else {
        if (!Number.isSafeInteger(v)) {
          if (typeof v === 'number' && Number.isInteger(v)) {
            throw new AvroTypeError(
              `long ${v} is beyond ±(2^53 - 1) and may have lost precision already: pass a bigint`,
              formatPath(path),
            );
          }
          fail(s, v, path);
        }
        w.writeLong(v as number);
      }
      return;
    case 'float':
      if (typeof v !== 'number') fail(s, v, path);
      w.writeFloat(v);
      return;
    case 'double':
      if (typeof v !== 'number') fail(s, v, path);
      w.writeDouble(v);
      return;
    case 'bytes':
      if (!(v instanceof Uint8Array)) fail(s, v, path);
      w.writeBytes(v);
      return;
    case 'string':
      if (typeof v !== 'string') fail(s, v, path);
      w.writeString(v);
      return;
    case 'fixed':
      if (!(v instanceof Uint8Array) || v.length !== s.size) fail(s, v, path);
      w.writeFixed(v);
      return;
    case 'enum': {
      const i = typeof v === 'string' ? s.symbols.indexOf(v) : -1;
      if (i < 0) fail(s, v, path);
      w.writeInt(i);
      return;
    }
    case 'array': {
      if (!Array.isArray(v)) fail(s, v, path);
      if (v.length > 0) {
        w.writeLong(v.length);
        for (let i = 0; i < v.length; i++) {
          path.push(String(i));
          encodeValue(s.items, v[i], w, ctx, path);
          path.pop();
        }
      }
      w.writeLong(0);
      return;
    }
    case 'map': {
      if (!isMapLike(v)) fail(s, v, path);
      const keys = Object.keys(v);
      if (keys.length > 0) {
        w.writeLong(keys.length);
        for (const k of keys) {
          w.writeString(k);
          path.push(k);
          encodeValue(s.values, v[k], w, ctx, path);
          path.pop();
        }
      }
      w.writeLong(0);
      return;
    }
    case 'union': {
      const i = selectBranch(s, v, ctx);
      if (i < 0) fail(s, v, path);
      w.writeLong(i);
      encodeValue(s.branches[i]!, v, w, ctx, path);
      return;
    }
    case 'record': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(s, v, path);
      const rec = v as Record<string, unknown>;
      for (const f of s.fields) {
        path.push(f.name);
        let fv = readField(rec, f.name);
        if (fv === undefined) fv = fieldDefault(f, ctx)?.value;
        encodeValue(f.type, fv, w, ctx, path);
        path.pop();
      }
      return;
    }
  }
}

/** Reads one value of `s`; throws AvroDecodeError with the byte offset and value path. */
export function decodeValue(s: Schema, r: ByteReader, ctx: CodecContext, path: string[] = [], depth = 0): unknown {
  const logical = ctx.logical(s);
  const raw = decodeRaw(s, r, ctx, path, depth);
  return logical === undefined ? raw : logical.fromAvro(raw);
}

function decodeRaw(s: Schema, r: ByteReader, ctx: CodecContext, path: string[], depth: number): unknown {
  try {
    switch (s.kind) {
      case 'null':
        return null;
      case 'boolean':
        return r.readBoolean();
      case 'int':
        return r.readInt();
      case 'long':
        return ctx.longs === 'bigint' || ctx.logical(s)?.rawLongs === 'bigint' ? r.readBigLong() : r.readLong();
      case 'float':
        return r.readFloat();
      case 'double':
        return r.readDouble();
      case 'bytes':
        return r.readBytes();
      case 'string':
        return r.readString();
      case 'fixed':
        return r.readFixed(s.size);
      case 'enum': {
        const start = r.pos;
        const i = r.readInt();
        const sym = s.symbols[i];
        if (sym === undefined) throw new AvroDecodeError(`enum index ${i} out of range for ${s.name}`, start);
        return sym;
      }
      case 'array': {
        const out: unknown[] = [];
        readBlocks(s, r, ctx, (i) => {
          path.push(String(i));
          out.push(decodeValue(s.items, r, ctx, path, depth));
          path.pop();
        });
        return out;
      }
      case 'map': {
        const out: Record<string, unknown> = {};
        readBlocks(s, r, ctx, () => {
          const k = r.readString();
          path.push(k);
          setOwn(out, k, decodeValue(s.values, r, ctx, path, depth));
          path.pop();
        });
        return out;
      }
      case 'union': {
        const start = r.pos;
        const i = r.readLong();
        const b = s.branches[i];
        if (b === undefined) {
          throw new AvroDecodeError(`union branch index ${i} out of range (${s.branches.length} branches)`, start);
        }
        return decodeValue(b, r, ctx, path, depth);
      }
      case 'record': {
        if (depth >= ctx.limits.maxDepth) {
          throw new AvroDecodeError(`nesting deeper than maxDepth ${ctx.limits.maxDepth}`, r.pos);
        }
        const ctor = ctx.constructorOf(s);
        const out = (ctor === undefined ? {} : Object.create(ctor.prototype)) as Record<string, unknown>;
        for (const f of s.fields) {
          path.push(f.name);
          setOwn(out, f.name, decodeValue(f.type, r, ctx, path, depth + 1));
          path.pop();
        }
        return out;
      }
    }
  } catch (e) {
    if (e instanceof AvroDecodeError && e.path === '' && path.length > 0) {
      throw new AvroDecodeError(e.reason, e.offset, formatPath(path), { cause: e, truncated: e.truncated });
    }
    throw e;
  }
}

/** Reads array or map blocks, calling `item` once per item; checks counts before looping. */
function readBlocks(s: ArraySchema | MapSchema, r: ByteReader, ctx: CodecContext, item: (i: number) => void): void {
  const itemMin = s.kind === 'map' ? 1 : minEncodedSize(s.items);
  let index = 0;
  for (;;) {
    const start = r.pos;
    let n = r.readLong();
    if (n === 0) return;
    if (n < 0) {
      n = -n;
      const size = r.readLong();
      if (size < 0) throw new AvroDecodeError(`negative block size ${size}`, start);
    }
    checkCount(n, itemMin, r.remaining, ctx, start);
    for (let i = 0; i < n; i++) item(index++);
  }
}

/** Rejects an item count that the bytes left (or the zero-size item limit) cannot hold. */
export function checkCount(n: number, itemMin: number, remaining: number, ctx: CodecContext, offset: number): void {
  if (itemMin > 0 ? n * itemMin > remaining : n > ctx.limits.maxItems) {
    throw new AvroDecodeError(
      itemMin > 0
        ? `block of ${n} items needs at least ${n * itemMin} bytes, ${remaining} left`
        : `block of ${n} items exceeds maxItems ${ctx.limits.maxItems}`,
      offset,
      '',
      { truncated: itemMin > 0 },
    );
  }
}

/** Skips one value of `s` without building it. */
export function skipValue(s: Schema, r: ByteReader, ctx: CodecContext): void {
  switch (s.kind) {
    case 'null':
      return;
    case 'boolean':
      r.skip(1, 'boolean');
      return;
    case 'int':
    case 'long':
    case 'enum':
      r.skipLong();
      return;
    case 'float':
      r.skip(4, 'float');
      return;
    case 'double':
      r.skip(8, 'double');
      return;
    case 'bytes':
    case 'string':
      r.skip(r.readLength(s.kind), s.kind);
      return;
    case 'fixed':
      r.skip(s.size, 'fixed');
      return;
    case 'array':
    case 'map': {
      const itemMin = s.kind === 'map' ? 1 : minEncodedSize(s.items);
      for (;;) {
        const start = r.pos;
        let n = r.readLong();
        if (n === 0) return;
        if (n < 0) {
          const size = r.readLong();
          if (size < 0) throw new AvroDecodeError(`negative block size ${size}`, start);
          r.skip(size, 'block');
          continue;
        }
        checkCount(n, itemMin, r.remaining, ctx, start);
        for (let i = 0; i < n; i++) {
          if (s.kind === 'map') {
            r.skip(r.readLength('string'), 'string');
            skipValue(s.values, r, ctx);
          } else skipValue(s.items, r, ctx);
        }
      }
    }
    case 'union': {
      const start = r.pos;
      const i = r.readLong();
      const b = s.branches[i];
      if (b === undefined) throw new AvroDecodeError(`union branch index ${i} out of range`, start);
      skipValue(b, r, ctx);
      return;
    }
    case 'record':
      for (const f of s.fields) skipValue(f.type, r, ctx);
      return;
  }
}

/** `a.b[3].c` style path of a value inside its root. */
export function formatPath(path: readonly string[]): string {
  let out = '';
  for (const p of path) out += /^\d+$/.test(p) ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

function show(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Uint8Array) return `${v.constructor.name}(${v.length})`;
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return Object.prototype.toString.call(v);
  }
}
