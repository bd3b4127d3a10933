/**
 * Node adapters: files (sequential, random access, append) and streams. Only this module
 * touches `node:fs` and `node:stream`.
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { Duplex } from 'node:stream';
import { canonicalForm } from '../schema/canonical.js';
import { parseSchema } from '../schema/parse.js';
import { Type } from '../type.js';
import { AvroContainerError } from './errors.js';
import { SYNC_SIZE } from './header.js';
import type { ContainerHeader } from './header.js';
import { chunksOf, openSplit, readHeaderOf } from './random-access.js';
import type { RandomAccessInput } from './random-access.js';
import { ContainerReader } from './reader.js';
import type { ReadOptions } from './reader.js';
import type { ByteInput } from './source.js';
import { ContainerWriter, encodeContainer } from './writer.js';
import type { ChunkSink, WriteOptions } from './writer.js';

/** A file opened for reads at any position; close it when done. */
export interface FileInput extends RandomAccessInput {
  close(): Promise<void>;
}

/** Opens `path` as a {@link RandomAccessInput}. */
export async function openFileInput(path: string): Promise<FileInput> {
  const fh = await open(path, 'r');
  const { size } = await fh.stat();
  return {
    size,
    async read(position, length) {
      const buf = Buffer.allocUnsafeSlow(length);
      const { bytesRead } = await fh.read(buf, 0, length, position);
      return bytesRead === length ? buf : buf.subarray(0, bytesRead);
    },
    close: () => fh.close(),
  };
}

/** The bytes of a file as chunks (closing the file at the end or when iteration stops). */
export async function* fileChunks(path: string, chunkSize = 256 * 1024): AsyncGenerator<Uint8Array> {
  const input = await openFileInput(path);
  try {
    yield* chunksOf(input, 0, chunkSize);
  } finally {
    await input.close();
  }
}

/** Opens a container file for reading from the start. */
export function openContainerFile(path: string, options: ReadOptions = {}): Promise<ContainerReader> {
  return ContainerReader.open(fileChunks(path), options);
}

/**
 * Opens the split `[start, end)` of a container file (see `openSplit` for which blocks a
 * split holds). The file stays open until the reader is read to the end or closed.
 */
export async function openFileSplit(path: string, start: number, end: number, options: ReadOptions = {}): Promise<ContainerReader> {
  const input = await openFileInput(path);
  try {
    return await openSplit(input, start, end, options, undefined, true);
  } catch (e) {
    await input.close();
    throw e;
  }
}

/** A sink writing to a Node writable stream, waiting for 'drain' when it is full. */
export function streamSink(stream: NodeJS.WritableStream, options: { end?: boolean } = {}): ChunkSink {
  return {
    write: (chunk) =>
      stream.write(chunk) ? undefined : new Promise<void>((resolve) => stream.once('drain', () => resolve())),
    close: () =>
      options.end === false
        ? undefined
        : new Promise<void>((resolve, reject) => {
            stream.once('error', reject);
            stream.end(() => resolve());
          }),
  };
}

/** A sink writing to a file handle at its end. */
function fileSink(fh: FileHandle): ChunkSink {
  return {
    write: async (chunk) => {
      let off = 0;
      while (off < chunk.length) off += (await fh.write(chunk, off, chunk.length - off)).bytesWritten;
    },
    close: () => fh.close(),
  };
}

/** Creates (or replaces) a container file at `path` and returns its writer. */
export async function createContainerFile(path: string, type: Type, options: WriteOptions = {}): Promise<ContainerWriter> {
  const fh = await open(path, 'w');
  return new ContainerWriter(type, fileSink(fh), options);
}

/** Options of {@link appendContainerFile}. */
export interface AppendOptions extends Omit<WriteOptions, 'codec' | 'syncMarker' | 'metadata'> {
  /** The records' schema; it must have the file's Parsing Canonical Form. Default: the file's schema. */
  schema?: unknown;
  typeOptions?: ReadOptions['typeOptions'];
}

/**
 * Opens an existing container file to add records: the new blocks use the file's schema,
 * codec and sync marker. The file must end with its sync marker (a complete last block);
 * a truncated file is refused (`avrokit repair` recovers it first).
 */
export async function appendContainerFile(path: string, options: AppendOptions = {}): Promise<ContainerWriter> {
  const input = await openFileInput(path);
  let header: ContainerHeader;
  try {
    header = await readHeaderOf(input);
    const tail = await input.read(Math.max(header.size - SYNC_SIZE, input.size - SYNC_SIZE), SYNC_SIZE);
    if (!equalBytes(tail, header.sync)) {
      throw new AvroContainerError(
        'truncated',
        `${path} does not end with its sync marker, so its last block is incomplete: recover it with \`avrokit repair\` before appending`,
        -1,
      );
    }
  } finally {
    await input.close();
  }
  const fileType = Type.forSchema(header.schemaText, options.typeOptions);
  let type = fileType;
  if (options.schema !== undefined) {
    type = Type.forSchema(options.schema, options.typeOptions);
    const want = canonicalForm(parseSchema(header.schemaText));
    const got = canonicalForm(type.schemaNode);
    if (want !== got) {
      throw new AvroContainerError('schema', `cannot append: the records' schema ${got} differs from the file's ${want}`, -1);
    }
  }
  const fh = await open(path, 'a');
  return new ContainerWriter(type, fileSink(fh), options, header);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A duplex stream: container bytes in, records out (object mode). Errors (a damaged file)
 * are emitted as 'error'. Node streams end at a `null` chunk, so a file whose records can be
 * `null` (schema `"null"` or a union with null at the top) must be read with
 * {@link ContainerReader} instead.
 */
export function createDecoderStream(options: ReadOptions = {}): Duplex {
  return Duplex.from(async function* (source: AsyncIterable<Uint8Array>) {
    const reader = await ContainerReader.open(source as ByteInput, options);
    yield* reader.records();
  });
}

/** A duplex stream: records in (object mode), container bytes out. */
export function createEncoderStream(type: Type, options: WriteOptions = {}): Duplex {
  return Duplex.from(async function* (source: AsyncIterable<unknown>) {
    yield* encodeContainer(source, type, options);
  });
}
