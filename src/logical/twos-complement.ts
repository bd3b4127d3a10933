/**
 * Big-endian two's-complement integers of any length, as `decimal` and `big-decimal` store
 * their unscaled values. Small values (the common case) take a plain-number path.
 */

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const SAFE_MIN = BigInt(Number.MIN_SAFE_INTEGER);
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** Fewest bytes that hold `v` in two's complement (at least one, so 0 is `[0x00]`). */
export function twosComplementLength(v: bigint): number {
  // Negative v needs the bits of -v - 1 (its complement) plus the sign bit; that keeps
  // -128 in one byte, as Java's BigInteger.toByteArray does.
  const m = v < 0n ? -v - 1n : v;
  if (m === 0n) return 1;
  const hex = m.toString(16);
  const bits = (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0]!, 16)));
  return (bits >> 3) + 1;
}

/**
 * `v` as big-endian two's complement: in its minimal length, or sign-extended to `size`
 * bytes. The caller makes sure it fits (`twosComplementLength(v) <= size`).
 */
export function encodeTwosComplement(v: bigint, size?: number): Uint8Array {
  const len = size ?? twosComplementLength(v);
  const out = new Uint8Array(len);
  if (v >= SAFE_MIN && v <= SAFE_MAX) {
    // Exact: every step divides a safe integer by 256 and floors.
    let x = Number(v);
    for (let i = len - 1; i >= 0; i--) {
      const b = x % 256;
      out[i] = b < 0 ? b + 256 : b;
      x = Math.floor(x / 256);
    }
    return out;
  }
  let x = v;
  for (let i = len - 1; i >= 0; i--) {
    out[i] = Number(BigInt.asUintN(8, x));
    x >>= 8n; // arithmetic shift: negative values fill with ones, which is the sign extension
  }
  return out;
}

/** The integer in big-endian two's-complement `bytes`; empty bytes are 0. */
export function decodeTwosComplement(bytes: Uint8Array): bigint {
  const n = bytes.length;
  if (n === 0) return 0n;
  const first = bytes[0]!;
  if (n <= 6) {
    // 48 bits fit a double exactly.
    let x = first >= 0x80 ? first - 256 : first;
    for (let i = 1; i < n; i++) x = x * 256 + bytes[i]!;
    return BigInt(x);
  }
  let hex = '0x';
  for (let i = 0; i < n; i++) hex += HEX[bytes[i]!];
  const u = BigInt(hex);
  return first >= 0x80 ? u - (1n << BigInt(8 * n)) : u;
}
