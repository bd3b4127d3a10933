import type { ContainerHeader } from './header.js';
import { SYNC_SIZE } from './header.js';
import { containerLimits } from './limits.js';
import { ContainerReader, readHeader } from './reader.js';
import type { ReadOptions } from './reader.js';
import { ByteSource, indexOfMarker } from './source.js';

/**
 * Bytes that can be read at any position: a file (`openFileInput` on Node), a buffer
 * ({@link memoryInput}), an object in a store that serves ranges.
 */
export interface RandomAccessInput {
  /** Total length in bytes. */
  readonly size: number;
  /** Up to `length` bytes at `position` (fewer only at the end). */
  read(position: number, length: number): Promise<Uint8Array>;
  /** Releases the input (a file handle); called by readers that own their input. */
  close?(): Promise<void>;
}

/** A {@link RandomAccessInput} over bytes in memory. */
export function memoryInput(bytes: Uint8Array): RandomAccessInput {
  return {
    size: bytes.length,
    read: (position, length) => Promise.resolve(bytes.subarray(position, Math.min(bytes.length, position + length))),
  };
}

const CHUNK = 256 * 1024;

/** The bytes of `input` from `position` to its end, as chunks. */
export async function* chunksOf(input: RandomAccessInput, position = 0, chunkSize = CHUNK): AsyncGenerator<Uint8Array> {
  for (let p = position; p < input.size; ) {
    const chunk = await input.read(p, Math.min(chunkSize, input.size - p));
    if (chunk.length === 0) return;
    p += chunk.length;
    yield chunk;
  }
}

/** Reads the header of a random-access file. */
export async function readHeaderOf(input: RandomAccessInput, options: Pick<ReadOptions, 'limits'> = {}): Promise<ContainerHeader> {
  const src = new ByteSource(chunksOf(input, 0, 64 * 1024));
  try {
    return await readHeader(src, containerLimits(options.limits));
  } finally {
    await src.close();
  }
}

/**
 * The offset where the first sync marker at or after `offset` starts, or -1 when there is
 * none. The header's own marker (at `header.size - 16`) counts; bytes of the header before it
 * are never searched, so a marker's bytes inside the metadata (`syncInMeta.avro`) do not
 * mislead. A block's data could in principle hold the marker's 16 bytes (probability 2^-128
 * per position for random data), as in every Avro implementation.
 */
export async function findSync(input: RandomAccessInput, header: ContainerHeader, offset: number): Promise<number> {
  const headerSync = header.size - SYNC_SIZE;
  if (offset <= headerSync) return headerSync;
  const src = new ByteSource(chunksOf(input, offset), offset);
  try {
    for (;;) {
      const at = indexOfMarker(src.buf, header.sync, src.pos, src.end);
      if (at >= 0) return src.offset + (at - src.pos);
      src.consume(Math.max(0, src.available - (SYNC_SIZE - 1)));
      if (!(await src.ensure(src.available + 1))) return -1;
    }
  } finally {
    await src.close();
  }
}

/**
 * A reader of the split `[start, end)` of a file, the way Hadoop input splits work, so that
 * several workers can read one file in parallel:
 *
 * **A block belongs to the split in which the sync marker that precedes it starts.** (The
 * first block is preceded by the header's sync marker.) So splits that cover a file end to end
 * without overlap, at any offsets, together read every block exactly once. A split reads from
 * the first sync marker starting at or after `start` and goes on past `end` to finish a block
 * whose marker started inside it.
 *
 * @param header the file's header when already read (saves reading it again per split)
 * @param ownsInput close `input` when the reader is done with it
 */
export async function openSplit(
  input: RandomAccessInput,
  start: number,
  end: number,
  options: ReadOptions = {},
  header?: ContainerHeader,
  ownsInput = false,
): Promise<ContainerReader> {
  const h = header ?? (await readHeaderOf(input, options));
  const stopAt = Math.min(end, input.size);
  const at = start >= stopAt ? -1 : await findSync(input, h, Math.max(0, start));
  const from = at < 0 || at >= stopAt ? input.size : at + SYNC_SIZE;
  const source = new ByteSource(chunksOf(input, from), from, ownsInput ? () => input.close?.() : undefined);
  return ContainerReader.withHeader(h, { source, stopAt }, options);
}

