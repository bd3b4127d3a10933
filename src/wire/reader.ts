import { AvroDecodeError } from './errors.js';
import { copyBytes } from './bytes.js';
import { decodeUtf8 } from './utf8.js';

const TWO_32 = 4294967296;

/**
 * A bounds-checked cursor over a `Uint8Array` with Avro's primitive decodings. Every read
 * that would pass `end` throws {@link AvroDecodeError} with the offset; a length prefix is
 * checked against the bytes left before anything is allocated.
 */
export class ByteReader {
  buf: Uint8Array;
  pos: number;
  end: number;
  private viewCache: DataView | undefined;

  constructor(buf: Uint8Array, pos = 0, end = buf.length) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  private get view(): DataView {
    return (this.viewCache ??= new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength));
  }

  /** Throws unless `n` more bytes are available. */
  need(n: number, what: string): void {
    if (n > this.end - this.pos) {
      throw new AvroDecodeError(`truncated input: ${what} needs ${n} bytes, ${this.end - this.pos} left`, this.pos, '', {
        truncated: true,
      });
    }
  }

  readBoolean(): boolean {
    this.need(1, 'boolean');
    const b = this.buf[this.pos]!;
    if (b > 1) throw new AvroDecodeError(`invalid boolean byte ${b}`, this.pos);
    this.pos++;
    return b === 1;
  }

  /** Zig-zag varint as a 32-bit integer; more than 5 bytes or a value past int32 is an error. */
  readInt(): number {
    const start = this.pos;
    let n = 0;
    let shift = 0;
    let b: number;
    do {
      if (this.pos >= this.end) throw new AvroDecodeError('truncated input: unterminated int', start, '', { truncated: true });
      b = this.buf[this.pos++]!;
      if (shift === 28 && b > 0x0f) throw new AvroDecodeError('int varint out of range', start);
      n |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return (n >>> 1) ^ -(n & 1);
  }

  /** Reads the two 32-bit halves of a zig-zag varint (at most 10 bytes). */
  private readVarint64(): [hi: number, lo: number] {
    const start = this.pos;
    let lo = 0;
    let hi = 0;
    let shift = 0;
    let b: number;
    do {
      if (this.pos >= this.end) throw new AvroDecodeError('truncated input: unterminated long', start, '', { truncated: true });
      if (shift >= 70) throw new AvroDecodeError('long varint longer than 10 bytes', start);
      b = this.buf[this.pos++]!;
      const bits = b & 0x7f;
      // The 10th byte holds bit 63 only: anything more does not fit 64 bits (Java rejects it too).
      if (shift === 63 && bits > 1) throw new AvroDecodeError('long varint out of range (more than 64 bits)', start);
      if (shift < 28) lo |= bits << shift;
      else if (shift === 28) {
        lo |= (bits & 0xf) << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (shift - 32);
      shift += 7;
    } while (b & 0x80);
    return [hi >>> 0, lo >>> 0];
  }

  /**
   * Zig-zag varint as a JavaScript number. A value beyond ±(2^53 - 1) cannot be a number
   * without losing precision, so it is an error here: read it with {@link readBigLong}.
   */
  readLong(): number {
    const start = this.pos;
    // Fast path: up to 4 bytes (28 bits) fits a 32-bit int.
    const buf = this.buf;
    if (this.end - start >= 4) {
      let b = buf[start]!;
      if (b < 0x80) {
        this.pos = start + 1;
        return (b >>> 1) ^ -(b & 1);
      }
      let n = b & 0x7f;
      b = buf[start + 1]!;
      n |= (b & 0x7f) << 7;
      if (b < 0x80) {
        this.pos = start + 2;
        return (n >>> 1) ^ -(n & 1);
      }
    }
    const [hi, lo] = this.readVarint64();
    return longFromHalves(hi, lo, start);
  }

  /** Zig-zag varint as a `bigint` (exact over the whole int64 range). */
  readBigLong(): bigint {
    const [hi, lo] = this.readVarint64();
    const z = (BigInt(hi) << 32n) | BigInt(lo);
    return (z >> 1n) ^ -(z & 1n);
  }

  readFloat(): number {
    this.need(4, 'float');
    const x = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return x;
  }

  readDouble(): number {
    this.need(8, 'double');
    const x = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return x;
  }

  /** A length prefix: non-negative and at most the bytes left. */
  readLength(what: string): number {
    const start = this.pos;
    const n = this.readLong();
    if (n < 0) throw new AvroDecodeError(`negative ${what} length ${n}`, start);
    if (n > this.end - this.pos) {
      throw new AvroDecodeError(`truncated input: ${what} of ${n} bytes, ${this.end - this.pos} left`, start, '', {
        truncated: true,
      });
    }
    return n;
  }

  /** Bytes, copied out of the input (the input buffer may be reused by the caller). */
  readBytes(): Uint8Array {
    const n = this.readLength('bytes');
    const out = copyBytes(this.buf, this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  readString(): string {
    const n = this.readLength('string');
    const s = decodeUtf8(this.buf, this.pos, this.pos + n);
    this.pos += n;
    return s;
  }

  readFixed(size: number): Uint8Array {
    this.need(size, 'fixed');
    const out = copyBytes(this.buf, this.pos, this.pos + size);
    this.pos += size;
    return out;
  }

  skip(n: number, what: string): void {
    this.need(n, what);
    this.pos += n;
  }

  skipLong(): void {
    this.readVarint64();
  }
}

/** Zig-zag decodes the 64-bit varint `hi:lo`; throws when the value is not a safe integer. */
export function longFromHalves(hi: number, lo: number, offset: number): number {
  const odd = lo & 1;
  const mhi = hi >>> 1;
  const mlo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
  const m = mhi * TWO_32 + mlo + odd;
  if (mhi >= 0x200000 || m > Number.MAX_SAFE_INTEGER) {
    throw new AvroDecodeError(
      'long value outside ±(2^53 - 1) cannot be a number without losing precision; ' +
        "use Type.forSchema(schema, { longs: 'bigint' })",
      offset,
    );
  }
  return odd ? -m : m;
}
