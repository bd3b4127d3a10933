/**
 * Merkle-Damgard padding shared by MD5 and SHA-256: the message, one 0x80 byte, zeros up to
 * 56 mod 64, then the message length in bits as 64 bits (little-endian for MD5, big-endian for
 * SHA-256). Returns a copy whose length is a multiple of 64.
 */
export function padMessage(message: Uint8Array, littleEndian: boolean): Uint8Array {
  const len = message.length;
  const total = (((len + 8) >>> 6) + 1) << 6;
  const out = new Uint8Array(total);
  out.set(message);
  out[len] = 0x80;
  const view = new DataView(out.buffer);
  // The bit count can pass 2^32 for inputs over 512 MiB: split it without losing bits.
  const lowBits = (len << 3) >>> 0;
  const highBits = Math.floor(len / 0x20000000);
  if (littleEndian) {
    view.setUint32(total - 8, lowBits, true);
    view.setUint32(total - 4, highBits, true);
  } else {
    view.setUint32(total - 8, highBits, false);
    view.setUint32(total - 4, lowBits, false);
  }
  return out;
}
