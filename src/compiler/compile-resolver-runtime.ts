/**
 * Conversions that resolving readers (generated and interpreted) share: the spec's numeric
 * promotions done as Java does them (correctly rounded), and long varints of any size read
 * for a floating-point reader.
 */
import { ByteReader } from '../wire/reader.js';
import { runtime } from './runtime.js';
import type { DecodeState } from './runtime.js';

const TWO_53 = 2n ** 53n;

/** A 64-bit integer rounded once, to nearest-even, to a 32-bit float (Java's `(float) long`). */
export function bigintToFloat32(x: bigint): number {
  const neg = x < 0n;
  const m = neg ? -x : x;
  // Up to 2^53 the conversion to a double is exact, so a single fround rounds correctly.
  if (m <= TWO_53) return Math.fround(Number(x));
  const shift = BigInt(m.toString(2).length - 24);
  let keep = m >> shift;
  const rem = m & ((1n << shift) - 1n);
  const half = 1n << (shift - 1n);
  if (rem > half || (rem === half && (keep & 1n) === 1n)) keep += 1n;
  const v = Number(keep) * 2 ** Number(shift);
  return neg ? -v : v;
}

/** A long promoted to float: correctly rounded whatever its size. */
export function longToFloat(x: number | bigint): number {
  return typeof x === 'bigint' ? bigintToFloat32(x) : Math.fround(x);
}

/** A long promoted to double: nearest double whatever its size. */
export function longToDouble(x: number | bigint): number {
  return Number(x);
}

/**
 * A zig-zag long varint of at most 7 bytes (49 bits, exact in a double) at `r.pos`, or
 * undefined (with `r.pos` unchanged) for anything longer or cut short.
 */
function shortLong(r: DecodeState): number | undefined {
  const buf = r.buf;
  const end = r.end;
  let p = r.pos;
  let f = 0;
  let mul = 1;
  for (let i = 0; i < 7 && p < end; i++) {
    const b = buf[p++]!;
    f += (b & 0x7f) * mul;
    if (b < 0x80) {
      r.pos = p;
      return f % 2 === 1 ? -(f + 1) / 2 : f / 2;
    }
    mul *= 128;
  }
  return undefined;
}

/**
 * Helpers that generated resolvers receive as a parameter (never referenced by name). The
 * varint readers are the slow paths of the inline 1-2 byte reads: they read in place, without
 * allocating, and leave anything unusual (long, cut short, out of range) to the bounds-checked
 * reader, which reads it exactly or throws.
 */
export const resolverRuntime = {
  readInt(r: DecodeState): number {
    const buf = r.buf;
    const end = r.end;
    let p = r.pos;
    let n = 0;
    let shift = 0;
    let b: number;
    do {
      if (p >= end || shift > 28) return runtime.readInt(r);
      b = buf[p++]!;
      if (shift === 28 && b > 0x0f) return runtime.readInt(r);
      n |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    r.pos = p;
    return (n >>> 1) ^ -(n & 1);
  },
  readLong(r: DecodeState): number {
    return shortLong(r) ?? runtime.readLong(r);
  },
  /** Reads a long varint of any size as the nearest double (the reader promotes long → double). */
  readLongAsDouble(r: DecodeState): number {
    const x = shortLong(r);
    if (x !== undefined) return x;
    const br = new ByteReader(r.buf, r.pos, r.end);
    const v = br.readBigLong();
    r.pos = br.pos;
    return Number(v);
  },
  /** Reads a long varint of any size as the nearest float (the reader promotes long → float). */
  readLongAsFloat(r: DecodeState): number {
    const x = shortLong(r);
    if (x !== undefined) return Math.fround(x);
    const br = new ByteReader(r.buf, r.pos, r.end);
    const v = br.readBigLong();
    r.pos = br.pos;
    return bigintToFloat32(v);
  },
  toBigInt(x: number): bigint {
    return BigInt(x);
  },
};
