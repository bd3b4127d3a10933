/**
 * CRC-64-AVRO, the 64-bit Rabin fingerprint the spec defines in "Schema Fingerprints".
 *
 * The 64-bit state is kept as two unsigned 32-bit halves so the loop runs on plain numbers
 * (no BigInt per byte); only the public result is a BigInt.
 */

/** The spec's EMPTY constant 0xc15d213aa4d7a795: both the polynomial and the initial value. */
const EMPTY_HI = 0xc15d213a;
const EMPTY_LO = 0xa4d7a795;

/** The spec's FP_TABLE, split into high and low halves. */
const [TABLE_HI, TABLE_LO] = /* @__PURE__ */ (() => {
  const tHi = new Uint32Array(256);
  const tLo = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let hi = 0;
    let lo = i;
    for (let j = 0; j < 8; j++) {
      // fp = (fp >>> 1) ^ (EMPTY & -(fp & 1)), on the two halves.
      const mask = -(lo & 1);
      lo = ((lo >>> 1) | (hi << 31)) ^ (EMPTY_LO & mask);
      hi = (hi >>> 1) ^ (EMPTY_HI & mask);
    }
    tHi[i] = hi >>> 0;
    tLo[i] = lo >>> 0;
  }
  return [tHi, tLo] as const;
})();

/** CRC-64-AVRO of `bytes` as [high 32 bits, low 32 bits], both unsigned. */
function rabinHalves(bytes: Uint8Array): [number, number] {
  let hi = EMPTY_HI;
  let lo = EMPTY_LO;
  for (let i = 0; i < bytes.length; i++) {
    const k = (lo ^ bytes[i]!) & 0xff;
    lo = ((lo >>> 8) | (hi << 24)) ^ TABLE_LO[k]!;
    hi = (hi >>> 8) ^ TABLE_HI[k]!;
  }
  return [hi >>> 0, lo >>> 0];
}

/**
 * CRC-64-AVRO of `bytes` as an unsigned 64-bit BigInt (Java's `long` is the same bits read as
 * signed: `BigInt.asIntN(64, x)` gives the value Java prints).
 */
export function rabinFingerprint64(bytes: Uint8Array): bigint {
  const [hi, lo] = rabinHalves(bytes);
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/**
 * CRC-64-AVRO of `bytes` as 8 little-endian bytes: the order Java's `SchemaNormalization`
 * and the single-object encoding header use.
 */
export function rabinFingerprintBytes(bytes: Uint8Array): Uint8Array {
  const [hi, lo] = rabinHalves(bytes);
  const out = new Uint8Array(8);
  for (let i = 0; i < 4; i++) {
    out[i] = (lo >>> (8 * i)) & 0xff;
    out[i + 4] = (hi >>> (8 * i)) & 0xff;
  }
  return out;
}
