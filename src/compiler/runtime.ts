import { AvroDecodeError } from '../wire/errors.js';
import { ByteReader } from '../wire/reader.js';
import { copyBytes } from '../wire/bytes.js';
import { decodeUtf8 } from '../wire/utf8.js';
import { writeLongAt, writeStringAt } from '../wire/writer.js';
import type { ByteWriter } from '../wire/writer.js';
import { isMapLike, selectBranch } from '../codec/validate.js';
import { setOwn } from '../codec/objects.js';
import { readField } from '../codec/js-value.js';

/**
 * Helpers that generated code calls for slow paths (long varints, bigints, UTF-8). They are
 * passed in as a parameter, never referenced by name from source text.
 */

/** Thrown by generated code; the caller re-runs the interpreted codec for a precise error. */
export class CompiledCodecFailure extends Error {
  override name = 'CompiledCodecFailure';
}

/** Cursor state shared with generated decoders. */
export interface DecodeState {
  buf: Uint8Array;
  pos: number;
  end: number;
}

function asReader(r: DecodeState): ByteReader {
  return new ByteReader(r.buf, r.pos, r.end);
}

const nodeLatin1 = (globalThis as { Buffer?: { prototype: Record<string, unknown> } }).Buffer?.prototype['latin1Slice'] as
  | ((this: Uint8Array, start: number, end: number) => string)
  | undefined;

export const runtime = {
  fail(): never {
    throw new CompiledCodecFailure('compiled codec: value does not fit');
  },
  readInt(r: DecodeState): number {
    const buf = r.buf;
    let p = r.pos;
    if (r.end - p >= 4) {
      // Up to 4 bytes (28 bits) cannot overflow an int: no allocation on this path.
      let n = 0;
      for (let shift = 0; shift < 28; shift += 7) {
        const b = buf[p++]!;
        n |= (b & 0x7f) << shift;
        if (b < 0x80) {
          r.pos = p;
          return (n >>> 1) ^ -(n & 1);
        }
      }
    }
    const br = asReader(r);
    const v = br.readInt();
    r.pos = br.pos;
    return v;
  },
  /**
   * A long as a number, without allocating: bytes accumulate in a double while that stays
   * exact (7 bytes, 49 bits); longer varints take the bounds-checked reader.
   */
  readLong(r: DecodeState): number {
    const buf = r.buf;
    let p = r.pos;
    const end = Math.min(r.end, p + 7);
    let n = 0;
    let scale = 1;
    while (p < end) {
      const b = buf[p++]!;
      n += (b & 0x7f) * scale;
      if (b < 0x80) {
        r.pos = p;
        return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
      }
      scale *= 128;
    }
    const br = asReader(r);
    const v = br.readLong();
    r.pos = br.pos;
    return v;
  },
  readBigLong(r: DecodeState): bigint {
    const br = asReader(r);
    const v = br.readBigLong();
    r.pos = br.pos;
    return v;
  },
  readFloat(r: DecodeState): number {
    const br = asReader(r);
    const v = br.readFloat();
    r.pos = br.pos;
    return v;
  },
  readDouble(r: DecodeState): number {
    const br = asReader(r);
    const v = br.readDouble();
    r.pos = br.pos;
    return v;
  },
  tooMany(n: number, offset: number): never {
    throw new AvroDecodeError(`block of ${n} items is more than the input or limits allow`, offset);
  },
  /** Appends `n` little-endian doubles at `p` to `out` (the caller checked the bytes). */
  readDoubles(buf: Uint8Array, p: number, n: number, out: number[]): number {
    const f = new Float64Array(n);
    new Uint8Array(f.buffer).set(buf.subarray(p, p + 8 * n));
    for (let i = 0; i < n; i++) out.push(f[i]!);
    return p + 8 * n;
  },
  /** Appends `n` little-endian floats at `p` to `out` (the caller checked the bytes). */
  readFloats(buf: Uint8Array, p: number, n: number, out: number[]): number {
    const f = new Float32Array(n);
    new Uint8Array(f.buffer).set(buf.subarray(p, p + 4 * n));
    for (let i = 0; i < n; i++) out.push(f[i]!);
    return p + 4 * n;
  },
  decodeUtf8,
  /** End of the run of ASCII bytes at `p` (at most 256 bytes, and not past `end`). */
  asciiEnd(buf: Uint8Array, p: number, end: number): number {
    const lim = Math.min(end, p + 256);
    while (p < lim && buf[p]! < 0x80) p++;
    return p;
  },
  /** Bytes known to be ASCII as a string (Node's latin1 slice is the cheapest decoder there). */
  latin1: nodeLatin1 === undefined ? undefined : (buf: Uint8Array, start: number, end: number): string => nodeLatin1.call(buf, start, end),
  copyBytes,
  setOwn,
  isMapLike,
  selectBranch,
  writeLongAt,
  writeStringAt,
  /** Writes any valid long (safe number or in-range bigint) at p; fails otherwise. */
  writeAnyLong(buf: Uint8Array, p: number, x: unknown): number {
    if (typeof x === 'number') {
      if (!Number.isSafeInteger(x)) runtime.fail();
      return writeLongAt(buf, p, x);
    }
    if (typeof x !== 'bigint' || x < -(2n ** 63n) || x >= 2n ** 63n) return runtime.fail();
    let z = BigInt.asUintN(64, (x << 1n) ^ (x >> 63n));
    while (z > 0x7fn) {
      buf[p++] = Number(z & 0x7fn) | 0x80;
      z >>= 7n;
    }
    buf[p++] = Number(z);
    return p;
  },
  grow(w: ByteWriter, p: number, n: number): Uint8Array {
    w.pos = p;
    w.grow(n);
    return w.buf;
  },
  readField,
};

export type Runtime = typeof runtime;

/** True on little-endian hosts, where typed-array scratch views read Avro's floats directly. */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
