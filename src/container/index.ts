/**
 * `avrokit/container`: Avro object container files. Writers and readers over chunks
 * (`AsyncIterable<Uint8Array>`), Node files and streams, random access and Hadoop-style
 * splits, damage handling, and the block codecs (null, deflate, snappy, zstandard, bzip2, xz;
 * loaded on first use; register your own with {@link CodecRegistry}).
 *
 * ```ts
 * import { createContainerFile, openContainerFile } from 'avrokit/container';
 * const w = await createContainerFile('users.avro', type, { codec: 'deflate' });
 * await w.writeAll(users);
 * await w.close();
 * for await (const user of await openContainerFile('users.avro')) console.log(user);
 * ```
 */
export { ContainerReader, schemaOf } from './reader.js';
export type { ReadOptions, RecordBatch } from './reader.js';
export { ContainerWriter, BlockBuilder, encodeContainer, DEFAULT_BLOCK_BYTES } from './writer.js';
export type { WriteOptions, ChunkSink } from './writer.js';
export type { RawBlock, DamagePolicy } from './framing.js';
export { AvroContainerError } from './errors.js';
export type { ContainerErrorKind, DamageReport } from './errors.js';
export { DEFAULT_CONTAINER_LIMITS } from './limits.js';
export type { ContainerLimits } from './limits.js';
export {
  HEADER_SCHEMA, MAGIC, SYNC_SIZE, decodeHeader, encodeHeader, metadataText, randomSync,
} from './header.js';
export type { ContainerHeader, MetadataValue } from './header.js';
export { CodecRegistry, nullCodec } from './codec.js';
export type { ContainerCodec, CodecSource } from './codec.js';
export { defaultCodecs, deflateCodec, snappyCodec, zstandardCodec, bzip2Codec, xzCodec } from './codecs/index.js';
export type { DeflateOptions, XzOptions, ZstandardOptions } from './codecs/index.js';
export { memoryInput, chunksOf, readHeaderOf, findSync, openSplit } from './random-access.js';
export type { RandomAccessInput } from './random-access.js';
export type { ByteInput } from './source.js';
export {
  openFileInput, fileChunks, openContainerFile, openFileSplit, createContainerFile, appendContainerFile,
  streamSink, createDecoderStream, createEncoderStream,
} from './node.js';
export type { FileInput, AppendOptions } from './node.js';

import { ContainerReader } from './reader.js';
import type { ReadOptions } from './reader.js';
import type { ByteInput } from './source.js';

/** The records of a container file given as bytes or chunks. */
export async function* readContainer(input: ByteInput, options: ReadOptions = {}): AsyncGenerator<unknown> {
  const reader = await ContainerReader.open(input, options);
  yield* reader.records();
}
