import type * as Zlib from 'node:zlib';

/**
 * The most raw deflate can take for `n` input bytes (zlib's deflateBound with margin): an
 * output buffer this large receives a whole block in one pass. zlib's default 16 KiB output
 * chunks would cost a round trip to the thread pool (and a concatenation) per 16 KiB, each
 * waiting for the main thread, which is busy encoding the next block.
 */
export function deflateBound(n: number): number {
  return n + (n >>> 12) + (n >>> 14) + 64;
}

/** Idle compressors kept (a writer keeps `blocksInFlight` busy, 3 by default). */
const MAX_IDLE = 4;

/**
 * Blocks' worth of output buffer per compressor. A zlib stream fills its output buffer block
 * after block and takes a new one when it is full, so a block whose output does not fit in
 * what is left takes a second pass and a concatenation: with room for several blocks that
 * happens once every several blocks.
 */
const OUTPUT_BLOCKS = 8;
/** …as long as that stays under 1 MiB (large blocks get an output buffer of one block). */
const MAX_SHARED_OUTPUT = 1 << 20;

/**
 * One raw deflate stream reused for block after block. `zlib.deflateRaw` builds a new stream
 * per call, and zlib then allocates and clears about 400 KiB of state for it (over 10% of
 * deflating a 64 KiB block at level 6); here each write is a complete deflate stream of its
 * own (the stream's flush mode is Z_FINISH), and `reset()` readies the same state for the next.
 */
class Compressor {
  private parts: Buffer[] = [];
  private failure: Error | undefined;
  private readonly stream: Zlib.DeflateRaw;

  constructor(
    zlib: typeof Zlib,
    options: Zlib.ZlibOptions,
    /** The largest input whose output fits one chunk. */
    readonly capacity: number,
  ) {
    this.stream = zlib.createDeflateRaw({
      ...options,
      flush: zlib.constants.Z_FINISH,
      chunkSize: Math.max(deflateBound(capacity), Math.min(OUTPUT_BLOCKS * deflateBound(capacity), MAX_SHARED_OUTPUT)),
    });
    // The output of a write arrives as 'data' before the write's callback runs.
    this.stream.on('data', (chunk: Buffer) => this.parts.push(chunk));
    this.stream.on('error', (e: Error) => (this.failure = e));
  }

  /** The raw deflate stream of `data`; undefined if this compressor cannot be used again. */
  compress(data: Uint8Array): Promise<Buffer | undefined> {
    return new Promise((resolve, reject) => {
      this.stream.write(data, (err) => {
        const e = err ?? this.failure;
        if (e) return reject(e);
        const parts = this.parts;
        this.parts = [];
        // Never seen, but output must exist: a stream that misbehaves is dropped, the caller
        // falls back to a one-off stream.
        if (parts.length === 0) return resolve(undefined);
        this.stream.reset();
        resolve(parts.length === 1 ? parts[0] : Buffer.concat(parts));
      });
    });
  }

  close(): void {
    this.stream.close();
  }
}

/**
 * Deflates blocks in Node's thread pool with reused compressors, several blocks at once
 * (each in flight has its own compressor).
 */
export class DeflatePool {
  private readonly idle: Compressor[] = [];

  constructor(
    private readonly zlib: typeof Zlib,
    private readonly options: Zlib.ZlibOptions,
  ) {}

  async compress(data: Uint8Array): Promise<Uint8Array> {
    let c = this.idle.pop();
    if (c !== undefined && c.capacity < data.length) {
      c.close();
      c = undefined;
    }
    c ??= new Compressor(this.zlib, this.options, Math.max(data.length, 64 * 1024));
    let out: Buffer | undefined;
    try {
      out = await c.compress(data);
    } catch (e) {
      c.close();
      throw e;
    }
    if (out === undefined) {
      c.close();
      return this.oneOff(data);
    }
    if (this.idle.length < MAX_IDLE) this.idle.push(c);
    else c.close();
    return out;
  }

  private oneOff(data: Uint8Array): Promise<Uint8Array> {
    return new Promise((resolve, reject) =>
      this.zlib.deflateRaw(data, { ...this.options, chunkSize: deflateBound(data.length) }, (err, out) =>
        err ? reject(err) : resolve(out),
      ),
    );
  }
}
