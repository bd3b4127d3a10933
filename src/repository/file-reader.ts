/**
 * Reads data files as a snapshot: only the committed bytes (an append in progress is not
 * seen), block by block in memory bounded by one block, every record read through a resolver
 * from the file's schema to the (possibly projected) schema of the current class. Damage is
 * reported with the file's name.
 */
import { readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { CodecContext } from '../codec/context.js';
import { AvroContainerError, ContainerReader, SYNC_SIZE, chunksOf } from '../container/index.js';
import type { CodecRegistry, ContainerCodec, RandomAccessInput } from '../container/index.js';
import { buildResolvingReader } from '../compiler/resolver.js';
import { parseSchema } from '../schema/parse.js';
import type { RecordSchema, Schema } from '../schema/model.js';
import { ByteReader } from '../wire/reader.js';
import { codeOf, messageOf, RepositoryError } from './errors.js';

/** Reads one record written with a file's schema. */
export type RecordReader = (r: ByteReader) => unknown;

/** What a reader needs to know of a data file (a manifest entry, or the live state of one). */
export interface FileRef {
  /** The file's name in the dataset (relative path). */
  readonly path: string;
  /** Where it is on disk now (relative): `path`, or its in-progress name before the first commit. */
  readonly at: string;
  readonly bytes: number;
  readonly sync: string;
  readonly codec: string;
  /** The file's schema as the manifest records it. */
  readonly schemaText: string;
}

/**
 * Resolving readers by (reader node, writer schema text), built once: the writer side comes
 * from the files, the reader side from the entity (or a projection of it), decoded with the
 * caller's codec context so records are the caller's classes.
 */
export class Decoders {
  private readonly writers = new Map<string, Schema>();
  private readonly built = new WeakMap<RecordSchema, Map<string, RecordReader>>();

  constructor(private readonly ctx: CodecContext) {}

  /** The parsed schema of `file`. */
  writer(file: FileRef): Schema {
    let writer = this.writers.get(file.schemaText);
    if (writer === undefined) this.writers.set(file.schemaText, (writer = parseSchema(file.schemaText)));
    return writer;
  }

  /** A reader of `file`'s records as `reader`; RepositoryError `incompatible` naming the file when there is none. */
  get(reader: RecordSchema, file: FileRef): RecordReader {
    let byWriter = this.built.get(reader);
    if (byWriter === undefined) this.built.set(reader, (byWriter = new Map()));
    let fn = byWriter.get(file.schemaText);
    if (fn === undefined) {
      try {
        fn = buildResolvingReader(reader, this.writer(file), this.ctx);
      } catch (e) {
        throw new RepositoryError('incompatible', `${file.path}: its records cannot be read as ${reader.name}: ${messageOf(e)}`, {
          file: file.path,
          cause: e,
        });
      }
      byWriter.set(file.schemaText, fn);
    }
    return fn;
  }
}

/** The decompressed data of one block and where its records are. */
export interface DataBlock {
  /** Ordinal in the file of the block's first record. */
  readonly first: number;
  readonly count: number;
  readonly offset: number;
  readonly data: Uint8Array;
}

/** Wraps an error met reading `file` as RepositoryError `damaged` naming it. */
export function damaged(file: string, e: unknown): RepositoryError {
  if (e instanceof RepositoryError) return e;
  if (codeOf(e) === 'ENOENT') {
    return new RepositoryError(
      'damaged',
      `${file} is listed in the manifest but missing from the dataset (removed by hand, or vacuumed while an old snapshot read it)`,
      { file, cause: e },
    );
  }
  const what = e instanceof AvroContainerError ? `damaged container file: ${e.message}` : messageOf(e);
  return new RepositoryError('damaged', `${file}: ${what}`, { file, cause: e });
}

/** Opens `abs` for reads of its first `bytes` bytes. */
async function openCommitted(abs: string, file: FileRef): Promise<RandomAccessInput & { close(): Promise<void> }> {
  const fh = await open(abs, 'r');
  const { size } = await fh.stat();
  if (size < file.bytes) {
    await fh.close();
    throw new RepositoryError(
      'damaged',
      `${file.path} has ${size} bytes but ${file.bytes} were committed to it: the file was truncated or replaced`,
      { file: file.path },
    );
  }
  return {
    size: file.bytes,
    async read(position, length) {
      const buf = Buffer.allocUnsafeSlow(length);
      const { bytesRead } = await fh.read(buf, 0, length, position);
      return bytesRead === length ? buf : buf.subarray(0, bytesRead);
    },
    close: () => fh.close(),
  };
}

/**
 * The blocks of `file` from `fromOffset` (a block boundary; default the first block) to its
 * committed length, decompressed. `firstOrdinal` is the ordinal of the first record read.
 */
export async function* readBlocks(
  abs: string, file: FileRef, codecs: CodecRegistry, fromOffset?: number, firstOrdinal = 0,
): AsyncGenerator<DataBlock> {
  let input;
  let reader: ContainerReader;
  try {
    input = await openCommitted(abs, file);
  } catch (e) {
    throw damaged(file.path, e);
  }
  try {
    let chunks: AsyncIterable<Uint8Array> = chunksOf(input, 0, 256 * 1024);
    let shift = 0;
    if (fromOffset !== undefined) {
      // The header, then the blocks from `fromOffset`: a valid container file whose offsets are shifted.
      const head = await ContainerReader.open(chunksOf(input, 0, 64 * 1024));
      const headerSize = head.header.size;
      await head.close();
      const headerBytes = await input.read(0, headerSize);
      chunks = prepend(headerBytes, chunksOf(input, fromOffset, 256 * 1024));
      shift = fromOffset - headerSize;
    }
    reader = await ContainerReader.open(chunks);
    checkHeader(file, reader);
    const codec = await codecs.get(reader.header.codec);
    let ordinal = firstOrdinal;
    for await (const block of reader.blocks()) {
      const data = await codec.decompress(block.data, 256 << 20);
      yield { first: ordinal, count: block.count, offset: block.offset + shift, data };
      ordinal += block.count;
    }
  } catch (e) {
    throw damaged(file.path, e);
  } finally {
    await input.close();
  }
}

async function* prepend(first: Uint8Array, rest: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield first;
  yield* rest;
}

function checkHeader(file: FileRef, reader: ContainerReader): void {
  const sync = Buffer.from(reader.header.sync).toString('hex');
  if (sync !== file.sync) {
    throw new RepositoryError('damaged', `${file.path} is not the file the manifest lists (its sync marker differs): it was replaced`, {
      file: file.path,
    });
  }
  if (reader.header.schemaText !== file.schemaText) {
    throw new RepositoryError('damaged', `${file.path}'s schema differs from the one the manifest records for it: it was replaced`, {
      file: file.path,
    });
  }
}

/** Decodes the `count` records of a block with `read`, checking that they fill it exactly. */
export function decodeBlock(file: string, block: DataBlock, read: RecordReader, out: unknown[]): void {
  const r = new ByteReader(block.data, 0, block.data.length);
  try {
    for (let i = 0; i < block.count; i++) out.push(read(r));
  } catch (e) {
    throw new RepositoryError('damaged', `${file}: block at byte ${block.offset}: ${messageOf(e)}`, { file, cause: e });
  }
  if (r.pos !== block.data.length) {
    throw new RepositoryError('damaged', `${file}: block at byte ${block.offset}: ${block.data.length - r.pos} bytes left over after its ${block.count} records`, {
      file,
    });
  }
}

/**
 * Open file handles for single-block reads (lookups by id), at most `max` at a time; the
 * least recently used is closed first.
 */
export class HandleCache {
  private readonly handles = new Map<string, Promise<FileHandle>>();

  constructor(private readonly max = 64) {}

  async get(abs: string): Promise<FileHandle> {
    let h = this.handles.get(abs);
    if (h !== undefined) {
      this.handles.delete(abs);
      this.handles.set(abs, h);
      return h;
    }
    h = open(abs, 'r');
    this.handles.set(abs, h);
    h.catch(() => this.handles.delete(abs));
    if (this.handles.size > this.max) {
      const [oldest, p] = this.handles.entries().next().value as [string, Promise<FileHandle>];
      this.handles.delete(oldest);
      void p.then((fh) => fh.close()).catch(() => undefined);
    }
    return h;
  }

  /** Closes the handle of `abs`, if open (its file is about to be removed). */
  async drop(abs: string): Promise<void> {
    const h = this.handles.get(abs);
    this.handles.delete(abs);
    await h?.then((fh) => fh.close()).catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    const all = [...this.handles.values()];
    this.handles.clear();
    await Promise.all(all.map((p) => p.then((fh) => fh.close()).catch(() => undefined)));
  }

  /** A buffer for single-block reads, reused (lookups run one at a time and copy what they decode). */
  scratch(size: number): Buffer {
    if (this.buffer.length < size) this.buffer = Buffer.allocUnsafeSlow(Math.max(size, this.buffer.length * 2));
    return this.buffer;
  }

  private buffer = Buffer.allocUnsafeSlow(128 * 1024);
}

/**
 * Reads and decompresses the block in `[offset, end)` of `file` (for a lookup by id). The data
 * may be in the cache's scratch buffer: decode from it before the next read.
 */
export async function readBlockAt(
  handles: HandleCache, abs: string, file: FileRef, codec: ContainerCodec, offset: number, end: number, first: number,
): Promise<DataBlock> {
  try {
    const fh = await handles.get(abs);
    const buf = handles.scratch(end - offset);
    // Synchronous on purpose: one pread of a block (microseconds from the page cache), where
    // a thread-pool round trip costs as much again, and up to a scheduler quantum on a busy machine.
    const bytesRead = readSync(fh.fd, buf, 0, end - offset, offset);
    const r = new ByteReader(buf, 0, bytesRead);
    const count = r.readLong();
    const size = r.readLong();
    if (count < 0 || size < 0 || r.pos + size + SYNC_SIZE !== bytesRead) {
      throw new Error(`invalid block at byte ${offset} (count ${count}, size ${size}, ${bytesRead} bytes to the next block)`);
    }
    const syncAt = r.pos + size;
    for (let i = 0; i < SYNC_SIZE; i++) {
      if (buf[syncAt + i] !== parseInt(file.sync.slice(2 * i, 2 * i + 2), 16)) {
        throw new Error(`the block at byte ${offset} is not followed by the sync marker`);
      }
    }
    const data = await codec.decompress(buf.subarray(r.pos, syncAt), 256 << 20);
    return { first, count, offset, data };
  } catch (e) {
    throw damaged(file.path, e);
  }
}
