/**
 * The id index of a data file on disk: where each block starts and, for every record by
 * ordinal, its id, the hash of its id and where it starts in its block, so a lookup by id
 * reads one block instead of scanning the dataset. It is kept beside the data
 * (`_avrokit/index/00007.idx.avro`, itself an Avro container file, one record per data
 * block) with ids, hashes and starts as byte strings: loading copies bytes and decodes no
 * id (see file-index.ts). It is derived data: one that is missing, unreadable or written for other bytes is rebuilt from
 * its data file (reading only the id field), and one that covers a shorter committed length
 * (the file was appended to since) is extended from where it stops.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContainerReader, encodeContainer, metadataText } from '../container/index.js';
import type { CodecRegistry } from '../container/index.js';
import { Type } from '../type.js';
import { ByteReader } from '../wire/reader.js';
import { ByteWriter } from '../wire/writer.js';
import { writeFileAtomic } from './durable.js';
import type { EntityModel, IdKey } from './entity.js';
import { messageOf, RepositoryError } from './errors.js';
import { emptyFileIndex } from './file-index.js';
import type { FileIndex } from './file-index.js';
import { readBlocks } from './file-reader.js';
import type { Decoders, FileRef } from './file-reader.js';
import { hashKey } from './id-map.js';
import { indexPath } from './layout.js';

const KEY_FILE = 'avrokit.index.file';
const KEY_SYNC = 'avrokit.index.sync';
const KEY_BYTES = 'avrokit.index.bytes';
const KEY_VERSION = 'avrokit.index.version';
/** Version 2: ids, hashes and starts as bytes (version 1, without a version key, had arrays). */
const VERSION = '2';

interface IndexBlock {
  offset: number | bigint;
  count: number;
  ids: Uint8Array;
  hashes: Uint8Array;
  starts: Uint8Array;
}

/** The Type of index records (one per data block). */
const INDEX_TYPE = Type.forSchema({
  type: 'record',
  name: 'IdIndexBlock',
  namespace: 'avrokit.repository',
  doc: 'The ids of one block of a data file, in record order',
  fields: [
    { name: 'offset', type: 'long', doc: 'File offset of the block' },
    { name: 'count', type: 'int' },
    { name: 'ids', type: 'bytes', doc: 'The ids, Avro binary back to back (string: length and UTF-8; int, long: zig-zag varint)' },
    { name: 'hashes', type: 'bytes', doc: "Each id's avrokit id hash, int32 little-endian" },
    { name: 'starts', type: 'bytes', doc: 'Byte offset of each record in the block data, int32 little-endian' },
  ],
});

/** The kind of the entity's id field. */
export function idKindOf(model: EntityModel): 'string' | 'int' | 'long' {
  return model.record.fields.find((f) => f.name === model.idField)!.type.kind as 'string' | 'int' | 'long';
}

/** Where an index was found: usable as is, extended, or rebuilt (then worth saving). */
export type IndexSource = 'loaded' | 'extended' | 'rebuilt';

/** The id index of data file `number` covering its committed bytes (`file.bytes`). */
export async function loadFileIndex(
  dir: string, number: number, file: FileRef, model: EntityModel, codecs: CodecRegistry, decoders: Decoders,
): Promise<{ index: FileIndex; source: IndexSource }> {
  const stored = await readIndexFile(dir, number, file, model);
  if (stored !== undefined && stored.coveredBytes === file.bytes) return { index: stored, source: 'loaded' };
  const index = stored ?? emptyFileIndex(idKindOf(model), 0);
  const from = stored === undefined ? undefined : stored.coveredBytes;
  await scanIds(join(dir, file.at), file, model, codecs, decoders, index, from);
  index.coveredBytes = file.bytes;
  return { index, source: stored === undefined ? 'rebuilt' : 'extended' };
}

/** Adds the blocks and ids of `file` from `from` (default: the start) to `index`. */
async function scanIds(
  abs: string, file: FileRef, model: EntityModel, codecs: CodecRegistry, decoders: Decoders, index: FileIndex, from: number | undefined,
): Promise<void> {
  const node = model.projection(new Set([model.idField!]));
  const read = decoders.get(node, file);
  const idField = model.idField!;
  for await (const block of readBlocks(abs, file, codecs, from, index.ids.length)) {
    const r = new ByteReader(block.data, 0, block.data.length);
    try {
      for (let i = 0; i < block.count; i++) {
        index.starts.push(r.pos);
        const id = (read(r) as Record<string, IdKey>)[idField]!;
        index.ids.push(id);
        index.hashes.push(hashKey(id));
      }
    } catch (e) {
      throw new RepositoryError('damaged', `${file.path}: block at byte ${block.offset}: ${messageOf(e)}`, { file: file.path, cause: e });
    }
    if (r.pos !== block.data.length) {
      throw new RepositoryError('damaged', `${file.path}: block at byte ${block.offset}: bytes left over after its ${block.count} records`, {
        file: file.path,
      });
    }
    index.blocks.push({ offset: block.offset, first: block.first, count: block.count });
    index.ids.seal();
  }
}

/**
 * Reads a saved index; undefined when missing, unreadable, of another version or id type,
 * for another file, or covering more than committed. Ids stay encoded until needed.
 */
async function readIndexFile(dir: string, number: number, file: FileRef, model: EntityModel): Promise<FileIndex | undefined> {
  const path = join(dir, indexPath(number));
  const kind = idKindOf(model);
  try {
    // Read whole: one system call for the megabytes of a large index, where chunks would take hundreds.
    const reader = await ContainerReader.open(await readFile(path), { readerSchema: INDEX_TYPE });
    const h = reader.header;
    const covered = Number(metadataText(h, KEY_BYTES));
    if (
      metadataText(h, KEY_VERSION) !== `${VERSION}/${kind}` || metadataText(h, KEY_FILE) !== file.path ||
      metadataText(h, KEY_SYNC) !== file.sync || !(covered <= file.bytes)
    ) {
      await reader.close();
      return undefined;
    }
    const index = emptyFileIndex(kind, covered);
    for await (const b of reader) {
      const block = b as IndexBlock;
      const first = index.ids.length;
      index.blocks.push({ offset: Number(block.offset), first, count: block.count });
      index.ids.appendEncoded(block.ids, block.count);
      index.hashes.appendLE(block.hashes, block.count);
      index.starts.appendLE(block.starts, block.count);
    }
    return index;
  } catch {
    // Derived data: whatever is wrong with it (missing, damaged, old format), it is rebuilt.
    return undefined;
  }
}

/** Saves the index of data file `number` (atomically; not fsynced, as it can be rebuilt). */
export async function saveFileIndex(dir: string, number: number, file: FileRef, index: FileIndex, model: EntityModel): Promise<void> {
  const { blocks, ids, hashes, starts } = index;
  const scratch = new ByteWriter(64 * 1024);
  // Byte fields are views (of the index's arrays, or of `scratch`): the container writer
  // encodes each record as it takes it, before asking for the next.
  function* records(): Generator<IndexBlock> {
    for (const b of blocks) {
      const end = b.first + b.count;
      yield { offset: b.offset, count: b.count, ids: ids.encode(b.first, end, scratch), hashes: hashes.bytesLE(b.first, end), starts: starts.bytesLE(b.first, end) };
    }
  }
  const metadata = {
    [KEY_FILE]: file.path, [KEY_SYNC]: file.sync, [KEY_BYTES]: String(index.coveredBytes), [KEY_VERSION]: `${VERSION}/${idKindOf(model)}`,
  };
  const chunks: Uint8Array[] = [];
  for await (const c of encodeContainer(records(), INDEX_TYPE, { metadata, blockBytes: 1 << 20 })) chunks.push(c);
  // One buffer, one write. (Streaming the chunks to the file instead left a full garbage
  // collection to overlap the next large scan in the bench, where V8 then pretenured the
  // decoded records: twice the time, hundreds of MiB of heap.)
  await writeFileAtomic(join(dir, indexPath(number)), Buffer.concat(chunks), false);
}
