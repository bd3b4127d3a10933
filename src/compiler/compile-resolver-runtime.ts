/**
 * Conversions that resolving readers (generated and interpreted) share: the spec's numeric
 * promotions done as Java does them (correctly rounded), and long varints of any size read
 * for a floating-point reader.
 */
import { ByteReader } from '../wire/reader.js';
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
 * Helpers that generated resolvers receive as a parameter (never referenced by name), beside
 * the plain decoder's runtime: long varints of any size read for a floating-point reader.
 */
export const resolverRuntime = {
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
