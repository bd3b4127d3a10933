import { allocBytes } from '../wire/writer.js';

/** Bytes to read from: all at once, or as chunks (a Node `Readable` is such an iterable). */
export type ByteInput = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

const EMPTY = new Uint8Array(0);

/**
 * A forward-only window over chunked input: `ensure(n)` makes `n` contiguous bytes available
 * at `buf[pos]`, reading chunks as needed, so a block split across chunks is seen whole while
 * memory stays bounded by the largest block. `offset` is the absolute position in the file.
 */
export class ByteSource {
  buf: Uint8Array = EMPTY;
  pos = 0;
  end = 0;
  /** Absolute offset of `buf[0]`. */
  private base: number;
  private readonly it: AsyncIterator<Uint8Array> | Iterator<Uint8Array>;
  private owned = false;
  eof = false;

  private onClose: (() => unknown) | undefined;

  /** @param onClose called once when the source is closed (releases a file) */
  constructor(input: ByteInput, startOffset = 0, onClose?: () => unknown) {
    this.base = startOffset;
    this.onClose = onClose;
    if (input instanceof Uint8Array) this.it = [input][Symbol.iterator]();
    else if (Symbol.asyncIterator in input) this.it = input[Symbol.asyncIterator]();
    else this.it = input[Symbol.iterator]();
  }

  /** Absolute offset of `buf[pos]`. */
  get offset(): number {
    return this.base + this.pos;
  }

  get available(): number {
    return this.end - this.pos;
  }

  /** Makes `n` bytes available at `pos`; false when the input ends first. */
  async ensure(n: number): Promise<boolean> {
    while (this.end - this.pos < n) {
      if (this.eof) return false;
      const r = await this.it.next();
      if (r.done) {
        this.eof = true;
        return false;
      }
      if (r.value.length > 0) this.append(r.value, n);
    }
    return true;
  }

  private append(chunk: Uint8Array, want: number): void {
    const avail = this.end - this.pos;
    if (avail === 0) {
      this.base += this.end;
      this.buf = chunk;
      this.pos = 0;
      this.end = chunk.length;
      this.owned = false;
      return;
    }
    if (this.owned && this.buf.length - this.end >= chunk.length) {
      this.buf.set(chunk, this.end);
      this.end += chunk.length;
      return;
    }
    // Room for what is asked for at once, so a large block is assembled with one copy per chunk.
    const size = Math.max(want, avail + chunk.length, Math.min(2 * (avail + chunk.length), want * 2));
    const next = allocBytes(size);
    next.set(this.buf.subarray(this.pos, this.end), 0);
    next.set(chunk, avail);
    this.base += this.pos;
    this.buf = next;
    this.pos = 0;
    this.end = avail + chunk.length;
    this.owned = true;
  }

  consume(n: number): void {
    this.pos += n;
  }

  /** Stops reading the input (closes files and streams behind it). */
  async close(): Promise<void> {
    this.eof = true;
    const done = this.onClose;
    this.onClose = undefined;
    try {
      await this.it.return?.();
    } finally {
      await done?.();
    }
  }
}

/** Position of `marker` in `buf[from, to)`, or -1. */
export function indexOfMarker(buf: Uint8Array, marker: Uint8Array, from: number, to: number): number {
  const m0 = marker[0]!;
  const last = to - marker.length;
  outer: for (let i = buf.indexOf(m0, from); i !== -1 && i <= last; i = buf.indexOf(m0, i + 1)) {
    for (let j = 1; j < marker.length; j++) if (buf[i + j] !== marker[j]) continue outer;
    return i;
  }
  return -1;
}
