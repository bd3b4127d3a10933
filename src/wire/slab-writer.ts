import { copyBytes } from './bytes.js';
import { allocBytes, ByteWriter } from './writer.js';

const NodeBuffer = (globalThis as { Buffer?: { from(ab: ArrayBufferLike, offset: number, length: number): Uint8Array } }).Buffer;

/** `buf[start, end)` as a view: a `Buffer` on Node (built directly, faster than `subarray`). */
function viewOf(buf: Uint8Array, start: number, end: number): Uint8Array {
  return NodeBuffer !== undefined ? NodeBuffer.from(buf.buffer, buf.byteOffset + start, end - start) : buf.subarray(start, end);
}

/** Size of a fresh slab; small values share one, as Node's own Buffer pool does (8 KiB). */
const SLAB_SIZE = 8192;
/** A slab with less room than this left is replaced before the next value. */
const MIN_ROOM = 1024;
/** A slab grown past this (one huge value) is not kept for the next values. */
const MAX_KEPT = 1 << 20;

/**
 * A writer whose results are views into a shared slab, so `toBuffer` needs no copy: each value
 * is written after the previous one and handed out as its own subarray. A value that outgrows
 * the slab moves to a bigger buffer at the same offsets (generated code keeps its position).
 */
export class SlabWriter extends ByteWriter {
  private start = 0;

  constructor() {
    super(SLAB_SIZE);
  }

  /** Positions the writer for a new value. */
  begin(): void {
    if (this.buf.length - this.pos < MIN_ROOM || this.buf.length > MAX_KEPT) {
      this.buf = allocBytes(SLAB_SIZE);
      this.pos = 0;
    }
    this.start = this.pos;
  }

  /** The value written since {@link begin}, as a view the slab never writes over again. */
  end(): Uint8Array {
    if (this.pos - this.start <= 16) {
      // A view costs more than copying a few bytes into Node's own pool.
      const copy = copyBytes(this.buf, this.start, this.pos);
      this.pos = this.start;
      return copy;
    }
    const out = viewOf(this.buf, this.start, this.pos);
    // Keep later values 8-byte aligned, like Node's pool.
    this.pos = (this.pos + 7) & ~7;
    return out;
  }

  /** Drops a half-written value. */
  abort(): void {
    this.pos = this.start;
  }

  override grow(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    const next = allocBytes(Math.max(need * 2, SLAB_SIZE));
    next.set(this.buf.subarray(this.start, this.pos), this.start);
    this.buf = next;
  }
}

/** A writer over a caller's buffer that refuses to grow: `grow` throws {@link OVERFLOW}. */
export class FixedWriter extends ByteWriter {
  constructor(buf: Uint8Array, offset: number) {
    super(0);
    this.buf = buf;
    this.pos = offset;
  }

  override grow(n: number): void {
    if (this.pos + n > this.buf.length) throw OVERFLOW;
  }
}

/** Thrown by {@link FixedWriter} when the caller's buffer is too small. */
export const OVERFLOW: Error = new Error('the buffer is too small for the value');
