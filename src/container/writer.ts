import type { Type } from '../type.js';
import { allocBytes, ByteWriter } from '../wire/writer.js';
import type { CodecRegistry, ContainerCodec } from './codec.js';
import { defaultCodecs } from './codecs/index.js';
import { encodeHeader, randomSync, SYNC_SIZE } from './header.js';
import type { ContainerHeader, MetadataValue } from './header.js';

/** Options of the container writers. */
export interface WriteOptions {
  /** Codec name (default `null`): `deflate`, `snappy`, `zstandard`, `bzip2`, `xz` or a registered one. */
  codec?: string;
  /** Codecs by name (default {@link defaultCodecs}). */
  codecs?: CodecRegistry;
  /**
   * A block is written once its records take this many bytes, before compression (default
   * 64 KiB). Larger blocks compress better; smaller ones give finer splits.
   */
  blockBytes?: number;
  /** A block is also written once it holds this many records (default: no limit). */
  blockRecords?: number;
  /**
   * With a codec that compresses asynchronously (deflate in Node's thread pool): how many
   * blocks may be compressing at once while the next is encoded (default 3). Blocks are still
   * written in order; memory grows by two blocks per unit. 1 compresses one block at a time.
   */
  blocksInFlight?: number;
  /** User metadata for the header (keys starting with `avro.` are reserved). */
  metadata?: Readonly<Record<string, MetadataValue>> | ReadonlyMap<string, MetadataValue>;
  /** The 16-byte sync marker (default random; set it for reproducible output). */
  syncMarker?: Uint8Array;
}

/** Where a writer's bytes go. A promise from `write` is awaited before the next write. */
export interface ChunkSink {
  write(chunk: Uint8Array): void | Promise<void>;
  close?(): void | Promise<void>;
}

export const DEFAULT_BLOCK_BYTES = 64 * 1024;

/** Room kept before a block's data for its count and size (two varints of at most 10 bytes). */
const HEAD_ROOM = 20;

/**
 * The synchronous core of every writer: encodes records into the pending block and frames
 * blocks (count, size, data, sync). Compression, which may be asynchronous, happens in
 * {@link BlockBuilder.takeBlock}. Records are encoded after {@link HEAD_ROOM} free bytes, so
 * a block stored as it is (the null codec) is framed in place, without a copy.
 */
export class BlockBuilder {
  readonly sync: Uint8Array;
  private readonly data: ByteWriter;
  private readonly header = new ByteWriter(32);
  private count = 0;
  /** Block buffers handed to an asynchronous codec and free again. */
  private readonly spare: Uint8Array[] = [];
  /** `data.pos` at which a block is full (blockBytes after the head room). */
  private readonly fullAt: number;
  private readonly blockRecords: number;

  constructor(
    readonly type: Type,
    sync: Uint8Array,
    options: WriteOptions,
  ) {
    if (sync.length !== SYNC_SIZE) throw new RangeError(`a sync marker has ${SYNC_SIZE} bytes, got ${sync.length}`);
    this.sync = sync;
    const blockBytes = positive('blockBytes', options.blockBytes ?? DEFAULT_BLOCK_BYTES);
    this.fullAt = HEAD_ROOM + blockBytes;
    this.blockRecords = positive('blockRecords', options.blockRecords ?? Infinity);
    this.data = new ByteWriter(Math.min(blockBytes + 1024, 16 << 20) + HEAD_ROOM + SYNC_SIZE);
    this.data.pos = HEAD_ROOM;
  }

  /** Records waiting in the current block. */
  get pending(): number {
    return this.count;
  }

  /**
   * Encodes `record` into the current block; returns true when the block is full. A record
   * that does not fit the schema throws AvroTypeError with its path and leaves the block as it was.
   */
  add(record: unknown): boolean {
    this.type.encodeInto(record, this.data);
    this.count++;
    return this.data.pos >= this.fullAt || this.count >= this.blockRecords;
  }

  /**
   * Encodes `records[from]`, `records[from + 1]`… until the block is full or the array ends,
   * and returns the index of the first record not added (a record that does not fit the
   * schema throws as in {@link BlockBuilder.add}, with the records before it added). One
   * tight loop per block: the fastest way to add records held in an array.
   */
  addRange(records: ArrayLike<unknown>, from: number): number {
    const type = this.type;
    const w = this.data;
    const fullAt = this.fullAt;
    const maxRecords = this.blockRecords;
    let i = from;
    let count = this.count;
    try {
      while (i < records.length) {
        type.encodeInto(records[i], w);
        i++;
        if (++count >= maxRecords || w.pos >= fullAt) break;
      }
    } finally {
      this.count = count;
    }
    return i;
  }

  /** True when the current block has reached `blockBytes` or `blockRecords`. */
  get full(): boolean {
    return this.data.pos >= this.fullAt || this.count >= this.blockRecords;
  }

  /**
   * Appends records already encoded with this schema (`count` of them in `bytes`), unchecked:
   * for tools that copy records between files. Returns true when the block is full.
   */
  addEncoded(bytes: Uint8Array, count: number): boolean {
    this.data.writeFixed(bytes);
    this.count += count;
    return this.data.pos >= this.fullAt || this.count >= this.blockRecords;
  }

  /** Frames a block compressed elsewhere (count, size, data, this file's sync marker). */
  frame(count: number, compressed: Uint8Array): Uint8Array {
    return this.frameCopy(count, compressed);
  }

  /** The current block, compressed and framed, as one chunk (undefined when empty); starts a new block. */
  takeBlock(codec: ContainerCodec): Uint8Array | undefined | Promise<Uint8Array | undefined> {
    if (this.count === 0) return undefined;
    const used = this.data.buf;
    const end = this.data.pos;
    const raw = used.subarray(HEAD_ROOM, end);
    const count = this.count;
    const compressed = codec.compress(raw);
    if (compressed instanceof Uint8Array) {
      const stored = compressed.buffer === raw.buffer && compressed.byteOffset === raw.byteOffset && compressed.length === raw.length;
      // In place when the buffer is mostly used; a small block is copied out instead, so a
      // chunk the caller keeps does not hold on to a mostly empty buffer.
      if (stored && end * 2 >= used.length) return this.frameInPlace(count, end);
      const framed = this.frameCopy(count, compressed);
      this.startBlock();
      return framed;
    }
    // The codec works asynchronously on `raw`: encoding goes on in another buffer, and this
    // one is reused once the block is framed (framing copies it if the codec returned it).
    this.data.buf = this.spare.pop() ?? allocBytes(used.length);
    this.startBlock();
    return compressed.then((c) => {
      const framed = this.frameCopy(count, c);
      if (this.spare.length < MAX_SPARE) this.spare.push(used);
      return framed;
    });
  }

  private startBlock(): void {
    this.data.pos = HEAD_ROOM;
    this.count = 0;
  }

  /** The block header (count and size varints) in `this.header`. */
  private blockHeader(count: number, size: number): ByteWriter {
    const f = this.header;
    f.pos = 0;
    f.writeLong(count);
    f.writeLong(size);
    return f;
  }

  /** Frames the pending data where it is and hands the buffer out with it; a new buffer takes its place. */
  private frameInPlace(count: number, end: number): Uint8Array {
    const d = this.data;
    if (end + SYNC_SIZE > d.buf.length) d.grow(SYNC_SIZE);
    const buf = d.buf;
    const f = this.blockHeader(count, end - HEAD_ROOM);
    const start = HEAD_ROOM - f.pos;
    buf.set(f.buf.subarray(0, f.pos), start);
    buf.set(this.sync, end);
    d.buf = allocBytes(buf.length);
    this.startBlock();
    return buf.subarray(start, end + SYNC_SIZE);
  }

  private frameCopy(count: number, compressed: Uint8Array): Uint8Array {
    const f = this.blockHeader(count, compressed.length);
    const out = allocBytes(f.pos + compressed.length + SYNC_SIZE);
    out.set(f.buf.subarray(0, f.pos), 0);
    out.set(compressed, f.pos);
    out.set(this.sync, f.pos + compressed.length);
    return out;
  }
}

/** Free block buffers kept for reuse (about the blocks in flight). */
const MAX_SPARE = 4;

function positive(name: string, n: number): number {
  if (!(n >= 1)) throw new RangeError(`${name} must be at least 1, got ${n}`);
  return n;
}

const DONE: Promise<void> = Promise.resolve();

/**
 * Writes an object container file to a {@link ChunkSink}: the header, then a block each time
 * the pending records reach `blockBytes` or `blockRecords`, on `flush()` and on `close()`.
 *
 * ```ts
 * const w = new ContainerWriter(type, sink, { codec: 'deflate' });
 * for (const r of records) await w.write(r);
 * await w.close();
 * ```
 */
export class ContainerWriter {
  private readonly builder: BlockBuilder;
  private codec: ContainerCodec | undefined;
  private headerBytes: Uint8Array | undefined;
  private closed = false;
  private readonly inflight: Promise<Uint8Array | undefined>[] = [];
  private readonly maxInFlight: number;
  readonly codecName: string;
  private readonly codecs: CodecRegistry;

  /**
   * @param type the schema of the records
   * @param sink where bytes go
   * @param options codec, block size, metadata, sync marker
   * @param append the header of an existing file to append to: no header is written, and the
   *   file's sync marker and codec are used (see `appendContainerFile` for files on disk)
   */
  constructor(
    readonly type: Type,
    private readonly sink: ChunkSink,
    options: WriteOptions = {},
    append?: ContainerHeader,
  ) {
    this.codecs = options.codecs ?? defaultCodecs();
    this.codecName = append?.codec ?? options.codec ?? 'null';
    if (append !== undefined && options.codec !== undefined && options.codec !== append.codec) {
      throw new RangeError(`cannot append "${options.codec}" blocks to a file whose codec is "${append.codec}"`);
    }
    if (!this.codecs.has(this.codecName)) {
      throw new RangeError(`unknown codec "${this.codecName}": known are ${this.codecs.names().join(', ')}`);
    }
    const sync = append?.sync ?? options.syncMarker ?? randomSync();
    this.builder = new BlockBuilder(type, sync, options);
    this.maxInFlight = positive('blocksInFlight', options.blocksInFlight ?? DEFAULT_BLOCKS_IN_FLIGHT);
    if (append === undefined) {
      this.headerBytes = encodeHeader(JSON.stringify(type.schema()), this.codecName, sync, options.metadata);
    }
  }

  /** The file's sync marker. */
  get sync(): Uint8Array {
    return this.builder.sync;
  }

  /**
   * Adds a record without waiting; returns true when the current block is full, and then
   * `await endBlock()` (or `flush()`) should come before the next record (else the block
   * just grows). The fastest way to write from synchronous code.
   */
  add(record: unknown): boolean {
    if (this.closed) throw new Error('write after close');
    return this.builder.add(record);
  }

  /**
   * Adds `records[from]`… until the current block is full or the array ends; returns the
   * index of the first record not added. Then `await endBlock()` when {@link ContainerWriter.blockFull}.
   */
  addRange(records: ArrayLike<unknown>, from = 0): number {
    if (this.closed) throw new Error('write after close');
    return this.builder.addRange(records, from);
  }

  /** True when the current block is full: `await endBlock()` before adding more. */
  get blockFull(): boolean {
    return this.builder.full;
  }

  /** Appends pre-encoded records (see {@link BlockBuilder.addEncoded}); true when the block is full. */
  addEncoded(bytes: Uint8Array, count: number): boolean {
    if (this.closed) throw new Error('write after close');
    return this.builder.addEncoded(bytes, count);
  }

  /**
   * Writes a whole block as it is, after flushing pending records: `data` compressed with this
   * file's codec when `compressed`, else raw record bytes that are compressed here. For tools
   * that copy or recompress blocks without decoding records (concat, recodec).
   */
  async writeBlock(count: number, data: Uint8Array, compressed: boolean): Promise<void> {
    if (this.closed) throw new Error('write after close');
    await this.flushBlock();
    this.codec ??= await this.codecs.get(this.codecName);
    await this.sink.write(this.builder.frame(count, compressed ? data : await this.codec.compress(data)));
  }

  /**
   * Adds a record. The promise settles once the record is accepted: when it completed a block,
   * after that block is handed to the codec (blocks are written in order; `flush()` and
   * `close()` wait for all of them). Await each call before the next.
   */
  write(record: unknown): Promise<void> {
    if (this.closed) return Promise.reject(new Error('write after close'));
    try {
      return this.builder.add(record) ? this.endBlock() : DONE;
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** Adds every record of `records` (sync or async iterable). */
  async writeAll(records: Iterable<unknown> | AsyncIterable<unknown>): Promise<void> {
    if (this.closed) throw new Error('write after close');
    const b = this.builder;
    if (Array.isArray(records)) {
      for (let i = 0; i < records.length; ) {
        i = b.addRange(records, i);
        if (b.full) await this.endBlock();
      }
    } else if (Symbol.iterator in records) {
      for (const r of records) if (b.add(r)) await this.endBlock();
    } else {
      for await (const r of records) if (b.add(r)) await this.endBlock();
    }
  }

  /** Writes the pending records as a block now (a reader then sees them), and the header if not yet written. */
  async flush(): Promise<void> {
    await this.flushBlock();
  }

  /** Flushes and closes the sink. A file with no records is still a valid file (header only). */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flushBlock();
    this.closed = true;
    await this.sink.close?.();
  }

  /** Ends the current block and waits until everything is written to the sink. */
  private async flushBlock(): Promise<void> {
    await this.endBlock();
    await this.drain(0);
  }

  /**
   * Ends the current block without waiting for it to be written: a block compressed
   * asynchronously joins the blocks in flight (at most `blocksInFlight`, written in order), so encoding
   * goes on meanwhile. What to await after {@link ContainerWriter.add} returned true.
   */
  async endBlock(): Promise<void> {
    if (this.headerBytes !== undefined) {
      const h = this.headerBytes;
      this.headerBytes = undefined;
      await this.sink.write(h);
    }
    if (this.builder.pending === 0) return;
    this.codec ??= await this.codecs.get(this.codecName);
    const block = this.builder.takeBlock(this.codec);
    if (block instanceof Promise) {
      block.catch(() => undefined); // awaited in drain; failures surface there
      this.inflight.push(block);
      await this.drain(this.maxInFlight - 1);
    } else {
      await this.drain(0);
      if (block !== undefined) await this.sink.write(block);
    }
  }

  /** Writes finished blocks in order until at most `keep` are still in flight. */
  private async drain(keep: number): Promise<void> {
    while (this.inflight.length > keep) {
      const block = await this.inflight.shift()!;
      if (block !== undefined) await this.sink.write(block);
    }
  }
}

/**
 * Blocks compressing at once by default: with two cores, two blocks compress while the main
 * thread encodes the next (encoding is several times faster than deflate at level 6).
 */
const DEFAULT_BLOCKS_IN_FLIGHT = 3;

/**
 * Encodes records as an object container file, chunk by chunk (the header, then one chunk
 * per block), in memory bounded by one block.
 */
export async function* encodeContainer(
  records: Iterable<unknown> | AsyncIterable<unknown>,
  type: Type,
  options: WriteOptions = {},
): AsyncGenerator<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const writer = new ContainerWriter(type, { write: (c) => void chunks.push(c) }, options);
  const drain = function* () {
    while (chunks.length > 0) yield chunks.shift()!;
  };
  yield* drain();
  if (Array.isArray(records)) {
    for (let i = 0; i < records.length; ) {
      i = writer.addRange(records, i);
      if (writer.blockFull) {
        await writer.endBlock();
        yield* drain();
      }
    }
  } else if (Symbol.iterator in records) {
    for (const r of records) {
      if (writer.add(r)) {
        await writer.endBlock();
        yield* drain();
      }
    }
  } else {
    for await (const r of records) {
      if (writer.add(r)) {
        await writer.endBlock();
        yield* drain();
      }
    }
  }
  await writer.close();
  yield* drain();
}
