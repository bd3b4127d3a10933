import { copyBytes } from './bytes.js';
import { encodeUtf8Into } from './utf8.js';

const TWO_32 = 4294967296;

const NodeBuffer = (globalThis as { Buffer?: { allocUnsafeSlow(n: number): Uint8Array } }).Buffer;

/**
 * Uninitialised bytes: a Node `Buffer` where there is one (so copies of it are `Buffer`s, as
 * avsc's users expect from `toBuffer`), a plain `Uint8Array` elsewhere.
 */
export function allocBytes(n: number): Uint8Array {
  return NodeBuffer !== undefined ? NodeBuffer.allocUnsafeSlow(n) : new Uint8Array(n);
}

/**
 * A growable byte buffer with Avro's primitive encodings. Compiled encoders read and write
 * `buf` and `pos` directly and call {@link ByteWriter.grow} when they need room, so both
 * are public; everything else goes through the methods.
 */
export class ByteWriter {
  buf: Uint8Array;
  pos = 0;
  private viewCache: DataView | undefined;
  private viewOf: Uint8Array | undefined;

  constructor(initialSize = 1024) {
    this.buf = allocBytes(initialSize);
  }

  /** A DataView of the current buffer (subclasses and `grow` may replace `buf`). */
  private get view(): DataView {
    if (this.viewOf !== this.buf) {
      this.viewOf = this.buf;
      this.viewCache = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    }
    return this.viewCache!;
  }

  /** Makes room for at least `n` more bytes after `pos`. */
  grow(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    const next = allocBytes(Math.max(need, this.buf.length * 2));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /** Clears the content, keeping the allocation. */
  reset(): void {
    this.pos = 0;
  }

  /** A copy of the bytes written so far. */
  toBytes(): Uint8Array {
    return copyBytes(this.buf, 0, this.pos);
  }

  writeBoolean(b: boolean): void {
    if (this.pos + 1 > this.buf.length) this.grow(1);
    this.buf[this.pos++] = b ? 1 : 0;
  }

  /** Zig-zag varint of a 32-bit integer. */
  writeInt(n: number): void {
    if (this.pos + 5 > this.buf.length) this.grow(5);
    let z = ((n << 1) ^ (n >> 31)) >>> 0;
    const buf = this.buf;
    let p = this.pos;
    while (z > 0x7f) {
      buf[p++] = (z & 0x7f) | 0x80;
      z >>>= 7;
    }
    buf[p++] = z;
    this.pos = p;
  }

  /** Zig-zag varint of a safe integer, exact over the whole ±2^53 range. */
  writeLong(n: number): void {
    if (this.pos + 10 > this.buf.length) this.grow(10);
    this.pos = writeLongAt(this.buf, this.pos, n);
  }

  /** Zig-zag varint of a 64-bit `bigint` (wrapped to int64). */
  writeBigLong(n: bigint): void {
    if (this.pos + 10 > this.buf.length) this.grow(10);
    let z = BigInt.asUintN(64, (n << 1n) ^ (BigInt.asIntN(64, n) >> 63n));
    const buf = this.buf;
    let p = this.pos;
    while (z > 0x7fn) {
      buf[p++] = Number(z & 0x7fn) | 0x80;
      z >>= 7n;
    }
    buf[p++] = Number(z);
    this.pos = p;
  }

  writeFloat(x: number): void {
    if (this.pos + 4 > this.buf.length) this.grow(4);
    this.view.setFloat32(this.pos, x, true);
    this.pos += 4;
  }

  writeDouble(x: number): void {
    if (this.pos + 8 > this.buf.length) this.grow(8);
    this.view.setFloat64(this.pos, x, true);
    this.pos += 8;
  }

  /** Raw bytes without a length prefix (fixed, or framing). */
  writeFixed(b: Uint8Array): void {
    if (this.pos + b.length > this.buf.length) this.grow(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  writeBytes(b: Uint8Array): void {
    this.writeLong(b.length);
    this.writeFixed(b);
  }

  writeString(s: string): void {
    const max = s.length * 3;
    if (this.pos + max + 5 > this.buf.length) this.grow(max + 5);
    this.pos = writeStringAt(this.buf, this.pos, s);
  }

}

/** Writes the zig-zag varint of safe integer `n` at `p`; returns the new position. */
export function writeLongAt(buf: Uint8Array, p: number, n: number): number {
  if (n >= -0x40000000 && n < 0x40000000) {
    let z = ((n << 1) ^ (n >> 31)) >>> 0;
    while (z > 0x7f) {
      buf[p++] = (z & 0x7f) | 0x80;
      z >>>= 7;
    }
    buf[p++] = z;
    return p;
  }
  // Work on the magnitude in two 32-bit halves so that -(2^53 - 1) stays exact.
  const neg = n < 0;
  const m = neg ? -n : n;
  let hi = Math.floor(m / TWO_32);
  let lo = m - hi * TWO_32;
  hi = hi * 2 + (lo >= 0x80000000 ? 1 : 0);
  lo = (lo * 2) % TWO_32;
  if (neg) {
    if (lo === 0) {
      lo = TWO_32 - 1;
      hi -= 1;
    } else lo -= 1;
  }
  // hi < 2^22 here, so this loop is exact in doubles.
  while (hi > 0 || lo > 0x7f) {
    buf[p++] = (lo & 0x7f) | 0x80;
    lo = (lo >>> 7) + (hi & 0x7f) * 0x2000000;
    hi = Math.floor(hi / 128);
  }
  buf[p++] = lo;
  return p;
}

/** Bytes taken by the zig-zag varint of a non-negative length `n` (< 2^34). */
export function lengthPrefixSize(n: number): number {
  return n < 0x40 ? 1 : n < 0x2000 ? 2 : n < 0x100000 ? 3 : n < 0x8000000 ? 4 : 5;
}

/**
 * Writes length-prefixed UTF-8 `s` at `p`; the caller guarantees `3 * s.length + 5` bytes of
 * room. The prefix size is guessed from the bounds of the UTF-8 length, so the text is
 * encoded in place and moved only when the guess was wrong.
 */
export function writeStringAt(buf: Uint8Array, p: number, s: string): number {
  const len = s.length;
  if (len < 64) {
    // Short ASCII (the common case): one pass, and the one-byte prefix is known up front.
    let q = p + 1;
    for (let i = 0; i < len; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) return writeStringGeneral(buf, p, s);
      buf[q++] = c;
    }
    buf[p] = len << 1;
    return q;
  }
  return writeStringGeneral(buf, p, s);
}

function writeStringGeneral(buf: Uint8Array, p: number, s: string): number {
  const guess = lengthPrefixSize(s.length * 3);
  const end = encodeUtf8Into(s, buf, p + guess);
  const n = end - p - guess;
  const k = lengthPrefixSize(n);
  if (k !== guess) buf.copyWithin(p + k, p + guess, end);
  writeLongAt(buf, p, n);
  return p + k + n;
}
