/**
 * Writes one data file: a standard Avro object container file (header, then blocks of count,
 * size, data and sync marker), framed here rather than by `ContainerWriter` because a
 * repository needs what a stream writer does not offer: each block's offset and first record
 * (for the id index), writes at explicit positions, and taking back a batch that failed half
 * way (the file is cut back to where the batch began and the pending block restored).
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { SYNC_SIZE, encodeHeader, randomSync } from '../container/index.js';
import type { ContainerCodec } from '../container/index.js';
import { ByteWriter } from '../wire/writer.js';
import type { EntityModel, IdKey } from './entity.js';
import { emptyFileIndex } from './file-index.js';
import type { FileIndex } from './file-index.js';
import { idKindOf } from './id-index.js';

/** The state to go back to when a batch fails. */
interface Mark {
  readonly bytes: number;
  readonly records: number;
  readonly blocks: number;
  readonly ids: number;
  readonly pendingPos: number;
  readonly pendingCount: number;
  /** The pending block as it was, saved once a block write would overwrite it. */
  saved: Uint8Array | undefined;
}

/** Options shared by the data file writers of a repository. */
export interface FileWriterOptions {
  readonly codec: ContainerCodec;
  readonly blockBytes: number;
  readonly blockRecords: number;
}

export class DataFileWriter {
  /** Bytes written to the file (committed or not). */
  bytes: number;
  /** Records in written blocks. */
  records: number;
  private readonly pending: ByteWriter;
  private pendingCount = 0;
  private mark: Mark | undefined;
  private readonly frame = new ByteWriter(32);

  private constructor(
    /** Path relative to the dataset. */
    readonly path: string,
    readonly number: number,
    readonly sync: Uint8Array,
    private readonly fh: FileHandle,
    private readonly model: EntityModel,
    private readonly options: FileWriterOptions,
    /** Blocks and ids, when the dataset has an id field. */
    readonly index: FileIndex | undefined,
    bytes: number,
    records: number,
  ) {
    this.bytes = bytes;
    this.records = records;
    this.pending = new ByteWriter(Math.min(options.blockBytes + 4096, 16 << 20));
  }

  /** Creates a new data file (header written, not yet synced). */
  static async create(
    absPath: string, path: string, number: number, model: EntityModel, options: FileWriterOptions, withIndex: boolean,
  ): Promise<DataFileWriter> {
    const sync = randomSync();
    const header = encodeHeader(model.storedText, options.codec.name, sync, undefined);
    const fh = await open(absPath, 'wx');
    try {
      await writeAll(fh, header, 0);
    } catch (e) {
      await fh.close();
      throw e;
    }
    const index = withIndex ? emptyFileIndex(idKindOf(model), header.length) : undefined;
    return new DataFileWriter(path, number, sync, fh, model, options, index, header.length, 0);
  }

  /**
   * Opens a committed data file to append blocks after its committed length (anything after
   * it, left by a writer that crashed, is cut off). `index` must describe the committed part.
   */
  static async reopen(
    absPath: string, path: string, number: number, sync: Uint8Array, committed: { bytes: number; records: number },
    model: EntityModel, options: FileWriterOptions, index: FileIndex | undefined,
  ): Promise<DataFileWriter> {
    const fh = await open(absPath, 'r+');
    try {
      await fh.truncate(committed.bytes);
    } catch (e) {
      await fh.close();
      throw e;
    }
    return new DataFileWriter(path, number, sync, fh, model, options, index, committed.bytes, committed.records);
  }

  /** Records written or pending. */
  get total(): number {
    return this.records + this.pendingCount;
  }

  /** Bytes written or pending (pending before compression). */
  get size(): number {
    return this.bytes + this.pending.pos;
  }

  /**
   * Encodes `value` (whose id has hash `hash`, with an id index) into the pending block;
   * returns true when the block is full (then `writeBlock` should follow). A value that does
   * not fit throws AvroTypeError and adds nothing.
   */
  add(value: unknown, id: IdKey | undefined, hash: number): boolean {
    const start = this.pending.pos;
    this.model.encode(value, this.pending);
    this.pendingCount++;
    const index = this.index;
    if (index !== undefined) {
      index.ids.push(id!);
      index.hashes.push(hash);
      index.starts.push(start);
    }
    return this.pending.pos >= this.options.blockBytes || this.pendingCount >= this.options.blockRecords;
  }

  /** Compresses and writes the pending block. */
  async writeBlock(): Promise<void> {
    if (this.pendingCount === 0) return;
    const m = this.mark;
    if (m !== undefined && m.saved === undefined) m.saved = Uint8Array.prototype.slice.call(this.pending.buf, 0, m.pendingPos); // a copy (Buffer#slice would share)
    const raw = this.pending.buf.subarray(0, this.pending.pos);
    const data = await this.options.codec.compress(raw);
    const f = this.frame;
    f.pos = 0;
    f.writeLong(this.pendingCount);
    f.writeLong(data.length);
    const block = new Uint8Array(f.pos + data.length + SYNC_SIZE);
    block.set(f.buf.subarray(0, f.pos), 0);
    block.set(data, f.pos);
    block.set(this.sync, f.pos + data.length);
    await writeAll(this.fh, block, this.bytes);
    this.index?.blocks.push({ offset: this.bytes, first: this.records, count: this.pendingCount });
    this.bytes += block.length;
    this.records += this.pendingCount;
    this.pending.pos = 0;
    this.pendingCount = 0;
  }

  /** True between {@link begin} and {@link end} or {@link rollback}. */
  get inBatch(): boolean {
    return this.mark !== undefined;
  }

  /** Remembers the current state, to {@link rollback} to if the batch fails. */
  begin(): void {
    this.mark = {
      bytes: this.bytes, records: this.records, blocks: this.index?.blocks.length ?? 0, ids: this.index?.ids.length ?? 0,
      pendingPos: this.pending.pos, pendingCount: this.pendingCount, saved: undefined,
    };
  }

  /** Keeps what the batch wrote. */
  end(): void {
    this.mark = undefined;
  }

  /** Goes back to the state of {@link begin}: the file is cut back and the pending block restored. */
  async rollback(): Promise<void> {
    const m = this.mark;
    if (m === undefined) return;
    this.mark = undefined;
    if (m.saved !== undefined) {
      await this.fh.truncate(m.bytes);
      this.pending.pos = 0;
      this.pending.grow(m.saved.length);
      this.pending.buf.set(m.saved, 0);
    }
    this.pending.pos = m.pendingPos;
    this.pendingCount = m.pendingCount;
    this.bytes = m.bytes;
    this.records = m.records;
    if (this.index !== undefined) {
      this.index.blocks.length = m.blocks;
      this.index.ids.truncate(m.ids);
      this.index.hashes.truncate(m.ids);
      this.index.starts.truncate(m.ids);
    }
  }

  /** Writes the pending block and makes the file's content durable. */
  async fsync(): Promise<void> {
    await this.writeBlock();
    await this.fh.sync();
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}

async function writeAll(fh: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let off = 0;
  while (off < bytes.length) off += (await fh.write(bytes, off, bytes.length - off, position + off)).bytesWritten;
}
